// The monev page: the figures of `npm run report` for a chosen period (per agency with full names),
// the chart as inline SVG (no JavaScript), the table, and the CSV downloads.
import { html, raw } from "hono/html";
import type { MonevFigures, MonevRow } from "../complaints/monev-figures.js";
import {
  agencyLabel,
  formatHours,
  formatNumber,
  formatPercent,
  REJECTED_ONLY_NOTE,
  type AgencyNames,
} from "../complaints/monev-text.js";
import { page, type Html, type Viewer } from "./layout.js";

function row(figures: MonevRow, label: string): Html {
  const rejectedOnly = figures.received > 0 && figures.rejected === figures.received;
  return html`<tr>
    <td>${label}${rejectedOnly ? html`<br /><span class="muted">${REJECTED_ONLY_NOTE.trim()}</span>` : ""}</td>
    <td class="num">${figures.received}</td>
    <td class="num">${figures.followedUp} (${formatPercent(figures.followedUpPercent)})</td>
    <td class="num">${figures.finished} (${formatPercent(figures.finishedPercent)})</td>
    <td class="num">${figures.rejected}</td>
    <td class="num">${figures.overdue}</td>
    <td class="num">${formatHours(figures.medianHoursToFirstFollowUp)}</td>
    <td class="num">
      ${figures.averageRating === null ? "-" : `${formatNumber(figures.averageRating, 1)} (${figures.ratings})`}
    </td>
  </tr>`;
}

export function monevPage(input: {
  viewer: Viewer;
  scope: string;
  from: string;
  to: string;
  periodLabel: string;
  figures: MonevFigures;
  chartSvg: string;
  agencyName: AgencyNames;
  problem?: string;
}): Html {
  const query = new URLSearchParams({ dari: input.from, sampai: input.to }).toString();
  return page(
    "Monev",
    html`<h1>Monev ${input.scope}</h1>
      <form class="filters card" method="get" action="/monev">
        <label>Laporan masuk dari <input type="date" name="dari" value="${input.from}" required /></label>
        <label>sampai <input type="date" name="sampai" value="${input.to}" required /></label>
        <button type="submit">Tampilkan</button>
      </form>
      ${input.problem ? html`<p class="notice err" role="alert">${input.problem}</p>` : ""}
      <p>
        ${input.periodLabel}. Definisi sama dengan <code>npm run report</code> dan /laporan: laporan yang masuk pada periode ini,
        menurut instansi yang memegangnya sekarang.
      </p>
      <div class="card chart" role="img" aria-label="Grafik tindak lanjut per instansi">${raw(input.chartSvg)}</div>
      <div style="overflow-x:auto">
        <table>
          <thead>
            <tr>
              <th>Instansi</th>
              <th class="num">Masuk</th>
              <th class="num">Ditindaklanjuti</th>
              <th class="num">Selesai</th>
              <th class="num">Ditolak</th>
              <th class="num">Terlambat</th>
              <th class="num">Median ke tindak lanjut pertama</th>
              <th class="num">Rata-rata nilai</th>
            </tr>
          </thead>
          <tbody>
            ${input.figures.rows.map((r) => row(r, agencyLabel(r.agency, input.agencyName)))}
            ${row(input.figures.totals, "Semua instansi")}
          </tbody>
        </table>
      </div>
      <h2>Unduh</h2>
      <ul>
        <li><a href="/monev/pengaduan.csv?${query}">Daftar laporan (CSV)</a></li>
        <li><a href="/monev/instansi.csv?${query}">Angka per instansi (CSV, format Indonesia)</a></li>
        <li><a href="/monev/instansi-data.csv?${query}">Angka per instansi (CSV dengan titik desimal, untuk diolah)</a></li>
        <li><a href="/monev/grafik.png?${query}">Grafik (PNG)</a></li>
      </ul>`,
    input.viewer,
  );
}
