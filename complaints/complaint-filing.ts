// Files a finished form as a complaint: one transaction with the dialog step, idempotent per submission.
import type { ChannelName } from "../bots/channel.js";
import type { Db } from "../db/database.js";
import { attachDraftPhotos } from "../db/attachment-store.js";
import { upsertCitizen, type CitizenIdentity } from "../db/citizen-store.js";
import { COORDINATOR_CODE, type Classification } from "../nlp/classification.js";
import { ACTOR, EVENT, STATUS, type Privacy } from "./complaint-status.js";
import { enqueueMessages, type OutboxItem } from "./outbox.js";
import { finishDue, responseDue, routeDue, type SlaPolicy } from "./sla.js";
import { newTrackingCode } from "./tracking-code.js";

export interface ComplaintForm {
  submissionId: string;
  trackingCode: string;
  reportType: string;
  description: string;
  suggestion?: Classification;
  agency?: string;
  agencyConfirmed?: boolean;
  locationText?: string;
  latitude?: number;
  longitude?: number;
  regionHint?: string;
  incidentDate?: string;
  photoIds: string[];
  privacy: Privacy;
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

/** Staff identities are `channel:userId`; private chats share the user's id. */
export function staffAddress(identity: string): { channel: ChannelName; chatId: string } | null {
  const at = identity.indexOf(":");
  const channel = identity.slice(0, at);
  if (at <= 0 || !["telegram", "whatsapp", "terminal"].includes(channel)) return null;
  return { channel: channel as ChannelName, chatId: identity.slice(at + 1) };
}

async function uniqueTrackingCode(db: Db, preferred: string): Promise<string> {
  let code = preferred;
  while (await db.complaint.findUnique({ where: { trackingCode: code }, select: { id: true } })) code = newTrackingCode();
  return code;
}

export async function fileComplaint(db: Db, form: ComplaintForm, reporter: CitizenIdentity, deps: FilingDeps): Promise<FiledComplaint> {
  const existing = await db.complaint.findUnique({ where: { submissionId: form.submissionId } });
  if (existing) {
    return { id: existing.id, trackingCode: existing.trackingCode, status: existing.status, assignedAgency: existing.assignedAgency, created: false };
  }
  const now = deps.now;
  const chosen = form.agency ?? COORDINATOR_CODE;
  // Routed at once only when the citizen confirmed a confident suggestion; otherwise the coordinator verifies.
  const routed = chosen !== COORDINATOR_CODE && form.agencyConfirmed === true && form.suggestion?.agency === chosen;
  const citizenId = await upsertCitizen(db, reporter);
  const trackingCode = await uniqueTrackingCode(db, form.trackingCode);
  const complaint = await db.complaint.create({
    data: {
      trackingCode,
      submissionId: form.submissionId,
      citizenId,
      channel: reporter.channel,
      chatId: reporter.chatId,
      reportType: form.reportType,
      description: form.description,
      suggestedAgency: chosen,
      suggestedConfidence: form.suggestion?.top.find((score) => score.agency === chosen)?.score ?? 0,
      assignedAgency: routed ? chosen : null,
      locationText: form.locationText ?? null,
      latitude: form.latitude ?? null,
      longitude: form.longitude ?? null,
      regionHint: form.regionHint ?? null,
      incidentDate: form.incidentDate ? new Date(`${form.incidentDate}T00:00:00Z`) : null,
      privacy: form.privacy,
      urgent: form.suggestion?.urgent ?? false,
      status: routed ? STATUS.DITERUSKAN : STATUS.BARU,
      filedAt: now,
      routedAt: routed ? now : null,
      routeDueAt: routeDue(now, deps.sla),
      responseDueAt: routed ? responseDue(now, deps.sla) : null,
      finishDueAt: finishDue(now, deps.sla),
    },
  });
  await db.complaintEvent.create({
    data: {
      complaintId: complaint.id,
      type: EVENT.FILED,
      toStatus: STATUS.BARU,
      actorType: ACTOR.CITIZEN,
      visibleToCitizen: true,
      note: "Laporan diterima.",
      createdAt: now,
    },
  });
  if (routed) {
    await db.complaintEvent.create({
      data: {
        complaintId: complaint.id,
        type: EVENT.FORWARDED,
        fromStatus: STATUS.BARU,
        toStatus: STATUS.DITERUSKAN,
        actorType: ACTOR.SYSTEM,
        agencyCode: chosen,
        visibleToCitizen: true,
        note: `Diteruskan otomatis ke ${deps.agencyName(chosen) ?? chosen} sesuai pilihan pelapor.`,
        createdAt: now,
      },
    });
  }
  await attachDraftPhotos(db, form.submissionId, form.photoIds, complaint.id);
  await notifyStaffOfNewComplaint(db, complaint, deps);
  return { id: complaint.id, trackingCode, status: complaint.status, assignedAgency: complaint.assignedAgency, created: true };
}

interface NewComplaintNotice {
  id: string;
  trackingCode: string;
  assignedAgency: string | null;
  suggestedAgency: string;
  urgent: boolean;
  privacy: string;
}

/** The handling agency and the coordinators hear of it; the message never names the reporter. */
async function notifyStaffOfNewComplaint(db: Db, complaint: NewComplaintNotice, deps: FilingDeps): Promise<void> {
  const audience = complaint.assignedAgency ? [complaint.assignedAgency, COORDINATOR_CODE] : [COORDINATOR_CODE];
  const staff = await db.staff.findMany({ where: { agencyCode: { in: audience } }, select: { identity: true, agencyCode: true } });
  const where = complaint.assignedAgency
    ? `diteruskan ke ${deps.agencyName(complaint.assignedAgency) ?? complaint.assignedAgency}`
    : `menunggu verifikasi dan penerusan (usulan: ${deps.agencyName(complaint.suggestedAgency) ?? complaint.suggestedAgency})`;
  const text =
    `${complaint.urgent ? "[MENDESAK] " : ""}Laporan baru ${complaint.trackingCode}, ${where}.` +
    `\nLihat rinciannya dengan /lihat ${complaint.trackingCode}`;
  const items: OutboxItem[] = [];
  for (const member of staff) {
    const address = staffAddress(member.identity);
    if (address) items.push({ ...address, message: { text }, complaintId: complaint.id });
  }
  await enqueueMessages(db, items, deps.now);
}
