// Indonesian texts of /laporan (monev files for coordinators).
import type { MonevFigures } from "../complaints/monev-figures.js";
import { agencyLabel, agencyLines, formatPeriod, totalsLines, type AgencyNames } from "../complaints/monev-text.js";

/** Telegram shows a photo's caption up to 1024 characters; the summary must fit in it. */
export const MAX_CAPTION = 1000;

export const REPORT_USAGE =
  "Cara pakai:\n/laporan [jumlah hari] [INSTANSI]\nContoh: /laporan (30 hari terakhir, semua instansi) atau /laporan 7 DPUPR";

export const REPORT_COPY = {
  badDays: () => `Jumlah hari harus angka 1 sampai 366.\n\n${REPORT_USAGE}`,
  badArgs: (typed: string) => `"${typed}" tidak dikenali.\n\n${REPORT_USAGE}`,
  unknownAgency: (code: string) => `Kode instansi "${code}" tidak dikenal. Ketik /laporan tanpa kode untuk semua instansi.`,
  attachments: () =>
    "Terlampir: grafik tindak lanjut, daftar laporan (CSV) dan angka per instansi (CSV). " +
    "Khusus koordinator: berisi uraian laporan rahasia; identitas pelapor anonim dikosongkan.",
  nothing: () => "Belum ada laporan yang masuk pada periode ini.",
  coordinatorOnly: (own: string) =>
    `Laporan semua instansi atau instansi lain hanya untuk koordinator. Ketik /laporan [jumlah hari] untuk laporan ${own}.`,
} as const;

/** The message text: headline, totals, the agencies that need attention, what is attached. */
export function reportSummary(
  figures: MonevFigures,
  options: { days: number; utcOffsetMinutes: number; agencyName: AgencyNames },
): string {
  const scope = figures.agency ? `, ${agencyLabel(figures.agency, options.agencyName)}` : "";
  const head = `Laporan monev ${options.days} hari terakhir${scope} (${formatPeriod(figures, options.utcOffsetMinutes)})`;
  const body = figures.totals.received === 0 ? [REPORT_COPY.nothing()] : totalsLines(figures.totals);
  // Fewer agency lines until the whole text fits in one photo caption; the CSV has every agency.
  for (let limit = 5; limit >= 0; limit -= 1) {
    const agencies = figures.agency || limit === 0 ? [] : agencyLines(figures, options.agencyName, limit);
    const sections = [[head, ...body].join("\n")];
    if (agencies.length > 0) sections.push(["Tindak lanjut terendah:", ...agencies].join("\n"));
    sections.push(REPORT_COPY.attachments());
    const text = sections.join("\n\n");
    if (text.length <= MAX_CAPTION || limit === 0) return text;
  }
  return head;
}
