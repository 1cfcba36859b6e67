// /statistik: the monev figures governments are judged on, with the SAME definitions as the monev
// report (monev-figures.ts computeMonev): complaints filed in the period, counted under the agency
// holding them now, not-yet-routed ones under KOORDINATOR, so the rows add up to the total.
// Agency staff see their own agency; coordinators every agency, the KOORDINATOR row and the total.
import type { Db } from "../db/database.js";
import { countUnrouted, eventCountsByAgency } from "../db/monev-queries.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { EVENT } from "./complaint-status.js";
import { fail, type LifecycleDeps, type Outcome } from "./lifecycle-core.js";
import { computeMonev, type MonevRow } from "./monev-figures.js";
import { COORDINATOR_LABEL } from "./monev-text.js";
import { isCitizenActor, isCoordinator, type Actor } from "./permissions.js";

export { median } from "./monev-figures.js";

export interface StatisticsRow extends MonevRow {
  name: string;
  /** "Bukan wewenang" answers this agency gave in the period (events, not complaints). */
  notAuthority: number;
}

export interface StatisticsReport {
  period: string;
  scope: string;
  rows: StatisticsRow[];
  /** Coordinators: all complaints of the period, routed or not. */
  total: StatisticsRow | null;
  /** Coordinators: complaints waiting for routing now (whenever filed). */
  unrouted: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createStatistics(deps: LifecycleDeps) {
  const nameOf = (code: string): string => (code === COORDINATOR_CODE ? COORDINATOR_LABEL : (deps.agencyName(code) ?? code));

  /** `days` null: since the beginning. */
  async function statistics(
    db: Db,
    actor: Actor,
    options: { days: number | null },
  ): Promise<Outcome<{ report: StatisticsReport }>> {
    if (isCitizenActor(actor)) return fail("Perintah ini tidak tersedia.");
    const now = deps.clock();
    const coordinator = isCoordinator(actor);
    const since = options.days === null ? new Date(0) : new Date(now.getTime() - options.days * DAY_MS);
    const figures = await computeMonev(db, {
      from: since,
      // Exclusive end just after now: a complaint filed this very millisecond counts.
      to: new Date(now.getTime() + 1),
      now,
      sla: deps.sla,
      ...(coordinator ? {} : { agency: actor.agencyCode }),
    });
    const declinedBy = await eventCountsByAgency(db, {
      type: EVENT.NOT_AUTHORITY,
      since,
      ...(coordinator ? {} : { agency: actor.agencyCode }),
    });
    const withNames = (row: MonevRow, name: string, notAuthority: number): StatisticsRow => ({ ...row, name, notAuthority });
    const report: StatisticsReport = {
      period: options.days === null ? "sejak awal" : `${options.days} hari terakhir`,
      scope: coordinator ? "semua instansi" : actor.agencyCode,
      rows: figures.rows.map((row) => withNames(row, nameOf(row.agency), declinedBy.get(row.agency) ?? 0)),
      total: coordinator
        ? withNames(
            figures.totals,
            "Semua laporan",
            [...declinedBy.values()].reduce((a, b) => a + b, 0),
          )
        : null,
      unrouted: coordinator ? await countUnrouted(db) : null,
    };
    return { ok: true, report };
  }

  return { statistics };
}
