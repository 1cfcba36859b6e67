// Indonesian refusals of the lifecycle service: every one says what is wrong and what to do instead.
import { STATUS_LABEL, type ComplaintStatus } from "./complaint-status.js";

export const LIFECYCLE_COPY = {
  invalidCode: (input: string) =>
    `"${input}" bukan kode laporan yang valid. Kode laporan berbentuk LPR- diikuti 8 huruf/angka, mis. LPR-7K3M9QXA.`,
  notFound: (code: string) =>
    `Laporan ${code} tidak ditemukan. Periksa kembali kodenya, atau ketik /status untuk melihat laporan Anda.`,
  notFoundForStaff: (code: string, agencyCode: string) =>
    `Laporan ${code} tidak ditemukan di antrean ${agencyCode}. Ketik /antrian untuk melihat laporan instansi Anda.`,
  unknownAgency: (agencyCode: string, known: string) =>
    `Kode instansi "${agencyCode}" tidak dikenal. Kode yang tersedia: ${known}.`,
  sameAgency: (code: string, agencyCode: string) => `Laporan ${code} sudah ditangani ${agencyCode}.`,
  forwardToCoordinator: (code: string) =>
    `Laporan tidak dapat diteruskan ke KOORDINATOR. Bila bukan wewenang instansi Anda, ketik /bukanwewenang ${code} alasan.`,
  coordinatorNotAuthority: (code: string) =>
    `Koordinator tidak memakai /bukanwewenang. Teruskan dengan /teruskan ${code} INSTANSI atau tolak dengan /tolak ${code} alasan.`,
  textRequired: (what: string) => `${what} wajib diisi.`,
  textTooShort: (what: string, min: number) =>
    `${what} terlalu singkat (minimal ${min} karakter). Mohon jelaskan sedikit lebih lengkap.`,
  textTooLong: (what: string, max: number) => `${what} terlalu panjang (maksimal ${max} karakter). Mohon persingkat.`,
  ratingRange: (code: string) => `Nilai harus angka 1 sampai 5, mis. /nilai ${code} 4.`,
  reopenExpired: (code: string, deadline: string) =>
    `Batas waktu membuka kembali laporan ${code} sudah lewat (${deadline}), jadi laporan ini sudah final. ` +
    `Bila masalahnya muncul lagi, silakan kirim laporan baru.`,
  alreadyFinished: (code: string) => `Laporan ${code} sudah Selesai. Bila pelapor belum puas, ia dapat membukanya kembali.`,
  alreadyRejected: (code: string) => `Laporan ${code} sudah Ditolak dan ditutup.`,
  notRoutedYet: (code: string) =>
    `Laporan ${code} masih Baru dan belum diteruskan ke instansi. Teruskan dulu dengan /teruskan ${code} INSTANSI.`,
  alreadyProcessing: (code: string) =>
    `Laporan ${code} sudah Sedang diproses. Kirim perkembangan dengan /balas ${code} pesan, atau selesaikan dengan /selesai ${code} jawaban.`,
  illegalMove: (code: string, from: ComplaintStatus) =>
    `Perintah ini tidak berlaku untuk laporan ${code} yang berstatus ${STATUS_LABEL[from]}.`,
  reopenNotFinished: (code: string) =>
    `Laporan ${code} belum selesai, jadi belum dapat dibuka kembali. Ketik /status ${code} untuk melihat perkembangannya.`,
  rateNotFinished: (code: string) => `Laporan ${code} belum selesai. Penilaian dapat diberikan setelah laporan selesai.`,
  answerClosed: (code: string) =>
    `Laporan ${code} sudah ditutup, jadi tanggapan tidak dapat ditambahkan. Silakan kirim laporan baru bila perlu.`,
  concurrentChange: (code: string) => `Laporan ${code} baru saja diubah oleh orang lain. Ketik /lihat ${code} lalu coba lagi.`,
  coordinatorOnly: () => "Perintah ini hanya untuk koordinator.",
  invalidIdentity: (input: string) =>
    `Identitas "${input}" tidak valid. Gunakan kanal:id, mis. telegram:123456, whatsapp:6281234567890 atau terminal:budi.`,
  staffNotFound: (identity: string) => `Petugas ${identity} tidak terdaftar.`,
  cannotRemoveSelf: () => "Anda tidak dapat menghapus diri sendiri. Minta koordinator lain, atau gunakan npm run staff.",
} as const;
