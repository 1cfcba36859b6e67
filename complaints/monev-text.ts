// Monev figures as short Indonesian text: the /laporan summary and the weekly digest share these lines.
// Numbers use the Indonesian decimal comma ("75,0%"); the CSV files keep a decimal point.
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { formatDay } from "./lifecycle-format.js";
import type { MonevFigures, MonevRow } from "./monev-figures.js";
import type { OverdueAgency } from "./monev-overdue.js";
import type { Period } from "./monev-period.js";

export type AgencyNames = (code: string) => string | undefined;

export const COORDINATOR_LABEL = "Koordinator (belum diteruskan)";

/** Said wherever an agency's every complaint was rejected, so its 0 % does not read as neglect. */
export const REJECTED_ONLY_NOTE =
  "  (semua laporan instansi ini ditolak; penolakan tidak dihitung sebagai tindak lanjut, jadi persentasenya 0%)";

export function agencyLabel(code: string, agencyName: AgencyNames): string {
  if (code === COORDINATOR_CODE) return COORDINATOR_LABEL;
  const name = agencyName(code);
  return name && name !== code ? `${name} (${code})` : code;
}

export function formatNumber(value: number, digits: number): string {
  return value.toFixed(digits).replace(".", ",");
}

export function formatPercent(value: number | null): string {
  return value === null ? "-" : `${formatNumber(value, 1)}%`;
}

export function formatHours(value: number | null): string {
  if (value === null) return "-";
  if (value < 48) return `${formatNumber(value, 1)} jam`;
  return `${formatNumber(value / 24, 1)} hari`;
}

/** "5 Jan 2026" in local time. */
export function formatDate(date: Date, utcOffsetMinutes: number): string {
  return formatDay(date, utcOffsetMinutes).replace(/^[^,]+, /, "");
}

/** "5 Jan 2026 - 11 Jan 2026": the last day shown is the one before the exclusive end. */
export function formatPeriod(period: Period, utcOffsetMinutes: number): string {
  const lastInstant = new Date(period.to.getTime() - 1);
  return `${formatDate(period.from, utcOffsetMinutes)} - ${formatDate(lastInstant, utcOffsetMinutes)}`;
}

/** Two lines: the totals the governments are judged on. */
export function totalsLines(totals: MonevRow): string[] {
  const lines = [
    `Laporan masuk: ${totals.received} · ditindaklanjuti ${totals.followedUp} (${formatPercent(totals.followedUpPercent)})` +
      ` · selesai ${totals.finished} (${formatPercent(totals.finishedPercent)}) · ditolak ${totals.rejected}` +
      ` · terlambat ${totals.overdue}`,
    `Median waktu sampai tindak lanjut pertama: ${formatHours(totals.medianHoursToFirstFollowUp)}`,
  ];
  if (totals.averageRating !== null) {
    lines.push(`Rata-rata penilaian pelapor: ${formatNumber(totals.averageRating, 1)} dari 5 (${totals.ratings} penilaian)`);
  }
  return lines;
}

/** One line per agency, lowest follow-up first (who needs attention); at most `limit` lines. */
export function agencyLines(figures: MonevFigures, agencyName: AgencyNames, limit: number): string[] {
  const rows = [...figures.rows]
    .filter((row) => row.received > 0)
    .sort((a, b) => (a.followedUpPercent ?? 0) - (b.followedUpPercent ?? 0) || b.received - a.received);
  const lines = rows
    .slice(0, limit)
    .map(
      (row) =>
        `• ${agencyLabel(row.agency, agencyName)}: ${row.followedUp} dari ${row.received} ditindaklanjuti` +
        ` (${formatPercent(row.followedUpPercent)})${row.overdue > 0 ? `, ${row.overdue} terlambat` : ""}`,
    );
  if (rows.length > limit) lines.push(`• dan ${rows.length - limit} instansi lainnya (lihat file CSV)`);
  return lines;
}

export function overdueLines(agencies: readonly OverdueAgency[], agencyName: AgencyNames, limit: number): string[] {
  if (agencies.length === 0) return ["Tidak ada laporan yang terlambat. Terima kasih."];
  return agencies
    .slice(0, limit)
    .map(
      (entry, index) =>
        `${index + 1}. ${agencyLabel(entry.agency, agencyName)}: ${entry.overdue} laporan terlambat` +
        (entry.maxWorkingDaysLate > 0 ? ` (terlama ${entry.maxWorkingDaysLate} hari kerja)` : ""),
    );
}
