// How what a message tells fills the draft: a new story starts it, a description answer (or an Ubah)
// updates it without undoing what the citizen chose. Pure.
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { ComplaintContext, ComplaintDraft, Story } from "./complaint-context.js";

/** A confident suggestion becomes the agency shown in the summary (changed there with Ubah). */
function agencyFrom(story: Story): Pick<ComplaintDraft, "agency" | "agencyConfirmed"> {
  const confident = story.classification.agency !== COORDINATOR_CODE;
  return confident
    ? { agency: story.classification.agency, agencyConfirmed: true }
    : { agency: undefined, agencyConfirmed: false };
}

/** The draft of a report started from a story: everything it tells, nothing guessed beyond it. */
export function storyDraft(draft: ComplaintDraft, story: Story): ComplaintDraft {
  return {
    ...draft,
    ...(story.hasWords && story.description ? { description: story.description } : {}),
    reportType: story.classification.type,
    suggestion: story.classification,
    ...agencyFrom(story),
    ...(story.locationText ? { locationText: story.locationText } : {}),
    ...(story.incidentDate ? { incidentDate: story.incidentDate } : {}),
    ...(story.regionHint ? { regionHint: story.regionHint } : {}),
    ...(story.privacy ? { privacy: story.privacy } : {}),
  };
}

/** The draft after a description answer: the type and agency follow it unless the citizen chose them. */
export function withDescription(context: ComplaintContext, story: Story): ComplaintDraft {
  const draft = context.draft;
  const agencyWasSuggested =
    draft.agency === undefined || (draft.agencyConfirmed === true && draft.agency === draft.suggestion?.agency);
  return {
    ...draft,
    description: story.description,
    suggestion: story.classification,
    ...(context.typeChosen ? {} : { reportType: story.classification.type }),
    ...(agencyWasSuggested ? agencyFrom(story) : {}),
    ...(!draft.locationText && draft.latitude === undefined && story.locationText ? { locationText: story.locationText } : {}),
    ...(!draft.incidentDate && story.incidentDate ? { incidentDate: story.incidentDate } : {}),
    regionHint: draft.regionHint ?? story.regionHint,
    ...(story.privacy ? { privacy: story.privacy } : {}),
  };
}
