// The dashboard's queue: the complaints a staff member may see (an agency its own, coordinators all),
// filtered, sorted overdue and oldest first, one page at a time. Permission scoping happens here, not
// in the web layer, with the same rule as /antrian (permissions.ts staffCanView).
import { queueComplaints, type QueueSelection } from "../db/dashboard-repository.js";
import type { Db } from "../db/database.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { OPEN_STATUSES, STATUS_LABEL, type ComplaintStatus } from "./complaint-status.js";
import { formatShort, summarize } from "./lifecycle-format.js";
import { isStatus } from "./lifecycle-rules.js";
import { isCoordinator, staffCanView, type StaffActor } from "./permissions.js";
import { SLA_STATE_LABEL, slaState, type SlaPolicy, type SlaState } from "./sla.js";

export const QUEUE_PAGE_SIZE = 20;

export interface QueueFilters {
  /** A status, "terbuka" (every open status, the default) or "semua". */
  status?: string;
  /** Agency code or KOORDINATOR (not routed); coordinators only, agency staff always see their own. */
  agency?: string;
  overdueOnly?: boolean;
  /** Filing period, inclusive instants. */
  from?: Date;
  to?: Date;
  reportType?: string;
  /** Matches the tracking code or the description, case-insensitive. */
  search?: string;
  page?: number;
}

export interface DashboardQueueItem {
  code: string;
  status: ComplaintStatus;
  statusLabel: string;
  agencyCode: string | null;
  reportType: string;
  privacy: string;
  urgent: boolean;
  summary: string;
  filedAt: string;
  sla: SlaState | null;
  slaLabel: string;
}

export interface DashboardQueuePage {
  items: DashboardQueueItem[];
  total: number;
  overdue: number;
  page: number;
  pages: number;
}

/** "semua": every status; one status; else (the default, "terbuka") every open one. */
function statusesOf(status: string | undefined): readonly string[] | undefined {
  if (status === "semua") return undefined;
  if (status && isStatus(status)) return [status];
  return OPEN_STATUSES;
}

const URGENCY: Record<SlaState, number> = { terlambat: 0, mendekati_batas: 1, tepat_waktu: 2 };
const urgency = (state: SlaState | null) => (state ? URGENCY[state] : 3);

export async function dashboardQueue(
  db: Db,
  actor: StaffActor,
  filters: QueueFilters,
  context: { now: Date; sla: SlaPolicy },
): Promise<DashboardQueuePage> {
  const coordinator = isCoordinator(actor);
  const agency = coordinator ? filters.agency : actor.agencyCode;
  const statuses = statusesOf(filters.status);
  const selection: QueueSelection = {
    ...(statuses ? { statuses } : {}),
    ...(agency ? { agency: agency === COORDINATOR_CODE ? null : agency } : {}),
    ...(filters.reportType ? { reportType: filters.reportType } : {}),
    ...(filters.from ? { filedFrom: filters.from } : {}),
    ...(filters.to ? { filedTo: filters.to } : {}),
  };
  const rows = await queueComplaints(db, selection);
  // Case-insensitive search in code: SQLite LIKE and PostgreSQL differ, so the text match is done here.
  const needle = filters.search?.trim().toLowerCase() ?? "";
  const visible = rows.filter(
    (row) =>
      // Defence in depth: the where clause already scopes agency staff; the shared rule decides.
      staffCanView(actor, { ...row, citizen: { channel: "", userId: "" } }) &&
      (needle === "" || row.trackingCode.toLowerCase().includes(needle) || row.description.toLowerCase().includes(needle)),
  );
  // Overdue first, then those near their deadline, then the rest; oldest first within each.
  const ranked = visible
    .map((row) => {
      const state = slaState(row, context.now, context.sla);
      return { row, state, late: state === "terlambat" };
    })
    .filter((entry) => !filters.overdueOnly || entry.late)
    .sort((a, b) => urgency(a.state) - urgency(b.state) || a.row.filedAt.getTime() - b.row.filedAt.getTime());
  const pages = Math.max(1, Math.ceil(ranked.length / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filters.page ?? 1)), pages);
  const offset = context.sla.calendar.utcOffsetMinutes;
  return {
    total: ranked.length,
    overdue: ranked.filter((entry) => entry.late).length,
    page,
    pages,
    items: ranked.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map(({ row, state }) => {
      const status = row.status as ComplaintStatus;
      return {
        code: row.trackingCode,
        status,
        statusLabel: STATUS_LABEL[status] ?? row.status,
        agencyCode: row.assignedAgency,
        reportType: row.reportType,
        privacy: row.privacy,
        urgent: row.urgent,
        summary: summarize(row.description, 90),
        filedAt: formatShort(row.filedAt, offset),
        sla: state,
        slaLabel: state ? SLA_STATE_LABEL[state] : "ditutup",
      };
    }),
  };
}
