// Files a finished form as a complaint: inside the dialog step's transaction, idempotent per submission.
// Over the step store (db/step-store.ts): prepared statements on SQLite, filing being on every citizen's path.
import { randomUUID } from "node:crypto";
import type { CitizenIdentity } from "../db/sql-store.js";
import type { StepStore } from "../db/step-store.js";
import { COORDINATOR_CODE, type Classification, type ReportType } from "../nlp/classification.js";
import { ACTOR, EVENT, STATUS, type Privacy } from "./complaint-status.js";
import { STAFF_NOTICE } from "./notification-copy.js";
import { filingAudience, toStaff } from "./notifications.js";
import { outboxRows } from "./outbox.js";
import { finishDue, responseDue, routeDue, type SlaPolicy } from "./sla.js";
import { newTrackingCode } from "./tracking-code.js";

/** What the citizen answered; the dialog's draft is a partial of it. */
export interface ComplaintAnswers {
  reportType: ReportType;
  description: string;
  suggestion?: Classification;
  /** Chosen agency code, or KOORDINATOR when the citizen does not know. */
  agency?: string;
  /** True when the citizen confirmed the suggested agency (a confident one is routed at once). */
  agencyConfirmed?: boolean;
  locationText?: string;
  latitude?: number;
  longitude?: number;
  regionHint?: string;
  incidentDate?: string;
  photoIds: string[];
  privacy: Privacy;
}

export interface ComplaintForm extends ComplaintAnswers {
  submissionId: string;
  trackingCode: string;
}

export interface FilingDeps {
  now: Date;
  sla: SlaPolicy;
  agencyName(code: string): string | undefined;
}

export interface FiledComplaint {
  id: string;
  trackingCode: string;
  status: string;
  assignedAgency: string | null;
  /** False when this submission had been filed before (a replay): nothing new was written. */
  created: boolean;
}

/** The classifier's best agency and its confidence; below the threshold its best guess is still what it suggested. */
function classifierSuggestion(suggestion: Classification | undefined): { agency: string; confidence: number } {
  if (!suggestion) return { agency: COORDINATOR_CODE, confidence: 0 };
  const best = suggestion.top[0];
  return best
    ? { agency: best.agency, confidence: suggestion.confidence }
    : { agency: suggestion.agency, confidence: suggestion.confidence };
}

async function uniqueTrackingCode(store: StepStore, preferred: string): Promise<string> {
  let code = preferred;
  while (await store.trackingCodeTaken(code)) code = newTrackingCode();
  return code;
}

export async function fileComplaint(
  store: StepStore,
  form: ComplaintForm,
  reporter: CitizenIdentity,
  deps: FilingDeps,
): Promise<FiledComplaint> {
  const existing = await store.complaintBySubmission(form.submissionId);
  if (existing) return { ...existing, created: false };
  const now = deps.now;
  const chosen = form.agency ?? COORDINATOR_CODE;
  // Routed at once only when the citizen confirmed a confident suggestion; otherwise the coordinator verifies.
  const routed = chosen !== COORDINATOR_CODE && form.agencyConfirmed === true && form.suggestion?.agency === chosen;
  const suggested = classifierSuggestion(form.suggestion);
  const id = randomUUID();
  const trackingCode = await uniqueTrackingCode(store, form.trackingCode);
  const status = routed ? STATUS.DITERUSKAN : STATUS.BARU;
  const assignedAgency = routed ? chosen : null;
  const citizenId = await store.upsertCitizen(reporter, now);
  await store.insertComplaint({
    id,
    trackingCode,
    submissionId: form.submissionId,
    citizenId,
    channel: reporter.channel,
    chatId: reporter.chatId,
    reportType: form.reportType,
    description: form.description,
    // What the classifier suggested, with its confidence: never the citizen's choice (that is `chosen`).
    suggestedAgency: suggested.agency,
    suggestedConfidence: suggested.confidence,
    assignedAgency,
    locationText: form.locationText ?? null,
    latitude: form.latitude ?? null,
    longitude: form.longitude ?? null,
    regionHint: form.regionHint ?? null,
    // Only a pengaduan reports an incident; a date a suggestion or a question happens to mention is not one.
    incidentDate: form.reportType === "pengaduan" && form.incidentDate ? new Date(`${form.incidentDate}T00:00:00Z`) : null,
    privacy: form.privacy,
    urgent: form.suggestion?.urgent ?? false,
    status,
    filedAt: now,
    routedAt: routed ? now : null,
    routeDueAt: routeDue(now, deps.sla),
    responseDueAt: routed ? responseDue(now, deps.sla) : null,
    finishDueAt: finishDue(now, deps.sla),
  });
  const event = { complaintId: id, agencyCode: null, createdAt: now, visibleToCitizen: true };
  await store.insertEvent({
    ...event,
    type: EVENT.FILED,
    fromStatus: null,
    toStatus: STATUS.BARU,
    actorType: ACTOR.CITIZEN,
    // The citizen's own pick of an agency, when it was not routed at once, is for the coordinator to see.
    note:
      !routed && chosen !== COORDINATOR_CODE
        ? `Laporan diterima. Instansi pilihan pelapor: ${deps.agencyName(chosen) ?? chosen}.`
        : "Laporan diterima.",
  });
  if (routed) {
    await store.insertEvent({
      ...event,
      type: EVENT.FORWARDED,
      fromStatus: STATUS.BARU,
      toStatus: STATUS.DITERUSKAN,
      actorType: ACTOR.SYSTEM,
      agencyCode: chosen,
      note: `Diteruskan otomatis ke ${deps.agencyName(chosen) ?? chosen} sesuai pilihan pelapor.`,
    });
  }
  await store.attachDraftPhotos(form.submissionId, form.photoIds, id);
  await notifyStaffOfNewComplaint(
    store,
    {
      id,
      trackingCode,
      assignedAgency,
      suggestedAgency: chosen === COORDINATOR_CODE ? suggested.agency : chosen,
      urgent: form.suggestion?.urgent ?? false,
    },
    deps,
  );
  return { id, trackingCode, status, assignedAgency, created: true };
}

interface NewComplaintNotice {
  id: string;
  trackingCode: string;
  assignedAgency: string | null;
  suggestedAgency: string;
  urgent: boolean;
}

/** The filing audience hears of it (notifications.ts), in this step's transaction; never names the reporter. */
async function notifyStaffOfNewComplaint(store: StepStore, complaint: NewComplaintNotice, deps: FilingDeps): Promise<void> {
  const nameOf = (code: string) => deps.agencyName(code) ?? code;
  const message = STAFF_NOTICE.filed(
    complaint.trackingCode,
    complaint.urgent,
    complaint.assignedAgency ? nameOf(complaint.assignedAgency) : null,
    nameOf(complaint.suggestedAgency),
  );
  const members = await store.staffOfAgencies(filingAudience(complaint.assignedAgency));
  for (const row of outboxRows(toStaff(members, message, { complaintId: complaint.id })))
    await store.enqueueOutbox(row, deps.now);
}
