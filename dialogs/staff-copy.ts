// Indonesian texts of the staff commands: syntax help, confirmations, and the rendering of the
// projections the lifecycle service returns (which already hide what staff must not see).
import type { StaffRecord } from "../db/models.js";
import type { StaffComplaintView } from "../complaints/complaint-views.js";
import type { StatisticsReport, StatisticsRow } from "../complaints/lifecycle-statistics.js";
import { REJECTED_ONLY_NOTE, formatHours, formatNumber, formatPercent } from "../complaints/monev-text.js";
import type { ChangeResult, QueueResult } from "../complaints/lifecycle-service.js";
import { STATUS_LABEL } from "../complaints/complaint-status.js";

/** Telegram allows 4096 characters; leave room for the platform's own additions. */
export const MAX_TEXT = 3900;

export const DASHBOARD_COPY = {
  link: (url: string, minutes: number) =>
    `Tautan masuk dasbor (sekali pakai, berlaku ${minutes} menit):\n${url}\n\n` +
    "Jangan bagikan tautan ini. Ketik /dasbor keluar untuk mengakhiri semua sesi dasbor Anda.",
  sentPrivately: () => "Tautan masuk dasbor dikirim lewat pesan pribadi, bukan di grup ini.",
  loggedOut: (count: number) => `${count} sesi dasbor Anda diakhiri.`,
  notConfigured: () => "Dasbor web belum diaktifkan di server ini. Hubungi operator (DASHBOARD_PORT).",
  usage: () => "Cara pakai:\n/dasbor - minta tautan masuk\n/dasbor keluar - akhiri semua sesi dasbor Anda",
} as const;

export const STAFF_USAGE = {
  lihat: "/lihat KODE\nContoh: /lihat LPR-7K3M9QXA",
  teruskan: "/teruskan KODE INSTANSI [catatan]\nContoh: /teruskan LPR-7K3M9QXA DPUPR",
  proses: "/proses KODE [catatan untuk pelapor]\nContoh: /proses LPR-7K3M9QXA Tim akan survei lokasi besok.",
  balas: "/balas KODE pesan\nContoh: /balas LPR-7K3M9QXA Perbaikan dijadwalkan minggu depan.",
  catatan:
    "/catatan KODE teks (internal, tidak terlihat oleh pelapor)\nContoh: /catatan LPR-7K3M9QXA Sudah koordinasi dengan UPT.",
  selesai: "/selesai KODE jawaban\nContoh: /selesai LPR-7K3M9QXA Jalan sudah ditambal pada 24 November.",
  tolak: "/tolak KODE alasan\nContoh: /tolak LPR-7K3M9QXA Laporan ganda dari LPR-2B4C6D8E.",
  bukanwewenang: "/bukanwewenang KODE alasan\nContoh: /bukanwewenang LPR-7K3M9QXA Jalan nasional, wewenang BPJN.",
  tanya: "/tanya KODE pertanyaan\nContoh: /tanya LPR-7K3M9QXA Di depan nomor rumah berapa tepatnya?",
  statistik: "/statistik [jumlah hari | semua]\nContoh: /statistik 30",
  staf: "/staf tambah kanal:id INSTANSI [nama]\n/staf hapus kanal:id\n/staf daftar\nContoh: /staf tambah telegram:123456 DPUPR Budi",
} as const;

export type UsageKey = keyof typeof STAFF_USAGE;

export function usage(key: UsageKey, problem?: string): string {
  return `${problem ? `${problem}\n\n` : ""}Cara pakai:\n${STAFF_USAGE[key]}`;
}

/** Under the menu for a registered officer who greets the bot: where their work is. */
export function staffAtMenu(agencyCode: string): string {
  return `Anda terdaftar sebagai petugas ${agencyCode}. Ketik /antrian untuk laporan yang perlu ditindaklanjuti, atau /bantuan untuk semua perintah petugas.`;
}

