// What staff and citizens are shown of a complaint. The projections drop what a reader must not see
// (an anonymous reporter's identity for staff, internal notes and staff identities for citizens), so
// the renderers in dialogs/ cannot leak what they never receive.
import type { Complaint, ComplaintEvent, ComplaintWithCitizen } from "../db/models.js";
import { CLOSED_STATUSES, EVENT, STATUS_LABEL, type ComplaintStatus } from "./complaint-status.js";
import { formatDateTime, formatDay, formatShort, summarize } from "./lifecycle-format.js";
import { isStatus } from "./lifecycle-rules.js";
import { nextStepLine } from "./notification-copy.js";
import { hidesReporter } from "./permissions.js";
import { overdueKind, reopenDeadline, type OverdueKind, type SlaPolicy } from "./sla.js";

export type { ComplaintWithCitizen } from "../db/models.js";

export interface ViewContext {
  agencyName(code: string): string | undefined;
  sla: SlaPolicy;
  now: Date;
}

export interface HistoryLine {
  at: string;
  text: string;
  internal: boolean;
}

export interface StaffComplaintView {
  code: string;
  status: ComplaintStatus;
  statusLabel: string;
  reportType: string;
  privacy: string;
  urgent: boolean;
  agency: string | null;
  /** Agency code the assigned agency has, null while with the coordinator. */
  agencyCode: string | null;
  suggested: string;
  suggestedCode: string;
  /** 0..1 */
  suggestedConfidence: number;
  /** "Anonim" for anonymous reports; never a user id or chat id. */
  reporter: string;
  description: string;
  incidentDate: string | null;
  location: string | null;
  /** "-6.91750, 107.61910" when the citizen shared a point. */
  coordinates: string | null;
  mapUrl: string | null;
  attachmentCount: number;
  filedAt: string;
  deadlines: string[];
  overdue: string | null;
  reopenCount: number;
  notAuthorityCount: number;
  rating: number | null;
  citizenSatisfied: boolean | null;
  waitingForAnswer: boolean;
  history: HistoryLine[];
}

export interface CitizenComplaintView {
  code: string;
  statusLabel: string;
  agency: string | null;
  summary: string;
  /** Where and when, as filed (the citizen's own words or pin; the incident date). */
  location: string | null;
  incidentDate: string | null;
  filedAt: string;
  nextStep: string;
  history: HistoryLine[];
}

export interface QueueItem {
  code: string;
  statusLabel: string;
  agency: string;
  summary: string;
  filedAt: string;
  overdue: string | null;
  urgent: boolean;
}

const OVERDUE_LABEL: Record<OverdueKind, string> = {
  route: "TERLAMBAT diteruskan",
  response: "TERLAMBAT ditindaklanjuti",
  finish: "TERLAMBAT diselesaikan",
};

function statusOf(complaint: Complaint): ComplaintStatus {
  if (isStatus(complaint.status)) return complaint.status;
  throw new Error(`Complaint ${complaint.trackingCode} has unknown status "${complaint.status}"`);
}

function agencyLabel(code: string | null, context: ViewContext): string | null {
  if (code === null) return null;
  const name = context.agencyName(code);
  return name && name !== code ? `${name} (${code})` : code;
}

export function overdueLabel(complaint: Complaint, now: Date): string | null {
  const kind = overdueKind(complaint, now);
  return kind ? OVERDUE_LABEL[kind] : null;
}

function reporterLine(complaint: ComplaintWithCitizen): string {
  if (hidesReporter(complaint)) return "Anonim (identitas pelapor dirahasiakan)";
  const parts = [complaint.citizen.displayName ?? "(tanpa nama)"];
  if (complaint.citizen.phone) parts.push(complaint.citizen.phone);
  return parts.join(", ");
}

function staffEventText(event: ComplaintEvent): string {
  const note = event.note ? `: ${event.note}` : "";
  switch (event.type) {
    case EVENT.FILED:
      return `Laporan masuk${note}`;
    case EVENT.FORWARDED:
      return `Diteruskan ke ${event.agencyCode ?? "?"}${note}`;
    case EVENT.PROCESSING:
      return `Mulai diproses${note}`;
    case EVENT.REPLY:
      return `Balasan ke pelapor${note}`;
    case EVENT.NOTE:
      return `Catatan internal${note}`;
    case EVENT.FINISHED:
      return `Selesai${note}`;
    case EVENT.REJECTED:
      return `Ditolak${note}`;
    case EVENT.NOT_AUTHORITY:
      return `Bukan wewenang ${event.agencyCode ?? "?"}${note}`;
    case EVENT.QUESTION:
      return `Pertanyaan ke pelapor${note}`;
    case EVENT.ANSWER:
      return `Tanggapan pelapor${note}`;
    case EVENT.REOPENED:
      return `Dibuka kembali oleh pelapor${note}`;
    case EVENT.RATED:
      return `Pelapor memberi nilai ${event.note ?? "?"}/5`;
    case EVENT.CONFIRMED:
      return `Pelapor menyatakan masalah ${event.note === "sudah" ? "sudah" : "belum"} beres`;
    case EVENT.PHOTO:
      return "Pelapor mengirim foto tambahan";
    default:
      return `${event.type}${note}`;
  }
}

