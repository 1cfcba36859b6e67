// The monev chart: per agency (full names, wrapped) three bars as shares of the complaints received,
// followed up, finished and overdue, with a legend and a dashed line at the overall follow-up share.
// An agency whose every complaint was rejected says so instead of a bare 0 %. Vega renders the SVG
// headless (no browser, no canvas); resvg turns it into a PNG; the dashboard inlines the SVG.
// Text uses the system's fonts (Debian: fonts-dejavu-core); without any font the bars still render.
import type { Spec } from "vega";
import type { MonevFigures, MonevRow } from "./monev-figures.js";
import { agencyLabel, formatPercent, type AgencyNames } from "./monev-text.js";

export interface ChartOptions {
  title: string;
  subtitle: string;
  agencyName?: AgencyNames;
}

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const WIDTH = 520;
const ROW_STEP = 66;
const WRAP = 24;

export const MEASURES = [
  { key: "followed", label: "Ditindaklanjuti", color: "#2b6cb0" },
  { key: "finished", label: "Selesai", color: "#2f855a" },
  { key: "overdue", label: "Terlambat", color: "#c53030" },
] as const;

export const REJECTED_ONLY_LABEL = "semua ditolak";

/** Words onto lines of at most `width` characters (a longer single word keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface Bar {
  /** Band key: the agency's label lines joined by "|" (unique: it ends with the code). */
  agency: string;
  measure: string;
  percent: number;
  label: string;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);

function rowBars(row: MonevRow, key: string): Bar[] {
  const rejectedOnly = row.received > 0 && row.rejected === row.received;
  const counts = { followed: row.followedUp, finished: row.finished, overdue: row.overdue };
  return MEASURES.map((measure) => {
    const count = counts[measure.key];
    const percent = share(count, row.received);
    const text = row.received === 0 ? "0 laporan" : `${formatPercent(percent)} (${count}/${row.received})`;
    return {
      agency: key,
      measure: measure.label,
      percent,
      label: rejectedOnly && measure.key === "followed" ? `${text}, ${REJECTED_ONLY_LABEL}` : text,
    };
  });
}

/** The Vega spec, exported so tests can read the data the chart draws. */
export function followUpChartSpec(figures: MonevFigures, options: ChartOptions): Spec {
  const names = options.agencyName ?? (() => undefined);
  const rows = [...figures.rows].sort(
    (a, b) => (b.followedUpPercent ?? -1) - (a.followedUpPercent ?? -1) || a.agency.localeCompare(b.agency),
  );
  const values = rows.flatMap((row) => rowBars(row, wrapWords(agencyLabel(row.agency, names), WRAP).join("|")));
  const total = figures.totals.followedUpPercent;
  const rejectedOnly = rows.some((row) => row.received > 0 && row.rejected === row.received);
  const height = Math.max(ROW_STEP * 2, ROW_STEP * rows.length);
  const subtitle = [options.subtitle, "Persen dari laporan masuk per instansi."];
  if (rejectedOnly) subtitle.push(`"${REJECTED_ONLY_LABEL}": penolakan bukan tindak lanjut, jadi tindak lanjutnya 0%.`);
  return {
    width: WIDTH,
    height,
    padding: 16,
    background: "white",
    config: {
      text: { font: FONT },
      axis: { labelFont: FONT, titleFont: FONT },
      legend: { labelFont: FONT, titleFont: FONT },
      title: { font: FONT, subtitleFont: FONT },
    },
    title: { text: options.title, subtitle, anchor: "start", fontSize: 16, subtitleFontSize: 12, offset: 12 },
    data: [
      { name: "bars", values },
      { name: "total", values: total === null ? [] : [{ percent: total, label: `Total tindak lanjut ${formatPercent(total)}` }] },
      { name: "empty", values: values.length === 0 ? [{ text: "Tidak ada laporan pada periode ini" }] : [] },
    ],
    scales: [
      { name: "y", type: "band", domain: { data: "bars", field: "agency" }, range: "height", padding: 0.18 },
      { name: "x", type: "linear", domain: [0, 100], range: "width", nice: false },
      {
        name: "color",
        type: "ordinal",
        domain: MEASURES.map((measure) => measure.label),
        range: MEASURES.map((measure) => measure.color),
      },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: "Persen dari laporan masuk (%)", grid: true, tickCount: 10 },
      {
        orient: "left",
        scale: "y",
        labelFontSize: 11,
        labelLimit: 400,
        encode: { labels: { update: { text: { signal: "split(datum.value, '|')" } } } },
      },
    ],
    legends: [{ fill: "color", orient: "bottom", direction: "horizontal", title: null as unknown as string, labelFontSize: 11 }],
    marks: [
      {
        type: "rule",
        from: { data: "total" },
        encode: {
          enter: {
            x: { scale: "x", field: "percent" },
            y: { value: 0 },
            y2: { signal: "height" },
            stroke: { value: "#2d3748" },
            strokeDash: { value: [4, 3] },
          },
        },
      },
      {
        type: "text",
        from: { data: "total" },
        encode: {
          enter: {
            x: { scale: "x", field: "percent" },
            y: { value: -4 },
            align: { value: "center" },
            fontSize: { value: 10 },
            fill: { value: "#2d3748" },
            text: { field: "label" },
          },
        },
      },
      {
        type: "group",
        from: { facet: { data: "bars", name: "facet", groupby: "agency" } },
        encode: { enter: { y: { scale: "y", field: "agency" }, height: { scale: "y", band: 1 }, width: { signal: "width" } } },
        signals: [{ name: "height", update: "bandwidth('y')" }],
        scales: [{ name: "pos", type: "band", range: "height", domain: MEASURES.map((measure) => measure.label), padding: 0.1 }],
        marks: [
          {
            type: "rect",
            from: { data: "facet" },
            encode: {
              enter: {
                y: { scale: "pos", field: "measure" },
                height: { scale: "pos", band: 1 },
                x: { scale: "x", value: 0 },
                x2: { scale: "x", field: "percent" },
                fill: { scale: "color", field: "measure" },
              },
            },
          },
          {
            type: "text",
            from: { data: "facet" },
            encode: {
              enter: {
                y: { scale: "pos", field: "measure", band: 0.5 },
                x: [
                  { test: "datum.percent > 70", scale: "x", field: "percent", offset: -4 },
                  { scale: "x", field: "percent", offset: 4 },
                ],
                align: [{ test: "datum.percent > 70", value: "right" }, { value: "left" }],
                fill: [{ test: "datum.percent > 70", value: "white" }, { value: "#1a202c" }],
                baseline: { value: "middle" },
                fontSize: { value: 10 },
                text: { field: "label" },
              },
            },
          },
        ],
      },
      {
        type: "text",
        from: { data: "empty" },
        encode: {
          enter: {
            x: { signal: "width / 2" },
            y: { signal: "height / 2" },
            align: { value: "center" },
            fontSize: { value: 14 },
            text: { field: "text" },
          },
        },
      },
    ],
  };
}

/** SVG text of the chart (the dashboard inlines it). Vega is loaded on first use. */
export async function renderFollowUpChartSvg(figures: MonevFigures, options: ChartOptions): Promise<string> {
  const vega = await import("vega");
  const view = new vega.View(vega.parse(followUpChartSpec(figures, options)), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes of the chart (chat and CLI). */
export async function renderFollowUpChart(figures: MonevFigures, options: ChartOptions): Promise<Buffer> {
  const [svg, { Resvg }] = await Promise.all([renderFollowUpChartSvg(figures, options), import("@resvg/resvg-js")]);
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
