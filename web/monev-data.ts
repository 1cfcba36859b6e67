// The monev page's period (local dates from the form, last 30 days by default) and its figures,
// scoped like /laporan: coordinators every agency, agency staff their own.
import { figuresFromComplaints, loadMonevComplaints, type MonevFigures } from "../complaints/monev-figures.js";
import { chartSubtitle } from "../complaints/monev-files.js";
import { renderFollowUpChartSvg } from "../complaints/monev-chart.js";
import { localDateKey, periodFromDates, type Period } from "../complaints/monev-period.js";
import { agencyLabel, formatPeriod } from "../complaints/monev-text.js";
import { isCoordinator, type StaffActor } from "../complaints/permissions.js";
import type { SlaPolicy } from "../complaints/sla.js";
import type { Clock } from "../complaints/clock.js";
import type { Transactions } from "../db/transactions.js";

const DAY_MS = 86_400_000;

export function monevPeriod(
  fromText: string | undefined,
  toText: string | undefined,
  now: Date,
  sla: SlaPolicy,
): { period: Period; from: string; to: string; problem?: string } {
  const offset = sla.calendar.utcOffsetMinutes;
  const defaultTo = localDateKey(now, offset);
  const defaultFrom = localDateKey(new Date(now.getTime() - 29 * DAY_MS), offset);
  const from = fromText?.trim() || defaultFrom;
  const to = toText?.trim() || defaultTo;
  const period = periodFromDates(from, to, offset);
  if (period && period.to.getTime() - period.from.getTime() <= 3660 * DAY_MS) return { period, from, to };
  const fallback = periodFromDates(defaultFrom, defaultTo, offset) as Period;
  return {
    period: fallback,
    from: defaultFrom,
    to: defaultTo,
    problem: "Tanggal tidak valid (tanggal awal tidak boleh setelah tanggal akhir). Ditampilkan 30 hari terakhir.",
  };
}

export async function monevData(
  deps: { transactions: Transactions; sla: SlaPolicy; clock: Clock; agencyName(code: string): string | undefined },
  actor: StaffActor,
  period: Period,
): Promise<{ figures: MonevFigures; chartSvg: string; periodLabel: string }> {
  const now = deps.clock();
  const options = { ...period, now, sla: deps.sla, ...(isCoordinator(actor) ? {} : { agency: actor.agencyCode }) };
  const complaints = await deps.transactions.run(({ db }) => loadMonevComplaints(db, options));
  const figures = figuresFromComplaints(complaints, options);
  const offset = deps.sla.calendar.utcOffsetMinutes;
  const scope = figures.agency ? ` - ${agencyLabel(figures.agency, deps.agencyName)}` : "";
  const chartSvg = await renderFollowUpChartSvg(figures, {
    title: `Tindak lanjut per instansi${scope}`,
    subtitle: chartSubtitle(figures, offset, now),
    agencyName: deps.agencyName,
  });
  return { figures, chartSvg, periodLabel: `Laporan masuk ${formatPeriod(period, offset)}` };
}
