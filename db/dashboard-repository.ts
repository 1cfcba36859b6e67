// The dashboard queue's read: complaints by status, agency, type and filing period. Which statuses and
// which agency a viewer may ask for, the text search and the ranking are complaints/dashboard-queue.ts'.
import type { Db } from "./client.js";
import type { Complaint } from "./models.js";

export interface QueueSelection {
  /** These statuses only; undefined: every status. */
  statuses?: readonly string[];
  /** This agency's complaints; null: those not routed yet; undefined: every agency. */
  agency?: string | null;
  reportType?: string;
  /** Filing period, inclusive instants. */
  filedFrom?: Date;
  filedTo?: Date;
}

/** Oldest first (ties by tracking code). */
export function queueComplaints(db: Db, selection: QueueSelection): Promise<Complaint[]> {
  const { statuses, agency, reportType, filedFrom, filedTo } = selection;
  return db.complaint.findMany({
    where: {
      ...(statuses ? { status: { in: [...statuses] } } : {}),
      ...(agency !== undefined ? { assignedAgency: agency } : {}),
      ...(reportType ? { reportType } : {}),
      ...(filedFrom || filedTo
        ? { filedAt: { ...(filedFrom ? { gte: filedFrom } : {}), ...(filedTo ? { lte: filedTo } : {}) } }
        : {}),
    },
    orderBy: [{ filedAt: "asc" }, { trackingCode: "asc" }],
  });
}
