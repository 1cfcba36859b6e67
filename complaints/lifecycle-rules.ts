// The status machine of a complaint: which operation may start from which status, and the status it
// leads to. Pure data and functions; the service applies them, the tests read them directly.
import { ALL_STATUSES, OPEN_STATUSES, STATUS, type ComplaintStatus } from "../db/complaint-statuses.js";
import { LIFECYCLE_COPY } from "./lifecycle-copy.js";

export type LifecycleOperation =
  | "forward"
  | "process"
  | "reply"
  | "note"
  | "finish"
  | "reject"
  | "notAuthority"
  | "ask"
  | "answer"
  | "reopen"
  | "rate"
  | "confirm";

const { BARU, DITERUSKAN, DIPROSES, SELESAI, DITOLAK, DIBUKA_KEMBALI } = STATUS;
const ALL = ALL_STATUSES;
const OPEN = OPEN_STATUSES;
/** Open and with an agency: everything open but BARU (waiting for the coordinator). */
const ASSIGNED_OPEN: readonly ComplaintStatus[] = OPEN.filter((status) => status !== BARU);

export const ALLOWED_FROM: Record<LifecycleOperation, readonly ComplaintStatus[]> = {
  forward: OPEN,
  // DIPROSES -> DIPROSES would be a second "processing" event that tells the citizen nothing new.
  process: [DITERUSKAN, DIBUKA_KEMBALI],
  reply: ASSIGNED_OPEN,
  // Internal notes are allowed at any time, also on closed complaints (audit remarks).
  note: ALL,
  finish: ASSIGNED_OPEN,
  reject: OPEN,
  notAuthority: ASSIGNED_OPEN,
  ask: OPEN,
  // The citizen may still comment on a SELESAI answer (SP4N-LAPOR! "Beri Tanggapan").
  answer: [...OPEN, SELESAI],
  reopen: [SELESAI],
  rate: [SELESAI],
  confirm: [SELESAI],
};

/** The status after the operation; null keeps the current status. */
export function nextStatus(operation: LifecycleOperation, from: ComplaintStatus): ComplaintStatus | null {
  switch (operation) {
    case "forward":
      return DITERUSKAN;
    case "process":
      return DIPROSES;
    // A reply is a follow-up: the agency is visibly working on it.
    case "reply":
      return from === DIPROSES ? null : DIPROSES;
    case "finish":
      return SELESAI;
    case "reject":
      return DITOLAK;
    case "notAuthority":
      return BARU;
    case "reopen":
      return DIBUKA_KEMBALI;
    default:
      return null;
  }
}

export function isStatus(value: string): value is ComplaintStatus {
  return (ALL as readonly string[]).includes(value);
}

/** Why the operation cannot start from this status, in Indonesian; null when it may. */
export function refusalReason(operation: LifecycleOperation, from: ComplaintStatus, code: string): string | null {
  if (ALLOWED_FROM[operation].includes(from)) return null;
  const copy = LIFECYCLE_COPY;
  if (operation === "reopen") return copy.reopenNotFinished(code);
  if (operation === "rate" || operation === "confirm") return copy.rateNotFinished(code);
  if (from === DITOLAK) return copy.alreadyRejected(code);
  if (from === SELESAI) return operation === "answer" ? copy.answerClosed(code) : copy.alreadyFinished(code);
  if (from === BARU) return copy.notRoutedYet(code);
  if (operation === "process" && from === DIPROSES) return copy.alreadyProcessing(code);
  return copy.illegalMove(code, from);
}
