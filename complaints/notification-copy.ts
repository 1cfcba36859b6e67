// Indonesian texts pushed into chats through the outbox. Every citizen message names the code and
// says in one line what happens next; staff messages never name an anonymous reporter.
import type { OutboundMessage } from "./push-message.js";
import { STATUS, type ComplaintStatus } from "./complaint-status.js";

/** Button question ids of the SELESAI message; citizen commands recognise them. */
export const RATING_QUESTION_PREFIX = "nilai:";
export const FIXED_QUESTION_PREFIX = "beres:";

const quote = (text: string): string => `"${text.trim()}"`;

export interface NextStepInput {
  code: string;
  status: ComplaintStatus;
  agencyName: string | null;
  routeDue: string;
  responseDue: string | null;
  /** Formatted reopen deadline while it is still open, otherwise null. */
  reopenUntil: string | null;
}

/** The one line "what happens next" shared by pushes and /status. */
export function nextStepLine(input: NextStepInput): string {
  const agency = input.agencyName ?? "Instansi";
  switch (input.status) {
    case STATUS.BARU:
      return `Selanjutnya: laporan diverifikasi dan diteruskan ke instansi yang berwenang paling lambat ${input.routeDue}.`;
    case STATUS.DITERUSKAN:
      return `Selanjutnya: ${agency} menindaklanjuti paling lambat ${input.responseDue ?? "-"}.`;
    case STATUS.DIPROSES:
      return `Selanjutnya: ${agency} sedang menangani; jawabannya akan dikirim ke chat ini.`;
    case STATUS.DIBUKA_KEMBALI:
      return `Selanjutnya: ${agency} menindaklanjuti kembali paling lambat ${input.responseDue ?? "-"}.`;
    case STATUS.SELESAI:
      return input.reopenUntil
        ? `Selanjutnya: bila masalahnya belum beres, ketik /bukakembali ${input.code} alasan sampai ${input.reopenUntil}.`
        : "Laporan ini sudah final. Bila masalahnya muncul lagi, silakan kirim laporan baru.";
    case STATUS.DITOLAK:
      return "Laporan ini ditutup. Bila ada informasi yang lebih lengkap, silakan kirim laporan baru.";
  }
}

export const CITIZEN_NOTICE = {
  forwarded: (code: string, agencyName: string, next: string): OutboundMessage => ({
    text: `Laporan ${code} telah diteruskan ke ${agencyName}.\n${next}`,
  }),
  processing: (code: string, agencyName: string, note: string | null, next: string): OutboundMessage => ({
    text: `Laporan ${code} sedang diproses oleh ${agencyName}.` + (note ? `\nCatatan petugas: ${quote(note)}` : "") + `\n${next}`,
  }),
  reply: (code: string, agencyName: string, message: string): OutboundMessage => ({
    text:
      `Pesan dari ${agencyName} tentang laporan ${code}:\n${quote(message)}\n` +
      `Selanjutnya: bila ingin menanggapi, ketik /tanggapi ${code} pesan Anda.`,
  }),
  question: (code: string, agencyName: string, question: string): OutboundMessage => ({
    text:
      `${agencyName} membutuhkan informasi tambahan untuk laporan ${code}:\n${quote(question)}\n` +
      `Selanjutnya: jawab dengan mengetik /jawab ${code} jawaban Anda.`,
  }),
  finished: (code: string, agencyName: string, answer: string, reopenUntil: string): OutboundMessage[] => [
    {
      text:
        `Laporan ${code} telah diselesaikan oleh ${agencyName}.\nJawaban: ${quote(answer)}\n\n` +
        `Apakah instansi merespons dengan baik? Pilih nilai 1 (buruk) sampai 5 (sangat baik), ` +
        `atau ketik /nilai ${code} angka.`,
      questionId: `${RATING_QUESTION_PREFIX}${code}`,
      options: ["1", "2", "3", "4", "5"].map((value) => ({ value, label: value })),
    },
    {
      text:
        `Apakah masalahnya sudah beres? Pilih Sudah beres atau Belum beres.\n` +
        `Bila belum beres, laporan dapat dibuka kembali sampai ${reopenUntil} ` +
        `(pilih Belum beres, atau ketik /bukakembali ${code} alasan).`,
      questionId: `${FIXED_QUESTION_PREFIX}${code}`,
      options: [
        { value: "sudah", label: "Sudah beres" },
        { value: "belum", label: "Belum beres" },
      ],
    },
  ],
  rejected: (code: string, reason: string, next: string): OutboundMessage => ({
    text: `Laporan ${code} tidak dapat ditindaklanjuti (ditolak).\nAlasan: ${quote(reason)}\n${next}`,
  }),
  notAuthority: (code: string, next: string): OutboundMessage => ({
    text: `Laporan ${code} sedang dialihkan ke instansi yang berwenang; laporan Anda tetap ditangani.\n${next}`,
  }),
} as const;

export const STAFF_NOTICE = {
  /** A new complaint: routed at once to `agencyName`, or waiting for the coordinator (with the suggestion). */
  filed: (code: string, urgent: boolean, agencyName: string | null, suggestedName: string): OutboundMessage => ({
    text:
      `${urgent ? "[MENDESAK] " : ""}Laporan baru ${code}, ` +
      (agencyName ? `diteruskan ke ${agencyName}` : `menunggu verifikasi dan penerusan (usulan: ${suggestedName})`) +
      `.\nLihat rinciannya dengan /lihat ${code}`,
  }),
  assigned: (code: string, agencyName: string, summary: string, flags: string, due: string): OutboundMessage => ({
    text:
      `Laporan untuk ${agencyName}: ${code}${flags}\n${quote(summary)}\n` +
      `Batas tindak lanjut pertama: ${due}.\nLihat detail: /lihat ${code}`,
  }),
  handedOver: (code: string, toAgency: string): OutboundMessage => ({
    text: `Laporan ${code} sudah diteruskan ke ${toAgency} dan tidak lagi ada di antrean Anda.`,
  }),
  returnedToCoordinator: (code: string, agencyCode: string, reason: string, due: string): OutboundMessage => ({
    text:
      `Laporan ${code} dikembalikan oleh ${agencyCode} (bukan wewenang).\nAlasan: ${quote(reason)}\n` +
      `Teruskan ke instansi yang tepat paling lambat ${due}: /teruskan ${code} INSTANSI`,
  }),
  citizenAnswered: (code: string, text: string): OutboundMessage => ({
    text: `Pelapor menanggapi laporan ${code}:\n${quote(text)}\nLihat detail: /lihat ${code}`,
  }),
  citizenPhoto: (code: string): OutboundMessage => ({
    text: `Pelapor mengirim foto baru untuk laporan ${code}. Lihat: /lihat ${code}`,
  }),
  reopened: (code: string, reason: string, due: string): OutboundMessage => ({
    text:
      `Laporan ${code} DIBUKA KEMBALI: pelapor menyatakan masalahnya belum beres.\nAlasan: ${quote(reason)}\n` +
      `Tindak lanjut paling lambat ${due}. Lihat: /lihat ${code}`,
  }),
  rated: (code: string, rating: number): OutboundMessage => ({
    text: `Pelapor memberi nilai ${rating}/5 untuk penanganan laporan ${code}.`,
  }),
  overdueReminder: (scope: string, lines: string[], more: number): OutboundMessage => ({
    text:
      `Pengingat harian ${scope}: ${lines.length + more} laporan melewati batas waktu.\n` +
      lines.join("\n") +
      (more > 0 ? `\n...dan ${more} lainnya (ketik /antrian).` : "\nKetik /lihat KODE untuk menindaklanjuti."),
  }),
} as const;
