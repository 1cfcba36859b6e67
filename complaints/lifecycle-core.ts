// Shared steps of every lifecycle operation: load a complaint the actor may touch, check the move,
// then write the change, its event and its outbox rows through the same db (one transaction when
// the caller runs inside one, as the conversation runner does).
import {
  changeComplaintIfUnchanged,
  complaintByCode,
  insertComplaintEvent,
  type ComplaintChanges,
} from "../db/complaint-repository.js";
import type { Db } from "../db/database.js";
import type { Clock } from "./clock.js";
import { ACTOR, type ComplaintStatus, type EventType } from "./complaint-status.js";
import type { ComplaintWithCitizen } from "./complaint-views.js";
import { LIFECYCLE_COPY } from "./lifecycle-copy.js";
import { isStatus, nextStatus, refusalReason, type LifecycleOperation } from "./lifecycle-rules.js";
import { enqueueMessages, type OutboxItem } from "./outbox.js";
import { isCitizenActor, isReporter, staffCanView, type Actor, type CitizenActor, type StaffActor } from "./permissions.js";
import type { SlaPolicy } from "./sla.js";
import { parseTrackingCode } from "./tracking-code.js";

export interface LifecycleDeps {
  clock: Clock;
  sla: SlaPolicy;
  agencyName(code: string): string | undefined;
  /** Known agency codes, for the list shown after an unknown code (optional). */
  agencyCodes?(): string[];
}

export type Failure = { ok: false; message: string };
export type Outcome<T> = ({ ok: true } & T) | Failure;

export interface ChangeResult {
  code: string;
  from: ComplaintStatus;
  to: ComplaintStatus;
  /** The agency handling the complaint after the change (null: back with the coordinator). */
  agencyCode: string | null;
  /** Outbox rows written: pushes to the citizen and to staff. */
  citizenMessages: number;
  staffMessages: number;
}

export const fail = (message: string): Failure => ({ ok: false, message });

/** Staff access: a complaint outside the actor's reach reads exactly like a missing one. */
export async function loadForStaff(db: Db, actor: Actor, rawCode: string): Promise<Outcome<{ complaint: ComplaintWithCitizen }>> {
  const code = parseTrackingCode(rawCode);
  if (!code) return fail(LIFECYCLE_COPY.invalidCode(rawCode));
  if (isCitizenActor(actor)) return fail(LIFECYCLE_COPY.notFound(code));
  const complaint = await complaintByCode(db, code);
  if (!complaint || !staffCanView(actor, complaint)) return fail(LIFECYCLE_COPY.notFoundForStaff(code, actor.agencyCode));
  return { ok: true, complaint };
}

/** Citizen access: only the reporter (same channel and user id); anyone else learns nothing. */
export async function loadForReporter(
  db: Db,
  actor: Actor,
  rawCode: string,
): Promise<Outcome<{ complaint: ComplaintWithCitizen }>> {
  const code = parseTrackingCode(rawCode);
  if (!code) return fail(LIFECYCLE_COPY.invalidCode(rawCode));
  const complaint = await complaintByCode(db, code);
  if (!complaint || !isReporter(actor, complaint)) return fail(LIFECYCLE_COPY.notFound(code));
  return { ok: true, complaint };
}

export function statusOf(complaint: ComplaintWithCitizen): ComplaintStatus {
  if (isStatus(complaint.status)) return complaint.status;
  throw new Error(`Complaint ${complaint.trackingCode} has unknown status "${complaint.status}"`);
}

/** The move is allowed from the current status, or the Indonesian reason it is not. */
export function checkMove(operation: LifecycleOperation, complaint: ComplaintWithCitizen): Failure | null {
  const reason = refusalReason(operation, statusOf(complaint), complaint.trackingCode);
  return reason ? fail(reason) : null;
}

/** Trimmed text within bounds, or the reason it is not acceptable. */
export function requireText(
  value: string | undefined | null,
  what: string,
  limits: { min: number; max: number },
): Outcome<{ text: string }> {
  const text = (value ?? "").trim();
  if (text === "") return fail(LIFECYCLE_COPY.textRequired(what));
  if (text.length < limits.min) return fail(LIFECYCLE_COPY.textTooShort(what, limits.min));
  if (text.length > limits.max) return fail(LIFECYCLE_COPY.textTooLong(what, limits.max));
  return { ok: true, text };
}

export interface ChangeSpec {
  complaint: ComplaintWithCitizen;
  operation: LifecycleOperation;
  actor: Actor;
  eventType: EventType;
  note: string | null;
  visibleToCitizen: boolean;
  /** The agency the event concerns (target of a forward, the declining agency, else the handler). */
  eventAgency: string | null;
  data?: ComplaintChanges;
  citizenOutbox?: OutboxItem[];
  staffOutbox?: OutboxItem[];
  now: Date;
}

function actorFields(actor: Actor): { actorType: string; actorIdentity: string | null } {
  // A citizen's identity stays on the Citizen row; events may be shown to staff and must not carry it.
  if (isCitizenActor(actor)) return { actorType: ACTOR.CITIZEN, actorIdentity: null };
  return { actorType: ACTOR.STAFF, actorIdentity: actor.identity };
}

/**
 * Writes the status change (guarded by the status and updatedAt that were read, so a concurrent change
 * is refused instead of overwritten), the event and the outbox rows.
 */
export async function applyChange(db: Db, spec: ChangeSpec): Promise<Outcome<ChangeResult>> {
  const { complaint } = spec;
  const refused = checkMove(spec.operation, complaint);
  if (refused) return refused;
  const from = statusOf(complaint);
  const to = nextStatus(spec.operation, from) ?? from;
  const data: ComplaintChanges = { ...spec.data, ...(to !== from ? { status: to } : {}) };
  if (Object.keys(data).length > 0 && !(await changeComplaintIfUnchanged(db, complaint, data))) {
    return fail(LIFECYCLE_COPY.concurrentChange(complaint.trackingCode));
  }
  await insertComplaintEvent(db, {
    complaintId: complaint.id,
    type: spec.eventType,
    fromStatus: from,
    toStatus: to,
    ...actorFields(spec.actor),
    agencyCode: spec.eventAgency,
    note: spec.note,
    visibleToCitizen: spec.visibleToCitizen,
    createdAt: spec.now,
  });
  const citizenOutbox = spec.citizenOutbox ?? [];
  const staffOutbox = spec.staffOutbox ?? [];
  await enqueueMessages(db, [...citizenOutbox, ...staffOutbox], spec.now);
  const assigned = "assignedAgency" in data ? (data.assignedAgency ?? null) : complaint.assignedAgency;
  return {
    ok: true,
    code: complaint.trackingCode,
    from,
    to,
    agencyCode: assigned,
    citizenMessages: citizenOutbox.length,
    staffMessages: staffOutbox.length,
  };
}

export type { CitizenActor, StaffActor };
