// The follow-up chart: one horizontal bar per agency, best first, a dashed line at the overall figure.
// Vega renders the SVG headless (no browser, no canvas); resvg turns it into a PNG. Text uses the
// system's fonts (Debian: fonts-dejavu-core); without any font the bars still render, unlabelled.
import type { Spec } from "vega";
import type { MonevFigures } from "./monev-figures.js";

export interface ChartOptions {
  title: string;
  subtitle: string;
}

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const WIDTH = 560;
const BAR_STEP = 30;

interface Bar {
  agency: string;
  percent: number;
  label: string;
}

function bars(figures: MonevFigures): Bar[] {
  return figures.rows.map((row) => ({
    agency: row.agency,
    percent: row.followedUpPercent ?? 0,
    label:
      row.followedUpPercent === null ? "0 laporan" : `${Math.round(row.followedUpPercent)}% (${row.followedUp}/${row.received})`,
  }));
}

/** The Vega spec, exported so tests can read the data the chart draws. */
export function followUpChartSpec(figures: MonevFigures, options: ChartOptions): Spec {
  const values = bars(figures);
  const total = figures.totals.followedUpPercent;
  const height = Math.max(BAR_STEP * 2, BAR_STEP * values.length);
  return {
    width: WIDTH,
    height,
    padding: 16,
    background: "white",
    config: {
      text: { font: FONT },
      axis: { labelFont: FONT, titleFont: FONT },
      title: { font: FONT, subtitleFont: FONT },
    },
    title: { text: options.title, subtitle: options.subtitle, anchor: "start", fontSize: 16, subtitleFontSize: 12 },
    data: [
      { name: "bars", values },
      { name: "total", values: total === null ? [] : [{ percent: total, label: `Total ${Math.round(total)}%` }] },
      { name: "empty", values: values.length === 0 ? [{ text: "Tidak ada laporan pada periode ini" }] : [] },
    ],
    scales: [
      {
        name: "y",
        type: "band",
        domain: { data: "bars", field: "agency", sort: { field: "percent", op: "max", order: "descending" } },
        range: "height",
        padding: 0.25,
      },
      { name: "x", type: "linear", domain: [0, 100], range: "width", nice: false },
      {
        // The thresholds governments are called out on: below 60 % red, below 80 % amber.
        name: "color",
        type: "threshold",
        domain: [60, 80],
        range: ["#c53030", "#d69e2e", "#2f855a"],
      },
    ],
    axes: [
      { orient: "bottom", scale: "x", title: "Persentase tindak lanjut (%)", grid: true, tickCount: 10 },
      { orient: "left", scale: "y", labelFontSize: 11 },
    ],
    marks: [
      // The total line first, so bars and labels are drawn over it.
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
        type: "rect",
        from: { data: "bars" },
        encode: {
          enter: {
            y: { scale: "y", field: "agency" },
            height: { scale: "y", band: 1 },
            x: { scale: "x", value: 0 },
            x2: { scale: "x", field: "percent" },
            fill: { scale: "color", field: "percent" },
          },
        },
      },
      {
        type: "text",
        from: { data: "bars" },
        encode: {
          enter: {
            y: { scale: "y", field: "agency", band: 0.5 },
            // Long bars carry their label inside, so "100% (12/12)" is not cut off at the edge.
            x: [
              { test: "datum.percent > 80", scale: "x", field: "percent", offset: -4 },
              { scale: "x", field: "percent", offset: 4 },
            ],
            align: [{ test: "datum.percent > 80", value: "right" }, { value: "left" }],
            fill: [{ test: "datum.percent > 80", value: "white" }, { value: "#1a202c" }],
            baseline: { value: "middle" },
            fontSize: { value: 11 },
            text: { field: "label" },
          },
        },
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

/** PNG bytes of the chart. Vega is loaded on first use: the bot does not pay for it at start. */
export async function renderFollowUpChart(figures: MonevFigures, options: ChartOptions): Promise<Buffer> {
  const [vega, { Resvg }] = await Promise.all([import("vega"), import("@resvg/resvg-js")]);
  const view = new vega.View(vega.parse(followUpChartSpec(figures, options)), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const resvg = new Resvg(svg, {
      background: "white",
      fitTo: { mode: "zoom", value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    });
    return resvg.render().asPng();
  } finally {
    view.finalize();
  }
}
