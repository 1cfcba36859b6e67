// Complaints and their history as the lifecycle reads and changes them after filing (filing itself is
// on the hot path: db/sql-store.ts). Reads return plain rows; which change is allowed is complaints/' call.
import type { Db } from "./client.js";
import { FEEDBACK_PENDING_SQL, QUESTION_PENDING_SQL } from "./citizen-waits.js";
import { queryRows, sqlText } from "./raw-sql.js";
import { OPEN_STATUSES } from "./complaint-statuses.js";
import type { Complaint, ComplaintEvent, ComplaintWithCitizen } from "./models.js";

/** What a lifecycle change may set; `increment` raises one counter by one. */
export type ComplaintChanges = Partial<
  Pick<
    Complaint,
    | "status"
    | "assignedAgency"
    | "routedAt"
    | "routeDueAt"
    | "responseDueAt"
    | "firstResponseAt"
    | "finishedAt"
    | "pendingQuestionBy"
    | "rating"
    | "citizenSatisfied"
  >
> & { increment?: "reopenCount" | "notAuthorityCount" };

export type NewComplaintEvent = Omit<ComplaintEvent, "id">;

export function complaintByCode(db: Db, trackingCode: string): Promise<ComplaintWithCitizen | null> {
  return db.complaint.findUnique({ where: { trackingCode }, include: { citizen: true } });
}

/**
 * Writes the changes only if the complaint still has the status and updatedAt that were read: false
 * when someone changed it in between (the caller refuses instead of overwriting).
 */
export async function changeComplaintIfUnchanged(
  db: Db,
  read: Pick<Complaint, "id" | "status" | "updatedAt">,
  changes: ComplaintChanges,
): Promise<boolean> {
  const { increment, ...fields } = changes;
  const updated = await db.complaint.updateMany({
    where: { id: read.id, status: read.status, updatedAt: read.updatedAt },
    data: { ...fields, ...(increment ? { [increment]: { increment: 1 } } : {}) },
  });
  return updated.count === 1;
}

export async function insertComplaintEvent(db: Db, event: NewComplaintEvent): Promise<void> {
  await db.complaintEvent.create({ data: event });
}

/** The history in order; `citizenVisibleOnly` leaves out what the reporter is never shown. */
export function complaintEvents(
  db: Db,
  complaintId: string,
  options: { citizenVisibleOnly?: boolean } = {},
): Promise<ComplaintEvent[]> {
  return db.complaintEvent.findMany({
    where: { complaintId, ...(options.citizenVisibleOnly ? { visibleToCitizen: true } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Open complaints, oldest first; with `agency`, only those assigned to it. */
export function openComplaints(db: Db, options: { agency?: string } = {}): Promise<Complaint[]> {
  return db.complaint.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, ...(options.agency ? { assignedAgency: options.agency } : {}) },
    orderBy: { filedAt: "asc" },
  });
}

/** The reporter's newest complaints (at most `limit`) and how many there are in all. */
export async function reporterComplaints(
  db: Db,
  reporter: { channel: string; userId: string },
  limit: number,
): Promise<{ rows: Complaint[]; total: number }> {
  const where = { citizen: { channel: reporter.channel, userId: reporter.userId } };
  // Sequential on purpose: inside an interactive transaction the adapter has one connection.
  const rows = await db.complaint.findMany({ where, orderBy: { filedAt: "desc" }, take: limit });
  return { rows, total: await db.complaint.count({ where }) };
}

/** The code of the reporter's most recently changed complaint whose officer's question waits for an answer. */
export async function questionPendingCode(db: Db, reporter: { channel: string; userId: string }): Promise<string | null> {
  const rows = await queryRows<{ trackingCode: string }>(db)`
    SELECT c."trackingCode" FROM "Complaint" c JOIN "Citizen" p ON p."id" = c."citizenId"
    WHERE p."channel" = ${reporter.channel} AND p."userId" = ${reporter.userId} AND ${sqlText(QUESTION_PENDING_SQL)}
    ORDER BY c."updatedAt" DESC LIMIT 1`;
  return rows[0]?.trackingCode ?? null;
}

export interface FeedbackPending {
  trackingCode: string;
  finishedAt: Date | null;
  ratingMissing: boolean;
  fixedMissing: boolean;
}

/** The reporter's most recently finished complaint that still lacks a rating or the "sudah beres?" answer. */
export async function feedbackPending(db: Db, reporter: { channel: string; userId: string }): Promise<FeedbackPending | null> {
  const rows = await queryRows<{ trackingCode: string; finishedAt: Date | null; rating: unknown; citizenSatisfied: unknown }>(db)`
    SELECT c."trackingCode", c."finishedAt", c."rating", c."citizenSatisfied"
    FROM "Complaint" c JOIN "Citizen" p ON p."id" = c."citizenId"
    WHERE p."channel" = ${reporter.channel} AND p."userId" = ${reporter.userId} AND ${sqlText(FEEDBACK_PENDING_SQL)}
    ORDER BY c."finishedAt" DESC LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  return {
    trackingCode: row.trackingCode,
    finishedAt: row.finishedAt,
    ratingMissing: row.rating === null,
    fixedMissing: row.citizenSatisfied === null,
  };
}

/** What a push is about, for channels that word it by the complaint (code and status). */
export function complaintSummary(db: Db, id: string): Promise<{ trackingCode: string; status: string } | null> {
  return db.complaint.findUnique({ where: { id }, select: { trackingCode: true, status: true } });
}
