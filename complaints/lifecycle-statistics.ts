// /statistik: the monev figures governments are judged on (received, followed up %, finished, rejected,
// median time to first follow-up, overdue now, average rating). Agency staff see their own agency,
// coordinators every agency plus the total.
import type { Db } from "../db/database.js";
import { EVENT, OPEN_STATUSES, STATUS } from "./complaint-status.js";
import { fail, type LifecycleDeps, type Outcome } from "./lifecycle-core.js";
import { isCitizenActor, isCoordinator, type Actor } from "./permissions.js";
import { overdueKind } from "./sla.js";

export interface AgencyFigures {
  agencyCode: string;
  agencyName: string;
  received: number;
  followedUp: number;
  followedUpPct: number | null;
  finished: number;
  finishedPct: number | null;
  rejected: number;
  notAuthority: number;
  overdueNow: number;
  medianHoursToFirstResponse: number | null;
  averageRating: number | null;
  ratings: number;
}

export interface StatisticsReport {
  period: string;
  scope: string;
  rows: AgencyFigures[];
  /** Coordinators: all complaints, routed or not. */
  total: AgencyFigures | null;
  /** Coordinators: complaints waiting for routing now. */
  unrouted: number | null;
}

interface Row {
  assignedAgency: string | null;
  status: string;
  routedAt: Date | null;
  firstResponseAt: Date | null;
  rating: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNROUTED = "BELUM_DITERUSKAN";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

const round1 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

export function figuresFor(
  agencyCode: string,
  agencyName: string,
  rows: Row[],
  overdueNow: number,
  notAuthority: number,
): AgencyFigures {
  const followed = rows.filter((row) => row.firstResponseAt !== null);
  const finished = rows.filter((row) => row.status === STATUS.SELESAI).length;
  const hours = followed
    .filter((row) => row.routedAt !== null)
    .map((row) => ((row.firstResponseAt as Date).getTime() - (row.routedAt as Date).getTime()) / 3_600_000)
    .filter((value) => value >= 0);
  const ratings = rows.map((row) => row.rating).filter((value): value is number => value !== null);
  return {
    agencyCode,
    agencyName,
    received: rows.length,
    followedUp: followed.length,
    followedUpPct: percent(followed.length, rows.length),
    finished,
    finishedPct: percent(finished, rows.length),
    rejected: rows.filter((row) => row.status === STATUS.DITOLAK).length,
    notAuthority,
    overdueNow,
    medianHoursToFirstResponse: round1(median(hours)),
    averageRating: ratings.length === 0 ? null : round1(ratings.reduce((a, b) => a + b, 0) / ratings.length),
    ratings: ratings.length,
  };
}

export function createStatistics(deps: LifecycleDeps) {
  /** `days` null: since the beginning. */
  async function statistics(
    db: Db,
    actor: Actor,
    options: { days: number | null },
  ): Promise<Outcome<{ report: StatisticsReport }>> {
    if (isCitizenActor(actor)) return fail("Perintah ini tidak tersedia.");
    const now = deps.clock();
    const since = options.days === null ? null : new Date(now.getTime() - options.days * DAY_MS);
    const coordinator = isCoordinator(actor);
    const scope = coordinator ? {} : { assignedAgency: actor.agencyCode };
    const inPeriod = since ? { filedAt: { gte: since } } : {};
    const rows = await db.complaint.findMany({
      where: { ...scope, ...inPeriod },
      select: { assignedAgency: true, status: true, routedAt: true, firstResponseAt: true, rating: true },
    });
    const open = await db.complaint.findMany({
      where: { ...scope, status: { in: [...OPEN_STATUSES] } },
      select: { assignedAgency: true, status: true, routeDueAt: true, responseDueAt: true, finishDueAt: true },
    });
    const declined = await db.complaintEvent.groupBy({
      by: ["agencyCode"],
      where: {
        type: EVENT.NOT_AUTHORITY,
        ...(coordinator ? {} : { agencyCode: actor.agencyCode }),
        ...(since ? { createdAt: { gte: since } } : {}),
      },
      _count: { _all: true },
    });
    const declinedBy = new Map(declined.map((group) => [group.agencyCode ?? "", group._count._all]));
    const overdueBy = new Map<string, number>();
    for (const complaint of open) {
      if (overdueKind(complaint, now) === null) continue;
      const key = complaint.assignedAgency ?? UNROUTED;
      overdueBy.set(key, (overdueBy.get(key) ?? 0) + 1);
    }
    const codes = coordinator
      ? [...new Set([...rows.map((row) => row.assignedAgency), ...open.map((row) => row.assignedAgency)])]
          .filter((code): code is string => code !== null)
          .sort()
      : [actor.agencyCode];
    const report: StatisticsReport = {
      period: options.days === null ? "sejak awal" : `${options.days} hari terakhir`,
      scope: coordinator ? "semua instansi" : actor.agencyCode,
      rows: codes.map((code) =>
        figuresFor(
          code,
          deps.agencyName(code) ?? code,
          rows.filter((row) => row.assignedAgency === code),
          overdueBy.get(code) ?? 0,
          declinedBy.get(code) ?? 0,
        ),
      ),
      total: coordinator
        ? figuresFor(
            "TOTAL",
            "Semua laporan",
            rows,
            [...overdueBy.values()].reduce((a, b) => a + b, 0),
            [...declinedBy.values()].reduce((a, b) => a + b, 0),
          )
        : null,
      unrouted: coordinator ? open.filter((row) => row.status === STATUS.BARU).length : null,
    };
    return { ok: true, report };
  }

  return { statistics };
}