/** Who did it, by name (accountability) and never as a raw identity such as telegram:123. */
export type StaffNames = ReadonlyMap<string, string>;

export const FORMER_STAFF = "petugas yang sudah tidak terdaftar";

function staffActorSuffix(event: ComplaintEvent, names: StaffNames): string {
  if (event.actorType !== "STAFF" || !event.actorIdentity) return "";
  return ` (oleh ${names.get(event.actorIdentity) ?? FORMER_STAFF})`;
}

/** "Budi (DPUPR)", or "Petugas DPUPR" for someone registered without a name. */
export function staffLabel(staff: { name: string | null; agencyCode: string }): string {
  return staff.name ? `${staff.name} (${staff.agencyCode})` : `Petugas ${staff.agencyCode}`;
}

/** A push the platform refused for good, or held until the person writes again: staff may reach them another way. */
export interface FailedDelivery {
  chatId: string;
  at: Date;
  /** Waiting for the recipient's next message (WhatsApp's 24-hour window had closed). */
  held: boolean;
  lastError: string | null;
}

function failedDeliveryLine(complaint: Complaint, failure: FailedDelivery, offset: number): HistoryLine & { time: number } {
  const to = failure.chatId === complaint.chatId ? "pelapor" : `petugas ${failure.chatId}`;
  return {
    time: failure.at.getTime(),
    at: formatShort(failure.at, offset),
    text: failure.held
      ? `Pesan ke ${to} DITAHAN sampai ${to} membalas (lebih dari 24 jam sejak pesan terakhirnya)`
      : `Pesan ke ${to} GAGAL terkirim${failure.lastError ? ` (${failure.lastError})` : ""}`,
    internal: true,
  };
}

/** The place as filed: the citizen's words, else the pin. */
function complaintLocation(complaint: Complaint): string | null {
  const hasPoint = complaint.latitude !== null && complaint.longitude !== null;
  return complaint.locationText ?? (hasPoint ? `${complaint.latitude}, ${complaint.longitude}` : null);
}

export function toStaffView(
  complaint: ComplaintWithCitizen,
  events: ComplaintEvent[],
  attachmentCount: number,
  context: ViewContext,
  staffNames: StaffNames = new Map(),
  failedDeliveries: readonly FailedDelivery[] = [],
): StaffComplaintView {
  const offset = context.sla.calendar.utcOffsetMinutes;
  const status = statusOf(complaint);
  const deadlines: string[] = [];
  if (status === "BARU") deadlines.push(`Batas diteruskan: ${formatDay(complaint.routeDueAt, offset)}`);
  if (complaint.responseDueAt && (status === "DITERUSKAN" || status === "DIBUKA_KEMBALI")) {
    deadlines.push(`Batas tindak lanjut pertama: ${formatDay(complaint.responseDueAt, offset)}`);
  }
  if (!CLOSED_STATUSES.includes(status)) {
    deadlines.push(`Batas selesai: ${formatDay(complaint.finishDueAt, offset)}`);
  }
  const hasPoint = complaint.latitude !== null && complaint.longitude !== null;
  return {
    code: complaint.trackingCode,
    status,
    statusLabel: STATUS_LABEL[status],
    reportType: complaint.reportType,
    privacy: complaint.privacy,
    urgent: complaint.urgent,
    agency: agencyLabel(complaint.assignedAgency, context),
    agencyCode: complaint.assignedAgency,
    suggested: `${complaint.suggestedAgency} (${Math.round(complaint.suggestedConfidence * 100)}%)`,
    suggestedCode: complaint.suggestedAgency,
    suggestedConfidence: complaint.suggestedConfidence,
    reporter: reporterLine(complaint),
    description: complaint.description,
    incidentDate: complaint.incidentDate ? formatDay(complaint.incidentDate, offset) : null,
    location: complaintLocation(complaint),
    coordinates: hasPoint ? `${complaint.latitude?.toFixed(5)}, ${complaint.longitude?.toFixed(5)}` : null,
    mapUrl: hasPoint ? `https://maps.google.com/?q=${complaint.latitude},${complaint.longitude}` : null,
    attachmentCount,
    filedAt: formatDateTime(complaint.filedAt, offset),
    deadlines,
    overdue: overdueLabel(complaint, context.now),
    reopenCount: complaint.reopenCount,
    notAuthorityCount: complaint.notAuthorityCount,
    rating: complaint.rating,
    citizenSatisfied: complaint.citizenSatisfied,
    waitingForAnswer: complaint.pendingQuestionBy !== null,
    history: [
      ...events.map((event) => ({
        time: event.createdAt.getTime(),
        at: formatShort(event.createdAt, offset),
        text: staffEventText(event) + staffActorSuffix(event, staffNames),
        internal: !event.visibleToCitizen,
      })),
      ...failedDeliveries.map((failure) => failedDeliveryLine(complaint, failure, offset)),
    ]
      .sort((a, b) => a.time - b.time)
      .map(({ time: _time, ...line }) => line),
  };
}