export function staffHelp(agencyCode: string, coordinator: boolean): string {
  const lines = [
    `Perintah petugas (${agencyCode}):`,
    "/antrian - laporan terbuka, yang terlambat dan terlama di atas",
    "/lihat KODE - detail, lokasi, lampiran, riwayat",
    "/proses KODE [catatan] - mulai menindaklanjuti",
    "/balas KODE pesan - kirim pesan ke pelapor",
    "/tanya KODE pertanyaan - minta informasi tambahan ke pelapor",
    "/catatan KODE teks - catatan internal",
    "/selesai KODE jawaban - selesaikan dengan jawaban",
    "/tolak KODE alasan - tolak dengan alasan",
    "/teruskan KODE INSTANSI - teruskan ke instansi lain",
    "/bukanwewenang KODE alasan - kembalikan ke koordinator",
    "/statistik [hari] - angka tindak lanjut",
    "/dasbor - tautan masuk dasbor web (sekali pakai, 10 menit)",
  ];
  if (coordinator) {
    lines.push("/laporan [hari] [INSTANSI] - grafik dan file CSV monev (30 hari)");
    lines.push("/staf tambah|hapus|daftar - kelola petugas");
  } else {
    lines.push(`/laporan [hari] - grafik dan file CSV monev ${agencyCode} (30 hari)`);
  }
  lines.push("", "Kode boleh ditulis huruf kecil. Pesan biasa (bukan perintah) dijawab seperti warga.");
  return lines.join("\n");
}

const notifiedLine = (result: ChangeResult): string => (result.citizenMessages > 0 ? " Pelapor sudah diberi tahu." : "");

export const STAFF_CONFIRM = {
  forwarded: (result: ChangeResult, agencyName: string) =>
    `Laporan ${result.code} diteruskan ke ${agencyName}.${notifiedLine(result)}` +
    (result.staffMessages > 0
      ? ` ${result.staffMessages} petugas diberi tahu.`
      : `\nPerhatian: belum ada petugas ${result.agencyCode ?? ""} yang terdaftar. Koordinator dapat menambahkan dengan /staf tambah.`),
  change: (result: ChangeResult) =>
    result.from === result.to
      ? `Laporan ${result.code} (${STATUS_LABEL[result.to]}): tersimpan.${notifiedLine(result)}`
      : `Laporan ${result.code}: ${STATUS_LABEL[result.from]} -> ${STATUS_LABEL[result.to]}.${notifiedLine(result)}`,
  replied: (result: ChangeResult) => `Pesan untuk pelapor ${result.code} sudah dikirim (status: ${STATUS_LABEL[result.to]}).`,
  noted: (result: ChangeResult) => `Catatan internal disimpan untuk ${result.code}. Pelapor tidak melihat catatan ini.`,
  asked: (result: ChangeResult) => `Pertanyaan dikirim ke pelapor ${result.code}. Anda akan diberi tahu saat pelapor menjawab.`,
  returned: (result: ChangeResult) =>
    `Laporan ${result.code} dikembalikan ke koordinator untuk diteruskan ke instansi yang berwenang.${notifiedLine(result)}`,
  staffAdded: (staff: StaffRecord, created: boolean) =>
    `${created ? "Petugas ditambahkan" : "Data petugas diperbarui"}: ${staff.identity} - ${staff.agencyCode}${staff.name ? ` - ${staff.name}` : ""}.`,
  staffRemoved: (identity: string) => `Petugas ${identity} dihapus.`,
} as const;

