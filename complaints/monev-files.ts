// The three monev files of one period: complaints CSV, per-agency figures CSV and the follow-up chart.
// The CLI writes them to disk; /laporan sends them into the coordinator's chat.
import type { OutboundFile } from "./push-message.js";
import type { Db } from "../db/database.js";
import { renderFollowUpChart } from "./monev-chart.js";
import { agencyFiguresCsv, complaintsCsv } from "./monev-csv.js";
import {
  figuresFromComplaints,
  loadMonevComplaints,
  type MonevComplaint,
  type MonevFigures,
  type MonevOptions,
} from "./monev-figures.js";
import { localDateKey } from "./monev-period.js";
import { agencyLabel, formatDate, formatPeriod, type AgencyNames } from "./monev-text.js";

export interface MonevReport {
  figures: MonevFigures;
  complaints: MonevComplaint[];
  complaintsCsv: OutboundFile;
  /** Indonesian number formats, for people. */
  agencyCsv: OutboundFile;
  /** The same figures with a decimal point, for spreadsheets and scripts. */
  agencyDataCsv: OutboundFile;
  chart: OutboundFile;
}

const CSV_MIME = "text/csv; charset=utf-8";

/** "2026-01-01_2026-03-31[_DPUPR]": local dates, the last one inclusive. */
export function reportFileStem(figures: MonevFigures, utcOffsetMinutes: number): string {
  const first = localDateKey(figures.from, utcOffsetMinutes);
  const last = localDateKey(new Date(figures.to.getTime() - 1), utcOffsetMinutes);
  return `${first}_${last}${figures.agency ? `_${figures.agency}` : ""}`;
}

export function chartSubtitle(figures: MonevFigures, utcOffsetMinutes: number, now: Date): string {
  return `Laporan masuk ${formatPeriod(figures, utcOffsetMinutes)} (${figures.totals.received} laporan), keadaan per ${formatDate(now, utcOffsetMinutes)}`;
}

export async function buildMonevReport(db: Db, options: MonevOptions & { agencyName: AgencyNames }): Promise<MonevReport> {
  return monevReport(await loadMonevComplaints(db, options), options);
}

/** The files of complaints already read (loadMonevComplaints): nothing here touches the database. */
export async function monevReport(
  complaints: MonevComplaint[],
  options: MonevOptions & { agencyName: AgencyNames },
): Promise<MonevReport> {
  const figures = figuresFromComplaints(complaints, options);
  const offset = options.sla.calendar.utcOffsetMinutes;
  const stem = reportFileStem(figures, offset);
  const scope = figures.agency ? ` - ${agencyLabel(figures.agency, options.agencyName)}` : "";
  const png = await renderFollowUpChart(figures, {
    title: `Tindak lanjut per instansi${scope}`,
    subtitle: chartSubtitle(figures, offset, options.now),
    agencyName: options.agencyName,
  });
  return {
    figures,
    complaints,
    complaintsCsv: {
      data: Buffer.from(complaintsCsv(complaints, offset), "utf8"),
      fileName: `laporan-pengaduan_${stem}.csv`,
      mimeType: CSV_MIME,
    },
    agencyCsv: {
      data: Buffer.from(agencyFiguresCsv(figures, options.agencyName, "id"), "utf8"),
      fileName: `angka-per-instansi_${stem}.csv`,
      mimeType: CSV_MIME,
    },
    agencyDataCsv: {
      data: Buffer.from(agencyFiguresCsv(figures, options.agencyName, "data"), "utf8"),
      fileName: `angka-per-instansi_${stem}_data.csv`,
      mimeType: CSV_MIME,
    },
    chart: { data: png, fileName: `grafik-tindak-lanjut_${stem}.png`, mimeType: "image/png" },
  };
}
