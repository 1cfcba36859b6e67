// Every sentence the citizen reads in the complaint dialog. Polite, short, and each question says what to answer.
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS, type ComplaintContext } from "./complaint-context.js";
import { missingLocation, type AgencyNames, type QuestionId } from "./complaint-questions.js";

export const NOTICES = {
  formStillOpen: "Laporan yang sedang Anda isi masih tersimpan dan belum terkirim. Untuk melanjutkan, jawab pertanyaan berikut:",
  welcome:
    "Selamat datang di layanan pengaduan pelayanan publik (SP4N-LAPOR!). Semua laporan kami terima dan teruskan ke instansi yang berwenang.",
  help:
    "Cara memakai layanan ini:\n" +
    "• /lapor: buat laporan baru\n" +
    "• /status KODE: cek perkembangan laporan (mis. /status LPR-7K3M9Q2X); /status saja untuk melihat semua laporan Anda\n" +
    "• /jawab KODE teks: menjawab pertanyaan petugas (atau cukup balas pesannya)\n" +
    "• /tanggapi KODE teks: menanggapi jawaban instansi\n" +
    "• /bukakembali KODE alasan: bila Anda belum puas dengan penyelesaian\n" +
    "• /nilai KODE 1-5: menilai penyelesaian\n" +
    "• batal: membatalkan laporan yang sedang dibuat\n" +
    "• lewati: melewati langkah yang tidak wajib\n" +
    "Cara termudah: ceritakan saja masalahnya dalam satu pesan (apa, di mana, sejak kapan). " +
    "Pilihan bisa dijawab dengan angkanya (misalnya 1) atau dengan kata-kata.",
  nothingToCancel: "Tidak ada laporan yang sedang dibuat.",
  stale: "Pilihan itu untuk pertanyaan sebelumnya. Mohon jawab pertanyaan berikut.",
  unsupported: "Maaf, pesan suara, stiker, dokumen, dan video belum bisa kami terima. Silakan kirim teks, foto, atau lokasi.",
  cancelled: "Laporan dibatalkan. Tidak ada yang dikirim.",
  formInProgress: "Anda sedang membuat laporan. Lanjutkan dengan menjawab pertanyaan berikut, atau ketik batal.",
  photoKeptForLater: "Foto diterima dan akan dilampirkan pada laporan.",
  photoFailed:
    "Maaf, foto tidak dapat kami terima (terlalu besar atau gagal diunduh). Silakan kirim ulang foto yang lebih kecil, atau lanjutkan tanpa foto.",
  photoLimit: `Maaf, paling banyak ${MAX_PHOTOS} foto per laporan.`,
  photoReceived: "Foto diterima.",
  photoLater:
    "Baik. Foto bisa dikirim kapan saja sebelum Anda memilih Kirim; setelah laporan terkirim, kirim fotonya dengan keterangan (caption) kode laporannya.",
  photoExpected: "Silakan kirim foto, atau pilih Lewati/Lanjut.",
  photoStartsReport: "Terima kasih, fotonya sudah kami simpan untuk laporan baru.",
  photoAndStoryTaken: "Terima kasih, foto dan cerita Anda sudah kami catat.",
  locationStartsReport: "Terima kasih, titik lokasinya sudah kami simpan untuk laporan baru.",
  locationNotNow: "Lokasi hanya diminta pada langkah lokasi. Mohon jawab pertanyaan berikut dulu.",
  locationReceived: "Titik lokasi diterima.",
  locationTooShort: "Lokasi terlalu singkat. Tuliskan nama jalan, patokan, atau kelurahan.",
  locationNotAPlace:
    "Maaf, lokasinya belum kami temukan di pesan Anda. Tuliskan nama jalan, patokan, RT/RW, atau kelurahannya, atau kirim titik lokasi.",
  locationRequired: "Lokasi wajib diisi untuk pengaduan, agar petugas bisa menemukan tempatnya.",
  photosRemoved: "Semua foto sudah dihapus dari laporan ini.",
  storyTaken: "Terima kasih, cerita Anda sudah kami catat.",
  empty: "Pesan Anda kosong. Silakan ketik jawaban Anda, atau /bantuan untuk petunjuk.",
  required: "Langkah ini wajib diisi.",
  chooseOption: "Maaf, jawaban itu belum kami pahami.",
  thanks:
    "Sama-sama, terima kasih sudah menghubungi kami. Bila ada masalah lain, ceritakan saja di sini; untuk melihat laporan Anda, ketik /status.",
  detailsNoted: "Terima kasih, keterangan itu sudah kami catat.",
  privacyRahasia: "Baik, laporan Anda kami buat Rahasia: isinya hanya dilihat instansi yang menangani dan koordinator.",
  privacyAnonim: "Baik, laporan Anda kami buat Anonim: instansi tidak diberi tahu siapa pelapornya.",
  descriptionTooShort: `Uraian masih terlalu singkat (minimal ${DESCRIPTION_MIN} karakter). Tambahkan apa masalahnya, di mana, dan sejak kapan; yang sudah Anda tulis tetap kami simpan.`,
  descriptionNoWords:
    "Maaf, uraian perlu berupa kata-kata (bukan hanya emoji, tanda baca, atau huruf berulang). Ceritakan apa masalahnya.",
  descriptionTruncated: `Cerita Anda lebih dari ${DESCRIPTION_MAX} karakter: kami simpan ${DESCRIPTION_MAX} karakter pertama. Bila ada yang terpotong, pilih Ubah lalu Uraian pada ringkasan.`,
  descriptionExpected: "Laporan belum bisa dikirim tanpa uraian. Mohon tuliskan masalahnya dengan kata-kata Anda.",
  dateInFuture: "Tanggal kejadian tidak boleh di masa depan.",
  dateUnknown: "Maaf, tanggalnya belum kami pahami. Contoh jawaban: kemarin, 3 hari lalu, senin, 27 November; atau ketik lewati.",
  filed: "",
  /** Rendered with the code by alreadyFiledNotice. */
  alreadyFiled: "",
  /** Rendered with the code by filedPrivacyNotice. */
  filedPrivacyUnchanged: "",
  rateLimited: "Mohon tunggu sebentar: pesan Anda terlalu banyak dalam satu menit. Kami akan membalas lagi setelah itu.",
  formRestarted:
    "Mohon maaf, formulir Anda harus dimulai ulang karena pembaruan sistem. Ketik /lapor atau ceritakan masalahnya untuk membuat laporan.",
  tryAgain: "Maaf, sistem sedang sibuk. Pesan Anda belum tersimpan; mohon kirim lagi sebentar lagi.",
} as const;

