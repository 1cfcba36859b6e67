// CSV files for coordinators (and an agency's own): RFC 4180 (comma, CRLF, quotes doubled) in UTF-8 with a byte-order mark,
// so Excel shows Indonesian names and "…" correctly. The complaints file carries the description of
// rahasia complaints too: these files are for coordinators only. Anonymous reporters are blank
// (MonevComplaint never carries them).
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { MonevComplaint, MonevFigures, MonevRow } from "./monev-figures.js";
import { COORDINATOR_LABEL, formatHours, formatNumber, formatPercent, type AgencyNames } from "./monev-text.js";

const BOM = "\uFEFF";

/** One field, quoted when it holds a comma, quote or line break (RFC 4180 section 2). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Whole file: BOM, CRLF line ends, a final CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Citizen-written text could start a spreadsheet formula (=HYPERLINK(...), +cmd, @SUM) that runs when a
 * coordinator opens the file; a leading apostrophe keeps it text (OWASP "CSV injection").
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function zoneName(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 420) return "WIB";
  if (utcOffsetMinutes === 480) return "WITA";
  if (utcOffsetMinutes === 540) return "WIT";
  return `UTC${utcOffsetMinutes >= 0 ? "+" : ""}${utcOffsetMinutes / 60}`;
}

/** "2026-01-05 09:30" in local time: a form Excel and LibreOffice read as a date-time. */
export function csvDateTime(date: Date | null, utcOffsetMinutes: number): string {
  if (date === null) return "";
  return new Date(date.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace("T", " ");
}

/** Decimal point, fixed digits: machine-readable; blank when there is no value. */
function decimal(value: number | null, digits: number): string {
  return value === null ? "" : value.toFixed(digits);
}

const OVERDUE_LABEL = { route: "belum diteruskan", response: "belum ditanggapi", finish: "belum selesai" } as const;

export function complaintsCsv(complaints: readonly MonevComplaint[], utcOffsetMinutes: number): string {
  const zone = zoneName(utcOffsetMinutes);
  const header = [
    "kode",
    `diajukan (${zone})`,
    "jenis",
    "instansi",
    "status",
    "privasi",
    "lokasi",
    "uraian",
    "nama pelapor",
    "telepon pelapor",
    "ditindaklanjuti",
    `tindak lanjut pertama (${zone})`,
    `selesai (${zone})`,
    "penilaian",
    "terlambat",
    "jenis keterlambatan",
    "dibuka kembali",
    "bukan wewenang",
  ];
  const rows = complaints.map((c) => [
    c.trackingCode,
    csvDateTime(c.filedAt, utcOffsetMinutes),
    c.reportType,
    c.agency,
    c.status,
    c.privacy,
    neutralizeFormula(c.locationText ?? ""),
    neutralizeFormula(c.description),
    neutralizeFormula(c.reporterName ?? ""),
    neutralizeFormula(c.reporterPhone ?? ""),
    c.followedUp ? "ya" : "tidak",
    csvDateTime(c.firstFollowUpAt, utcOffsetMinutes),
    csvDateTime(c.finishedAt, utcOffsetMinutes),
    c.rating === null ? "" : String(c.rating),
    c.overdue === null ? "tidak" : "ya",
    c.overdue === null ? "" : OVERDUE_LABEL[c.overdue],
    String(c.reopenCount),
    String(c.notAuthorityCount),
  ]);
  return toCsv([header, ...rows]);
}

/** How numbers are written: Indonesian for people ("75,0%", "1,5 jam"), or a decimal point for programs. */
export type CsvNumbers = "id" | "data";

function figuresRow(row: MonevRow, name: string, numbers: CsvNumbers): string[] {
  const pct = (value: number | null) => (numbers === "id" ? (value === null ? "-" : formatPercent(value)) : decimal(value, 1));
  const hours = (value: number | null) => (numbers === "id" ? formatHours(value) : decimal(value, 1));
  const rating = (value: number | null) =>
    numbers === "id" ? (value === null ? "-" : formatNumber(value, 1)) : decimal(value, 2);
  return [
    row.agency,
    name,
    String(row.received),
    String(row.followedUp),
    pct(row.followedUpPercent),
    String(row.finished),
    pct(row.finishedPercent),
    String(row.rejected),
    String(row.open),
    hours(row.medianHoursToFirstFollowUp),
    String(row.overdue),
    rating(row.averageRating),
    String(row.ratings),
  ];
}

/** `numbers` "id" (default): the file people open; "data": the same figures for programs. */
export function agencyFiguresCsv(figures: MonevFigures, agencyName: AgencyNames, numbers: CsvNumbers = "id"): string {
  const nameOf = (code: string) => (code === COORDINATOR_CODE ? COORDINATOR_LABEL : (agencyName(code) ?? ""));
  const header = [
    "kode instansi",
    "nama instansi",
    "laporan masuk",
    "ditindaklanjuti",
    "persen tindak lanjut",
    "selesai",
    "persen selesai",
    "ditolak",
    "masih terbuka",
    numbers === "id" ? "median waktu ke tindak lanjut pertama" : "median jam ke tindak lanjut pertama",
    "terlambat",
    "rata-rata penilaian",
    "jumlah penilaian",
  ];
  return toCsv([
    header,
    ...figures.rows.map((row) => figuresRow(row, nameOf(row.agency), numbers)),
    figuresRow(figures.totals, "Semua instansi", numbers),
  ]);
}
