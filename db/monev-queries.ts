// The reads behind monitoring and evaluation (monev report, /statistik, weekly digest). The definitions
// of the figures are complaints/monev-figures.ts'; these only fetch the rows they count.
import type { Db } from "./client.js";
import { OPEN_STATUSES, STATUS } from "./complaint-statuses.js";
import type { Complaint } from "./models.js";

/** Complaints filed in [from, to); with `agency`, those it holds now (null: not routed yet). */
export interface FiledSelection {
  from: Date;
  to: Date;
  agency?: string | null;
}

function filedWhere(selection: FiledSelection) {
  return {
    filedAt: { gte: selection.from, lt: selection.to },
    ...(selection.agency !== undefined ? { assignedAgency: selection.agency } : {}),
  };
}

export type MonevComplaintRow = Complaint & { citizen: { displayName: string | null; phone: string | null } };

/** Oldest first (ties by tracking code), with the reporter's name and phone. */
export function filedComplaints(db: Db, selection: FiledSelection): Promise<MonevComplaintRow[]> {
  return db.complaint.findMany({
    where: filedWhere(selection),
    orderBy: [{ filedAt: "asc" }, { trackingCode: "asc" }],
    include: { citizen: { select: { displayName: true, phone: true } } },
  });
}

/** Events of these types by this kind of actor on the selected complaints, oldest first. */
export function eventsOnFiled(
  db: Db,
  selection: FiledSelection,
  options: { types: readonly string[]; actorType: string },
): Promise<Array<{ complaintId: string; createdAt: Date }>> {
  return db.complaintEvent.findMany({
    where: { type: { in: [...options.types] }, actorType: options.actorType, complaint: filedWhere(selection) },
    select: { complaintId: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Every open complaint's agency and deadlines, whenever it was filed. */
export function openComplaintDeadlines(
  db: Db,
): Promise<Array<Pick<Complaint, "status" | "assignedAgency" | "routedAt" | "routeDueAt" | "responseDueAt" | "finishDueAt">>> {
  return db.complaint.findMany({
    where: { status: { in: [...OPEN_STATUSES] } },
    select: { status: true, assignedAgency: true, routedAt: true, routeDueAt: true, responseDueAt: true, finishDueAt: true },
  });
}

/** How many events of one type each agency has since `since` (with `agency`, only that one's). */
export async function eventCountsByAgency(
  db: Db,
  options: { type: string; since: Date; agency?: string },
): Promise<Map<string, number>> {
  const groups = await db.complaintEvent.groupBy({
    by: ["agencyCode"],
    where: { type: options.type, createdAt: { gte: options.since }, ...(options.agency ? { agencyCode: options.agency } : {}) },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.agencyCode ?? "", group._count._all]));
}

/** Complaints waiting for the coordinator to route them now, whenever filed. */
export function countUnrouted(db: Db): Promise<number> {
  return db.complaint.count({ where: { status: STATUS.BARU, assignedAgency: null } });
}