export type NoticeId = keyof typeof NOTICES;

const TYPE_LABEL: Record<string, string> = {
  pengaduan: "Pengaduan",
  aspirasi: "Aspirasi",
  permintaan_informasi: "Permintaan informasi",
};

const PRIVACY_LABEL: Record<string, string> = {
  biasa: "Biasa",
  rahasia: "Rahasia (isi hanya dilihat instansi yang menangani dan koordinator)",
  anonim: "Anonim (identitas Anda tidak diberitahukan ke instansi)",
};

export function agencyDisplay(code: string | undefined, names: AgencyNames): string {
  if (!code || code === COORDINATOR_CODE) return "Koordinator pengaduan (akan meneruskan ke instansi yang berwenang)";
  return names(code) ?? code;
}

/** "ok" or "kirim" again after filing: the report is on its way; what comes next. */
export function alreadyFiledNotice(trackingCode: string): string {
  return (
    `Laporan ${trackingCode} sudah terkirim. Setiap perkembangan akan kami kirim ke chat ini; cek kapan saja dengan /status ${trackingCode}.\n` +
    "Bila ada masalah lain, ceritakan saja di sini."
  );
}

/** A privacy wish after filing: it is for the new report; the one already sent stays as it was sent. */
export function filedPrivacyNotice(trackingCode: string): string {
  return (
    `Laporan ${trackingCode} yang sudah terkirim tidak berubah. Bila laporan itu juga perlu dirahasiakan, ` +
    `ketik /jawab ${trackingCode} lalu sampaikan permintaan Anda kepada petugas.`
  );
}

export function filedNotice(trackingCode: string, routedTo: string | null, routeDays: number, names: AgencyNames): string {
  const next = routedTo
    ? `Laporan sudah diteruskan ke ${agencyDisplay(routedTo, names)} untuk ditindaklanjuti.`
    : `Koordinator akan memverifikasi dan meneruskannya ke instansi yang berwenang paling lambat ${routeDays} hari kerja.`;
  return (
    `Terima kasih, laporan Anda sudah kami terima.\nKode laporan: ${trackingCode}\n` +
    `Simpan kode ini. ${next}\nSetiap perkembangan akan kami kirim ke chat ini. Cek kapan saja dengan /status ${trackingCode}.`
  );
}

function formatDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

/** The location line: the citizen's words, the pin, and the region hint where REGION_CODE is set. */
function locationLine(context: ComplaintContext): string {
  const d = context.draft;
  const where = [
    d.locationText,
    d.latitude !== undefined ? `titik ${d.latitude.toFixed(5)}, ${d.longitude?.toFixed(5)}` : undefined,
  ]
    .filter(Boolean)
    .join("; ");
  if (!where) return missingLocation(context) ? "- (wajib untuk pengaduan: pilih Ubah lalu Lokasi)" : "- (tidak diisi)";
  return `${where}${d.regionHint ? ` (${d.regionHint})` : ""}`;
}

