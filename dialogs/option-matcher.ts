// Reads a typed answer as one of the options shown: its number ("2", "dua", "no 2"), its label, a word
// people use for it ("iya", "nggih", "gak tau", "ga ada"), or a close variant ("kirmi", "anonin").
import type { OutboundOption } from "../complaints/push-message.js";
import { coreAnswer, readAnswerWord, type AnswerWord } from "../nlp/answer-words.js";
import { isCloseVariant } from "../nlp/close-variant.js";

/** Words people type for an option, besides its number and its label. */
const SYNONYMS: Record<string, string[]> = {
  lapor: ["lapor", "buat laporan", "laporan", "aduan", "mengadu", "ngadu", "buat", "laporan baru"],
  status: ["status", "cek status", "cek", "cek laporan"],
  bantuan: ["bantuan", "help", "tolong", "panduan"],
  pengaduan: ["pengaduan", "aduan", "keluhan", "komplain", "ngadu"],
  aspirasi: ["aspirasi", "saran", "usul", "usulan", "masukan"],
  permintaan_informasi: ["permintaan informasi", "informasi", "info", "tanya", "pertanyaan", "minta info"],
  benar: ["benar", "betul", "setuju", "sudah benar"],
  lain: ["pilih instansi lain", "lain", "instansi lain", "yang lain", "ganti", "ganti instansi"],
  tidak_tahu: ["tidak tahu", "koordinator", "terserah", "bingung"],
  lewati: ["lewati", "skip", "lanjut"],
  lanjut: ["lanjut", "selesai", "cukup", "sudah", "udah", "sudah cukup", "itu saja", "itu aja"],
  hapus: ["hapus", "hapus semua", "hapus foto", "hapus semua foto", "buang", "ulang"],
  biasa: ["biasa", "publik", "umum", "normal"],
  rahasia: ["rahasia", "dirahasiakan", "privat"],
  anonim: [
    "anonim",
    "anonym",
    "tanpa nama",
    "anonimus",
    "sembunyikan nama",
    "sembunyikan identitas",
    "rahasiakan identitas",
    "rahasiakan identitas saya",
    "rahasiakan nama",
    "rahasiakan nama saya",
    "jangan sebut nama",
    "jangan sebut nama saya",
  ],
  kirim: [
    "kirim",
    "kirimkan",
    "kirim laporan",
    "kirim sekarang",
    "setuju",
    "lanjut kirim",
    "lanjut",
    "lanjutkan",
    "teruskan",
    "proses",
    "gas",
    "cukup",
    "sudah cukup",
    "itu saja",
    "itu aja",
  ],
  ubah: ["ubah", "edit", "ganti", "perbaiki", "koreksi", "revisi"],
  batal: ["batal"],
  type: ["jenis", "jenis laporan", "tipe"],
  description: ["uraian", "deskripsi", "isi", "cerita", "keterangan"],
  agency: ["instansi", "instansi tujuan", "dinas", "tujuan"],
  location: ["lokasi", "alamat", "tempat"],
  date: ["tanggal", "waktu", "tanggal kejadian", "tgl"],
  photo: ["foto", "gambar", "fotonya"],
  privacy: ["kerahasiaan", "privasi"],
  ya: ["ya batalkan", "batalkan", "batal"],
  tidak: ["tidak", "lanjutkan", "lanjut", "jangan", "jangan batal", "tidak jadi batal", "lanjutkan laporan"],
  answer: ["jawaban", "jawab", "menjawab", "jawaban petugas"],
  new: ["laporan baru", "baru", "lapor baru", "buat laporan baru", "laporan"],
};

/** What an everyday answer word means at each option value, where it fits. */
const ANSWER_WORD_OPTIONS: Record<AnswerWord, string[]> = {
  yes: ["benar", "kirim", "ya", "lanjut"],
  no: ["lain", "tidak"],
  none: ["lewati", "lanjut"],
  unknown: ["tidak_tahu", "lewati"],
  cancel: [],
};

const NUMBER_WORDS: Record<string, number> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8 };

function optionNumber(typed: string): number | null {
  const match = /^(?:(?:no|nomor|nomer|pilihan|pilih|yang|yg|angka|opsi)\s+)?(\d{1,2}|[a-z]+)(?:\s+(?:saja|aja|ya))?$/.exec(
    typed,
  );
  if (!match?.[1]) return null;
  if (/^\d+$/.test(match[1])) return Number(match[1]);
  return NUMBER_WORDS[match[1]] ?? null;
}

/** The words and phrases that name an option: its value, its label and the synonyms people type. */
export function wordsOf(option: OutboundOption): string[] {
  return [option.value.toLowerCase(), coreAnswer(option.label), ...(SYNONYMS[option.value] ?? [])];
}

/** "yg rahasia", "saya pilih anonim", "pake yang biasa": the choosing words around an option word. */
const CHOOSING = /^(?:(?:saya|sy|aku|aq)\s+)?(?:(?:pilih|milih|mau|mw|pake|pakai|ambil)\s+)?(?:(?:yang|yg)\s+)?/;

/** The option a typed answer chooses, or null. */
export function matchOption(text: string, options: readonly OutboundOption[]): string | null {
  const said = coreAnswer(text);
  const chosen = said.replace(CHOOSING, "");
  const typed = chosen === "" ? said : chosen;
  if (typed === "" || options.length === 0) return null;
  const number = optionNumber(typed);
  if (number !== null && (/\d/.test(typed) || number <= options.length)) return options[number - 1]?.value ?? null;
  for (const option of options) if (wordsOf(option).includes(typed)) return option.value;
  const word = readAnswerWord(text);
  if (word) {
    const fits = options.find((option) => ANSWER_WORD_OPTIONS[word].includes(option.value));
    if (fits) return fits.value;
  }
  // A typo of one option's word: "kirmi", "anonin", "rahsia". Only when exactly one option is that close.
  if (typed.length > 24) return null;
  const close = options.filter((option) => wordsOf(option).some((candidate) => isCloseVariant(typed, candidate)));
  return close.length === 1 ? (close[0] as OutboundOption).value : null;
}

/** The one option whose word a sentence contains: "ini pengaduan ya pak, tolong cepat" -> pengaduan. */
export function optionMentioned(text: string, options: readonly OutboundOption[]): string | null {
  const typed = ` ${coreAnswer(text)} `;
  const mentioned = options.filter((option) => wordsOf(option).some((word) => word.length >= 4 && typed.includes(` ${word} `)));
  return mentioned.length === 1 ? (mentioned[0] as OutboundOption).value : null;
}
