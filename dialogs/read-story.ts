// Everything one message already tells, read once before the dialog step: the problem without the
// greeting, the place, the date, the type and agency (the classifier) and the region hint. Pure, given
// its readers.
import { extractLocation } from "../nlp/extract-location.js";
import { hasReportIntent, stripClosing, stripOpening } from "../nlp/story-opening.js";
import { graphemeLength, hasRealWords, truncateGraphemes } from "../nlp/text-quality.js";
import { DESCRIPTION_MAX, type Story } from "./complaint-context.js";
import type { InputReaders } from "./input-readers.js";
import { readPrivacyWish } from "./privacy-wish.js";

export function readStory(text: string, readers: InputReaders): Story {
  const wish = readPrivacyWish(stripOpening(text));
  // "Rahasiakan nama saya ya" before the story: a wish to report, and nothing to file as its description.
  const opened = wish?.only ? "" : stripClosing(stripOpening(text));
  // Never more than the limit is filed: a longer first message keeps its first 4,000 characters.
  const truncated = graphemeLength(opened) > DESCRIPTION_MAX;
  const description = truncated ? truncateGraphemes(opened, DESCRIPTION_MAX) : opened;
  const locationText = extractLocation(description);
  const incidentDate = readers.findDate(description);
  const regionHint = readers.regionHint(description);
  return {
    description,
    intent: hasReportIntent(text) || wish?.only === true,
    truncated,
    hasWords: hasRealWords(description),
    classification: readers.classify(description || (wish?.only ? "" : text)),
    ...(wish ? { privacy: wish.privacy } : {}),
    ...(locationText ? { locationText } : {}),
    ...(incidentDate ? { incidentDate } : {}),
    ...(regionHint ? { regionHint } : {}),
  };
}