export function summaryText(context: ComplaintContext, names: AgencyNames): string {
  const d = context.draft;
  const suggested = d.agency !== undefined && d.agency !== COORDINATOR_CODE && d.agency === d.suggestion?.agency;
  const photos =
    d.photoIds.length > 0 ? `${d.photoIds.length} (kirim foto lagi bila perlu)` : "belum ada (bila ada, kirim fotonya sekarang)";
  const lines = [
    "Ringkasan laporan Anda:",
    `Jenis: ${TYPE_LABEL[d.reportType ?? ""] ?? "-"}`,
    `Uraian: ${d.description ?? "-"}`,
    `Instansi tujuan: ${agencyDisplay(d.agency, names)}${suggested ? " (saran sistem)" : ""}`,
    `Lokasi: ${locationLine(context)}`,
    // An aspiration or a request for information has no incident date.
    ...(d.reportType === "pengaduan" ? [`Tanggal kejadian: ${d.incidentDate ? formatDate(d.incidentDate) : "-"}`] : []),
    `Foto: ${photos}`,
    `Kerahasiaan: ${PRIVACY_LABEL[d.privacy ?? "biasa"]}${d.privacy ? "" : " (bisa diganti ke Rahasia atau Anonim lewat Ubah)"}`,
    "",
    missingLocation(context)
      ? "Lokasi belum diisi. Pilih Ubah untuk melengkapinya, atau Batal."
      : "Kirim laporan ini? Pilih Kirim, Ubah (bila ada yang keliru), atau Batal.",
  ];
  return lines.join("\n");
}

export function questionText(question: QuestionId, context: ComplaintContext, names: AgencyNames): string {
  const d = context.draft;
  switch (question) {
    case "menu":
      return "Apa yang ingin Anda lakukan? Pilih salah satu, atau langsung ceritakan masalah Anda (apa, di mana, sejak kapan).";
    case "type":
      return "Apa jenis laporan Anda? Pilih salah satu.";
    case "description": {
      const length = `(minimal ${DESCRIPTION_MIN} karakter)`;
      const kept = d.description ? `Yang sudah kami catat: "${d.description}". ` : "";
      // The prompt follows the type: an aspiration or a request for information has no "dampak".
      if (d.reportType === "aspirasi")
        return `${kept}Tulis saran atau usulan Anda: apa yang perlu diperbaiki, dan di mana ${length}.`;
      if (d.reportType === "permintaan_informasi")
        return `${kept}Tulis informasi apa yang Anda minta, dan untuk keperluan apa ${length}.`;
      return `${kept}Ceritakan masalahnya: apa yang terjadi, di mana, dan sejak kapan ${length}.`;
    }
    case "agency":
      return `Menurut kami, laporan ini ditangani oleh:\n${agencyDisplay(d.suggestion?.agency, names)}\nApakah benar? Pilih Benar, Pilih instansi lain, atau Tidak tahu.`;
    case "agencyPick":
      return "Instansi mana yang menangani? Pilih salah satu, atau tulis nama instansinya (mis. dukcapil, BPN, kelurahan). Bila ragu, pilih Tidak tahu: koordinator akan meneruskannya.";
    case "location":
      return d.reportType === "pengaduan"
        ? "Di mana lokasinya? Tulis alamat atau patokan (mis. Jl. Merdeka dekat SDN 3, RT 02 RW 05, Kel. Sukajadi), atau kirim titik lokasi."
        : "Di mana lokasinya? Tulis alamat atau patokan, kirim titik lokasi, atau ketik lewati bila tidak ada.";
    case "date":
      return "Kapan kejadiannya, atau sejak kapan? Contoh: tadi pagi, kemarin, 3 hari lalu, sudah seminggu, senin, 27 November. Ketik lewati bila tidak tahu.";
    case "photo":
      return d.photoIds.length > 0
        ? `Sudah ${d.photoIds.length} foto. Kirim foto lain, pilih Selesai, atau Hapus semua foto.`
        : "Ada foto pendukung? Kirim fotonya sekarang, atau ketik lewati.";
    case "privacy":
      return (
        "Pilih kerahasiaan laporan:\n" +
        "• Biasa: identitas Anda diketahui instansi yang menangani.\n" +
        "• Rahasia: isi laporan hanya dilihat instansi yang menangani dan koordinator.\n" +
        "• Anonim: instansi tidak diberi tahu siapa pelapornya."
      );
    case "summary":
      return summaryText(context, names);
    case "editPick":
      return "Bagian mana yang ingin diubah? Pilih salah satu.";
    case "cancelConfirm":
      return "Batalkan laporan ini? Semua yang sudah Anda tulis akan dihapus. Pilih Ya, batalkan atau Tidak, lanjutkan laporan.";
    case "answerOrNew": {
      const code = context.held?.code ?? "";
      return `Petugas sedang menunggu jawaban Anda untuk laporan ${code}. Pesan Anda tadi adalah jawaban untuk ${code}, atau laporan baru? Pilih salah satu.`;
    }
  }
}
