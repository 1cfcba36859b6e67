// Service-level deadlines of SP4N-LAPOR!, all configurable (Permen PANRB 5/2025 may change them).
import { addWorkingDays, type WorkingCalendar } from "./working-days.js";

export interface SlaPolicy {
  calendar: WorkingCalendar;
  /** Verification and forwarding to the authorised agency. */
  routeWorkingDays: number;
  /** The agency's first follow-up after it received the complaint. */
  responseWorkingDays: number;
  /** Outer limit for finishing, counted from filing. */
  finishWorkingDays: number;
  /** Working days after SELESAI in which the citizen may reopen; after that SELESAI is final. */
  reopenDays: number;
}

export const DEFAULT_SLA: Omit<SlaPolicy, "calendar"> = {
  routeWorkingDays: 3,
  responseWorkingDays: 5,
  finishWorkingDays: 60,
  reopenDays: 10,
};

export function routeDue(filedAt: Date, policy: SlaPolicy): Date {
  return addWorkingDays(filedAt, policy.routeWorkingDays, policy.calendar);
}

export function responseDue(routedAt: Date, policy: SlaPolicy): Date {
  return addWorkingDays(routedAt, policy.responseWorkingDays, policy.calendar);
}

export function finishDue(filedAt: Date, policy: SlaPolicy): Date {
  return addWorkingDays(filedAt, policy.finishWorkingDays, policy.calendar);
}

/** SP4N-LAPOR!: the citizen may answer a follow-up within 10 working days; then SELESAI is final. */
export function reopenDeadline(finishedAt: Date, policy: SlaPolicy): Date {
  return addWorkingDays(finishedAt, policy.reopenDays, policy.calendar);
}

/** The deadline fields of a complaint that decide whether it is late. */
export interface DeadlineFields {
  status: string;
  assignedAgency: string | null;
  routeDueAt: Date;
  responseDueAt: Date | null;
  finishDueAt: Date;
}

export type OverdueKind = "route" | "response" | "finish";

/**
 * Which limit an open complaint has passed, or null. Routing and first response are checked
 * before the outer finish limit because they say who has to act now.
 */
export function overdueKind(complaint: DeadlineFields, now: Date): OverdueKind | null {
  const time = now.getTime();
  const { status } = complaint;
  if (status === "SELESAI" || status === "DITOLAK") return null;
  if (status === "BARU" && complaint.routeDueAt.getTime() < time) return "route";
  if (
    (status === "DITERUSKAN" || status === "DIBUKA_KEMBALI") &&
    complaint.responseDueAt !== null &&
    complaint.responseDueAt.getTime() < time
  ) {
    return "response";
  }
  if (complaint.finishDueAt.getTime() < time) return "finish";
  return null;
}

/** The SLA state staff see as a colour and words: on time, near the limit (one working day left), late. */
export type SlaState = "tepat_waktu" | "mendekati_batas" | "terlambat";

export const SLA_STATE_LABEL: Record<SlaState, string> = {
  tepat_waktu: "tepat waktu",
  mendekati_batas: "mendekati batas",
  terlambat: "terlambat",
};

/** The deadline that applies now, the same order as overdueKind; null when closed. */
export function currentDeadline(complaint: DeadlineFields): Date | null {
  const { status } = complaint;
  if (status === "SELESAI" || status === "DITOLAK") return null;
  if (status === "BARU") return complaint.routeDueAt;
  if ((status === "DITERUSKAN" || status === "DIBUKA_KEMBALI") && complaint.responseDueAt !== null) {
    return complaint.responseDueAt.getTime() < complaint.finishDueAt.getTime() ? complaint.responseDueAt : complaint.finishDueAt;
  }
  return complaint.finishDueAt;
}

/** null for closed complaints. */
export function slaState(complaint: DeadlineFields, now: Date, policy: SlaPolicy): SlaState | null {
  if (overdueKind(complaint, now) !== null) return "terlambat";
  const deadline = currentDeadline(complaint);
  if (deadline === null) return null;
  return deadline.getTime() <= addWorkingDays(now, 1, policy.calendar).getTime() ? "mendekati_batas" : "tepat_waktu";
}
