// The queue: filters (a plain GET form, so it works without JavaScript and links can be shared),
// the table with the SLA state as colour and words, and page links.
import { html } from "hono/html";
import { STATUS_LABEL } from "../complaints/complaint-status.js";
import type { DashboardQueuePage, QueueFilters } from "../complaints/dashboard-queue.js";
import { page, slaBadge, type Html, type Viewer } from "./layout.js";

export interface QueueQuery {
  status: string;
  agency: string;
  overdue: boolean;
  from: string;
  to: string;
  type: string;
  search: string;
}

const TYPES: Record<string, string> = {
  pengaduan: "Pengaduan",
  aspirasi: "Aspirasi",
  permintaan_informasi: "Permintaan informasi",
};

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}" ${value === selected ? "selected" : ""}>${label}</option>`;
}

function pageLink(query: QueueQuery, pageNumber: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({
    status: query.status,
    instansi: query.agency,
    terlambat: query.overdue ? "ya" : "",
    dari: query.from,
    sampai: query.to,
    jenis: query.type,
    cari: query.search,
  })) {
    if (value) params.set(key, value);
  }
  params.set("hal", String(pageNumber));
  return `/?${params.toString()}`;
}

export function queuePage(input: {
  viewer: Viewer;
  coordinator: boolean;
  agencies: Array<{ code: string; name: string }>;
  query: QueueQuery;
  result: DashboardQueuePage;
  agencyName(code: string): string | undefined;
}): Html {
  const { query, result } = input;
  const filters = html`<form class="filters card" method="get" action="/">
    <label
      >Status
      <select name="status">
        ${option("terbuka", "Semua yang terbuka", query.status)}
        ${Object.entries(STATUS_LABEL).map(([value, label]) => option(value, label, query.status))}
        ${option("semua", "Semua status", query.status)}
      </select>
    </label>
    ${
      input.coordinator
        ? html`<label
            >Instansi
            <select name="instansi">
              ${option("", "Semua instansi", query.agency)} ${option("KOORDINATOR", "Belum diteruskan", query.agency)}
              ${input.agencies.map((agency) => option(agency.code, `${agency.name} (${agency.code})`, query.agency))}
            </select>
          </label>`
        : ""
    }
    <label
      >Jenis
      <select name="jenis">
        ${option("", "Semua jenis", query.type)}
        ${Object.entries(TYPES).map(([value, label]) => option(value, label, query.type))}
      </select>
    </label>
    <label>Masuk dari <input type="date" name="dari" value="${query.from}" /></label>
    <label>sampai <input type="date" name="sampai" value="${query.to}" /></label>
    <label>Cari (kode atau isi) <input type="search" name="cari" value="${query.search}" /></label>
    <label
      ><span
        ><input type="checkbox" name="terlambat" value="ya" ${query.overdue ? "checked" : ""} /> Hanya yang terlambat</span
      ></label
    >
    <button type="submit">Tampilkan</button>
  </form>`;
  const rows = result.items.map(
    (item) =>
      html`<tr>
        <td>
          <a href="/pengaduan/${item.code}">${item.code}</a>${item.urgent ? html`<span class="tag">MENDESAK</span>` : ""}${
            item.privacy === "rahasia" ? html`<span class="tag">RAHASIA</span>` : ""
          }
        </td>
        <td>${slaBadge(item.sla, item.slaLabel)}</td>
        <td>${item.statusLabel}</td>
        <td>${item.agencyCode ? (input.agencyName(item.agencyCode) ?? item.agencyCode) : "Belum diteruskan"}</td>
        <td>${TYPES[item.reportType] ?? item.reportType}</td>
        <td>${item.summary}</td>
        <td>${item.filedAt}</td>
      </tr>`,
  );
  const table =
    result.items.length === 0
      ? html`<p class="card">Tidak ada laporan yang cocok dengan pilihan ini.</p>`
      : html`<table class="queue">
          <thead>
            <tr>
              <th>Kode</th>
              <th>Batas waktu</th>
              <th>Status</th>
              <th>Instansi</th>
              <th>Jenis</th>
              <th>Ringkasan</th>
              <th>Masuk</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`;
  const pager = html`<nav class="pager" aria-label="Halaman">
    ${result.page > 1 ? html`<a href="${pageLink(query, result.page - 1)}">« Sebelumnya</a>` : ""}
    <span>Halaman ${result.page} dari ${result.pages}</span>
    ${result.page < result.pages ? html`<a href="${pageLink(query, result.page + 1)}">Berikutnya »</a>` : ""}
  </nav>`;
  return page(
    "Antrean",
    html`<h1>Antrean ${input.coordinator ? "semua instansi" : input.viewer.agencyCode}</h1>
      ${filters}
      <p>${result.total} laporan, ${result.overdue} terlambat. Yang terlambat dan terlama di atas.</p>
      ${table} ${pager}`,
    input.viewer,
  );
}

export function queueFilters(query: QueueQuery, offsetMinutes: number, pageNumber: number): QueueFilters {
  const day = (text: string, endOfDay: boolean): Date | undefined => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const start = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(start)) return undefined;
    return new Date(start - offsetMinutes * 60_000 + (endOfDay ? 86_400_000 - 1 : 0));
  };
  const from = day(query.from, false);
  const to = day(query.to, true);
  return {
    status: query.status,
    ...(query.agency ? { agency: query.agency } : {}),
    overdueOnly: query.overdue,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(query.type ? { reportType: query.type } : {}),
    ...(query.search ? { search: query.search } : {}),
    page: pageNumber,
  };
}
