// Monitoring and evaluation (monev): the figures regional governments are judged on, per agency.
//
// Definitions (the README repeats them; change both together):
// - Population: complaints FILED in the period [from, to), whatever happened to them later. Each is
//   counted under the agency that holds it now (assignedAgency); complaints not routed yet, or sent
//   back by "bukan wewenang", count under KOORDINATOR. With `agency`, only that agency's complaints.
// - Followed up (tindak lanjut): the agency holding the complaint has posted at least one follow-up
//   since it was routed there: Complaint.firstResponseAt is set (the lifecycle sets it on the first
//   /proses, /balas or /selesai and clears it on every re-route), or a staff PROCESSING, REPLY or
//   FINISHED event exists at or after routedAt, or the status is DIPROSES or SELESAI (rows without
//   history). Rejections, questions and internal notes are not follow-ups. A complaint sent back to the
//   coordinator ("bukan wewenang") is not followed up until its new agency answers.
//   Followed-up % = followed up / received (rejected ones stay in the denominator).
// - Finished: status SELESAI now (a reopened complaint is open again). Rejected: status DITOLAK now.
// - Hours to first follow-up: calendar hours from routing to the agency holding it now (routedAt) to
//   that first follow-up, as /statistik counts them; the median is over complaints where both are known.
// - Overdue: open now (as of `now`) and past the deadline that applies, the same rule /antrian uses
//   (complaints/sla.ts overdueKind: routeDueAt while BARU, responseDueAt while waiting for the first
//   response, finishDueAt otherwise).
// - Average rating: mean of the citizens' 1-5 ratings given so far.
import type { Db } from "../db/database.js";
import { eventsOnFiled, filedComplaints, type FiledSelection } from "../db/monev-queries.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { ACTOR, CLOSED_STATUSES, EVENT, STATUS } from "./complaint-status.js";
import { hidesReporter } from "./permissions.js";
import { overdueKind, responseDue, type OverdueKind, type SlaPolicy } from "./sla.js";

export interface MonevOptions {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only this agency code (KOORDINATOR: complaints not routed yet). */
  agency?: string;
  now: Date;
  sla: SlaPolicy;
}

/** One complaint as reports see it. The reporter fields are already blank for anonim. */
export interface MonevComplaint {
  trackingCode: string;
  filedAt: Date;
  reportType: string;
  /** Agency holding it now; KOORDINATOR when not routed. */
  agency: string;
  status: string;
  privacy: string;
  locationText: string | null;
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  followedUp: boolean;
  /** First follow-up by the agency holding it now, when known. */
  firstFollowUpAt: Date | null;
  /** Calendar hours from routing to that agency to its first follow-up. */
  hoursToFirstFollowUp: number | null;
  finishedAt: Date | null;
  rating: number | null;
  reopenCount: number;
  notAuthorityCount: number;
  overdue: OverdueKind | null;
}

export interface MonevRow {
  /** Agency code, KOORDINATOR, or TOTAL for the totals row. */
  agency: string;
  received: number;
  followedUp: number;
  /** 0..100; null when nothing was received. */
  followedUpPercent: number | null;
  finished: number;
  finishedPercent: number | null;
  rejected: number;
  /** Complaints still open now. */
  open: number;
  medianHoursToFirstFollowUp: number | null;
  overdue: number;
  averageRating: number | null;
  ratings: number;
}

export interface MonevFigures {
  from: Date;
  to: Date;
  now: Date;
  agency: string | null;
  /** Agencies in code order, KOORDINATOR last. */
  rows: MonevRow[];
  totals: MonevRow;
}

export const TOTAL_ROW = "TOTAL";

const FOLLOW_UP_EVENTS = [EVENT.PROCESSING, EVENT.REPLY, EVENT.FINISHED];
const FOLLOWED_UP_STATUSES: readonly string[] = [STATUS.DIPROSES, STATUS.SELESAI];
const HOUR_MS = 60 * 60 * 1000;

/** The period and, with `agency`, the complaints it holds now (KOORDINATOR: not routed yet). */
function selection(options: MonevOptions): FiledSelection {
  const { from, to, agency } = options;
  return agency === undefined ? { from, to } : { from, to, agency: agency === COORDINATOR_CODE ? null : agency };
}

/** Earliest staff follow-up event per complaint at or after its current routing. */
async function firstFollowUpEvents(
  db: Db,
  filed: FiledSelection,
  routedAt: ReadonlyMap<string, Date | null>,
): Promise<Map<string, Date>> {
  const events = await eventsOnFiled(db, filed, { types: FOLLOW_UP_EVENTS, actorType: ACTOR.STAFF });
  const first = new Map<string, Date>();
  for (const event of events) {
    const since = routedAt.get(event.complaintId);
    // A follow-up by an earlier agency (before a re-route) does not count for the one holding it now.
    if (!since || event.createdAt.getTime() < since.getTime() || first.has(event.complaintId)) continue;
    first.set(event.complaintId, event.createdAt);
  }
  return first;
}