function citizenEventText(event: ComplaintEvent, context: ViewContext): string | null {
  const agency = (event.agencyCode && context.agencyName(event.agencyCode)) ?? event.agencyCode ?? "instansi";
  const note = event.note ? `: ${event.note}` : "";
  switch (event.type) {
    case EVENT.FILED:
      return "Laporan diterima";
    case EVENT.FORWARDED:
      return `Diteruskan ke ${agency}`;
    case EVENT.PROCESSING:
      return `Diproses oleh ${agency}${note}`;
    case EVENT.REPLY:
      return `Pesan dari ${agency}${note}`;
    case EVENT.FINISHED:
      return `Selesai${note}`;
    case EVENT.REJECTED:
      return `Ditolak${note}`;
    // The agency's reason is internal; the citizen learns only that routing continues.
    case EVENT.NOT_AUTHORITY:
      return "Dialihkan ke koordinator untuk diteruskan ke instansi yang berwenang";
    case EVENT.QUESTION:
      return `Pertanyaan dari ${agency}${note}`;
    case EVENT.ANSWER:
      return `Tanggapan Anda${note}`;
    case EVENT.REOPENED:
      return `Dibuka kembali${note}`;
    case EVENT.RATED:
      return `Anda memberi nilai ${event.note ?? "?"}/5`;
    case EVENT.CONFIRMED:
      return event.note === "sudah" ? "Anda menyatakan masalah sudah beres" : "Anda menyatakan masalah belum beres";
    case EVENT.PHOTO:
      return "Anda mengirim foto tambahan";
    default:
      return null;
  }
}

export function reopenUntil(complaint: Complaint, context: ViewContext): string | null {
  if (complaint.status !== "SELESAI" || !complaint.finishedAt) return null;
  const deadline = reopenDeadline(complaint.finishedAt, context.sla);
  return deadline.getTime() >= context.now.getTime() ? formatDateTime(deadline, context.sla.calendar.utcOffsetMinutes) : null;
}

export function citizenNextStep(complaint: Complaint, context: ViewContext): string {
  const offset = context.sla.calendar.utcOffsetMinutes;
  return nextStepLine({
    code: complaint.trackingCode,
    status: statusOf(complaint),
    agencyName: complaint.assignedAgency ? (context.agencyName(complaint.assignedAgency) ?? complaint.assignedAgency) : null,
    routeDue: formatDay(complaint.routeDueAt, offset),
    responseDue: complaint.responseDueAt ? formatDay(complaint.responseDueAt, offset) : null,
    reopenUntil: reopenUntil(complaint, context),
  });
}

export function toCitizenView(complaint: Complaint, events: ComplaintEvent[], context: ViewContext): CitizenComplaintView {
  const offset = context.sla.calendar.utcOffsetMinutes;
  const history: HistoryLine[] = [];
  for (const event of events) {
    // NOTE is internal whatever its flag says: a wrong flag must not leak a staff remark.
    if (!event.visibleToCitizen || event.type === EVENT.NOTE) continue;
    const text = citizenEventText(event, context);
    if (text) history.push({ at: formatShort(event.createdAt, offset), text, internal: false });
  }
  const status = statusOf(complaint);
  return {
    code: complaint.trackingCode,
    statusLabel: STATUS_LABEL[status],
    agency: complaint.assignedAgency ? (context.agencyName(complaint.assignedAgency) ?? complaint.assignedAgency) : null,
    summary: summarize(complaint.description, 60),
    location: complaintLocation(complaint),
    incidentDate: complaint.incidentDate ? formatDay(complaint.incidentDate, offset) : null,
    filedAt: formatDateTime(complaint.filedAt, offset),
    nextStep: citizenNextStep(complaint, context),
    history,
  };
}

export function toQueueItem(complaint: Complaint, context: ViewContext): QueueItem {
  return {
    code: complaint.trackingCode,
    statusLabel: STATUS_LABEL[statusOf(complaint)],
    agency: complaint.assignedAgency ?? "belum diteruskan",
    summary: summarize(complaint.description, 60),
    filedAt: formatShort(complaint.filedAt, context.sla.calendar.utcOffsetMinutes),
    overdue: overdueLabel(complaint, context.now),
    urgent: complaint.urgent,
  };
}
