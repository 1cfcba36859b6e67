// Indonesian texts of the citizen commands (/status, /jawab, /tanggapi, /bukakembali, /nilai).
import type { CitizenComplaintView } from "../complaints/complaint-views.js";

export const CITIZEN_USAGE = {
  status: "/status KODE, mis. /status LPR-7K3M9QXA (atau /status saja untuk melihat semua laporan Anda)",
  jawab: "/jawab KODE jawaban Anda, mis. /jawab LPR-7K3M9QXA Di depan rumah nomor 12",
  tanggapi: "/tanggapi KODE pesan Anda, mis. /tanggapi LPR-7K3M9QXA Terima kasih, akan saya tunggu",
  bukakembali: "/bukakembali KODE alasan, mis. /bukakembali LPR-7K3M9QXA Lubangnya masih ada",
  nilai: "/nilai KODE angka 1-5, mis. /nilai LPR-7K3M9QXA 4",
} as const;

export type CitizenUsageKey = keyof typeof CITIZEN_USAGE;

export function citizenUsage(key: CitizenUsageKey, problem?: string): string {
  return `${problem ? `${problem} ` : ""}Cara pakai: ${CITIZEN_USAGE[key]}`;
}

export function renderCitizenStatus(view: CitizenComplaintView): string {
  const lines = [
    `Laporan ${view.code}`,
    `Status: ${view.statusLabel}`,
    `Instansi: ${view.agency ?? "belum diteruskan"}`,
    `Dikirim: ${view.filedAt}`,
    `Isi: ${view.summary}`,
    ...(view.location ? [`Lokasi: ${view.location}`] : []),
    ...(view.incidentDate ? [`Tanggal kejadian: ${view.incidentDate}`] : []),
  ];
  if (view.history.length > 0) {
    lines.push("", "Riwayat:", ...view.history.slice(-10).map((line) => `${line.at} ${line.text}`));
  }
  lines.push("", view.nextStep);
  const text = lines.join("\n");
  return text.length <= 3900 ? text : `${text.slice(0, 3870)}\n...(terpotong)`;
}

export function renderCitizenList(items: CitizenComplaintView[], total: number): string {
  if (items.length === 0) {
    return "Anda belum memiliki laporan di chat ini. Ceritakan keluhan Anda kapan saja untuk membuat laporan baru.";
  }
  const lines = [`Laporan Anda (${total}):`];
  items.forEach((item, index) => {
    lines.push(`${index + 1}. ${item.code} - ${item.statusLabel} - ${item.summary}`);
    const where = [item.location ? `Lokasi: ${item.location}` : "", item.incidentDate ? `Kejadian: ${item.incidentDate}` : ""];
    if (where.some(Boolean)) lines.push(`   ${where.filter(Boolean).join("; ")}`);
  });
  if (total > items.length) lines.push(`...dan ${total - items.length} laporan lebih lama.`);
  lines.push("Ketik /status KODE untuk melihat perkembangan satu laporan.");
  return lines.join("\n");
}

export const CITIZEN_CONFIRM = {
  answered: (code: string) =>
    `Terima kasih. Tanggapan Anda untuk laporan ${code} sudah diteruskan ke petugas. Ketik /status ${code} untuk melihat perkembangannya.`,
  reopened: (code: string, responseDue: string) =>
    `Laporan ${code} dibuka kembali dan dikembalikan ke instansi.\n` +
    `Selanjutnya: instansi menindaklanjuti kembali paling lambat ${responseDue}.\n` +
    `Bila bisa, kirim foto kondisi terkini dengan keterangan (caption) ${code}.`,
  rated: (code: string, rating: number) => `Terima kasih atas penilaian ${rating}/5 untuk laporan ${code}.`,
  fixed: (code: string) => `Terima kasih atas konfirmasinya. Senang masalahnya sudah beres. Laporan ${code} selesai.`,
  photoAdded: (code: string) => `Foto untuk laporan ${code} sudah kami terima dan diteruskan ke petugas.`,
  choiceUnknown: "Pilihan itu tidak dikenali. Silakan pilih salah satu tombol, atau ketik perintahnya.",
} as const;