/** The complaints of the period with everything reports need, oldest first. */
export async function loadMonevComplaints(db: Db, options: MonevOptions): Promise<MonevComplaint[]> {
  const filed = selection(options);
  const complaints = await filedComplaints(db, filed);
  const firstEvent = await firstFollowUpEvents(db, filed, new Map(complaints.map((c) => [c.id, c.routedAt])));
  return complaints.map((complaint) => {
    const firstFollowUpAt = complaint.firstResponseAt ?? firstEvent.get(complaint.id) ?? null;
    const hours =
      firstFollowUpAt && complaint.routedAt && firstFollowUpAt.getTime() >= complaint.routedAt.getTime()
        ? (firstFollowUpAt.getTime() - complaint.routedAt.getTime()) / HOUR_MS
        : null;
    // A routed complaint without a stored response deadline (older rows) gets the policy's one.
    const responseDueAt = complaint.responseDueAt ?? (complaint.routedAt ? responseDue(complaint.routedAt, options.sla) : null);
    const hidden = hidesReporter(complaint);
    return {
      trackingCode: complaint.trackingCode,
      filedAt: complaint.filedAt,
      reportType: complaint.reportType,
      agency: complaint.assignedAgency ?? COORDINATOR_CODE,
      status: complaint.status,
      privacy: complaint.privacy,
      locationText: complaint.locationText,
      description: complaint.description,
      reporterName: hidden ? null : complaint.citizen.displayName,
      reporterPhone: hidden ? null : complaint.citizen.phone,
      followedUp: firstFollowUpAt !== null || FOLLOWED_UP_STATUSES.includes(complaint.status),
      firstFollowUpAt,
      hoursToFirstFollowUp: hours,
      finishedAt: complaint.finishedAt,
      rating: complaint.rating,
      reopenCount: complaint.reopenCount,
      notAuthorityCount: complaint.notAuthorityCount,
      overdue: overdueKind({ ...complaint, responseDueAt }, options.now),
    };
  });
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);

/** Figures of one group of complaints (an agency, or all of them for the totals). */
export function summarizeComplaints(agency: string, complaints: readonly MonevComplaint[]): MonevRow {
  const received = complaints.length;
  const followedUp = complaints.filter((c) => c.followedUp).length;
  const finished = complaints.filter((c) => c.status === STATUS.SELESAI).length;
  const hours = complaints.flatMap((c) => (c.hoursToFirstFollowUp === null ? [] : [c.hoursToFirstFollowUp]));
  const ratings = complaints.flatMap((c) => (c.rating === null ? [] : [c.rating]));
  return {
    agency,
    received,
    followedUp,
    followedUpPercent: percent(followedUp, received),
    finished,
    finishedPercent: percent(finished, received),
    rejected: complaints.filter((c) => c.status === STATUS.DITOLAK).length,
    open: complaints.filter((c) => !(CLOSED_STATUSES as readonly string[]).includes(c.status)).length,
    medianHoursToFirstFollowUp: median(hours),
    overdue: complaints.filter((c) => c.overdue !== null).length,
    averageRating: ratings.length === 0 ? null : ratings.reduce((sum, r) => sum + r, 0) / ratings.length,
    ratings: ratings.length,
  };
}

/** Pure part of computeMonev: group, then summarize each agency and the whole. */
export function figuresFromComplaints(
  complaints: readonly MonevComplaint[],
  options: Pick<MonevOptions, "from" | "to" | "now" | "agency">,
): MonevFigures {
  const groups = new Map<string, MonevComplaint[]>();
  if (options.agency !== undefined) groups.set(options.agency, []);
  for (const complaint of complaints) {
    const group = groups.get(complaint.agency) ?? [];
    group.push(complaint);
    groups.set(complaint.agency, group);
  }
  const codes = [...groups.keys()].sort((a, b) => {
    if (a === COORDINATOR_CODE) return 1;
    if (b === COORDINATOR_CODE) return -1;
    return a.localeCompare(b);
  });
  return {
    from: options.from,
    to: options.to,
    now: options.now,
    agency: options.agency ?? null,
    rows: codes.map((code) => summarizeComplaints(code, groups.get(code) ?? [])),
    totals: summarizeComplaints(TOTAL_ROW, complaints),
  };
}

export async function computeMonev(db: Db, options: MonevOptions): Promise<MonevFigures> {
  return figuresFromComplaints(await loadMonevComplaints(db, options), options);
}