export function renderStaffView(view: StaffComplaintView): string {
  const head = [
    `${view.code} - ${view.statusLabel}${view.overdue ? ` - ${view.overdue}` : ""}`,
    `Jenis: ${view.reportType.replace(/_/g, " ")} - Privasi: ${view.privacy}${view.urgent ? " - MENDESAK" : ""}`,
    `Instansi: ${view.agency ?? "belum diteruskan"} - Saran sistem: ${view.suggested}`,
    `Pelapor: ${view.reporter}`,
    `Masuk: ${view.filedAt}`,
  ];
  if (view.incidentDate) head.push(`Tanggal kejadian: ${view.incidentDate}`);
  head.push(`Lokasi: ${view.location ?? "-"}`);
  if (view.mapUrl) head.push(`Peta: ${view.mapUrl}`);
  head.push(`Lampiran: ${view.attachmentCount} foto`);
  head.push(...view.deadlines);
  const counters: string[] = [];
  if (view.reopenCount > 0) counters.push(`dibuka kembali ${view.reopenCount}x`);
  if (view.notAuthorityCount > 0) counters.push(`bukan wewenang ${view.notAuthorityCount}x`);
  if (view.rating !== null) counters.push(`nilai ${view.rating}/5`);
  if (view.citizenSatisfied !== null) counters.push(view.citizenSatisfied ? "pelapor: sudah beres" : "pelapor: belum beres");
  if (counters.length > 0) head.push(`Catatan: ${counters.join(", ")}`);
  if (view.waitingForAnswer) head.push("Menunggu jawaban pelapor atas pertanyaan petugas.");
  const history = view.history.slice(-15).map((line) => `${line.at} ${line.internal ? "[internal] " : ""}${line.text}`);
  const skipped = view.history.length - history.length;
  const text = [
    ...head,
    "",
    "Isi laporan:",
    view.description,
    "",
    `Riwayat${skipped > 0 ? ` (${skipped} entri lama tidak ditampilkan)` : ""}:`,
    ...history,
  ].join("\n");
  return clip(text);
}

export function renderQueue(result: QueueResult): string {
  if (result.total === 0) return `Antrean ${result.scope} kosong: tidak ada laporan terbuka.`;
  const lines = [`Antrean ${result.scope}: ${result.total} laporan terbuka, ${result.overdue} terlambat.`];
  result.items.forEach((item, index) => {
    const flags = [item.statusLabel, item.agency, item.overdue, item.urgent ? "MENDESAK" : null].filter(Boolean);
    lines.push(`${index + 1}. ${item.code} - ${flags.join(" - ")} - ${item.filedAt}`, `   ${item.summary}`);
  });
  if (result.total > result.items.length) lines.push(`...dan ${result.total - result.items.length} lainnya.`);
  lines.push("Ketik /lihat KODE untuk detail.");
  return clip(lines.join("\n"));
}

function renderFigures(row: StatisticsRow, code: string): string[] {
  const title = row.name === code ? code : `${row.name} (${code})`;
  const lines = [
    title,
    `- Diterima: ${row.received}`,
    `- Ditindaklanjuti: ${row.followedUp} (${formatPercent(row.followedUpPercent)})`,
    `- Selesai: ${row.finished} (${formatPercent(row.finishedPercent)})`,
    `- Ditolak: ${row.rejected} - Bukan wewenang: ${row.notAuthority}`,
    `- Terlambat saat ini: ${row.overdue}`,
    `- Median waktu ke tindak lanjut pertama: ${formatHours(row.medianHoursToFirstFollowUp)}`,
    `- Rata-rata nilai: ${row.averageRating === null ? "-" : `${formatNumber(row.averageRating, 1)} dari ${row.ratings} penilaian`}`,
  ];
  if (row.received > 0 && row.rejected === row.received) lines.push(REJECTED_ONLY_NOTE);
  return lines;
}

export function renderStatistics(report: StatisticsReport): string {
  const lines = [`Statistik ${report.scope} (${report.period})`];
  if (report.total) lines.push("", ...renderFigures(report.total, "TOTAL"));
  if (report.unrouted !== null) lines.push(`- Menunggu diteruskan saat ini: ${report.unrouted}`);
  for (const row of report.rows) lines.push("", ...renderFigures(row, row.agency));
  if (report.rows.length === 0 && !report.total) lines.push("Belum ada laporan.");
  lines.push(
    "",
    "Definisi sama dengan laporan monev (/laporan): laporan yang masuk pada periode ini, menurut instansi yang memegangnya sekarang.",
  );
  return clip(lines.join("\n"));
}

export function renderStaffList(staff: StaffRecord[]): string {
  if (staff.length === 0) return "Belum ada petugas terdaftar.";
  return clip(
    [
      `Petugas terdaftar (${staff.length}):`,
      ...staff.map((row) => `- ${row.identity} - ${row.agencyCode}${row.name ? ` - ${row.name}` : ""}`),
    ].join("\n"),
  );
}

export function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 30)}\n...(terpotong, terlalu panjang)`;
}
