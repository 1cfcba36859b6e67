// Text typed at the location question that is obviously not a place: a reference to what was said
// before ("kan sudah saya tulis di atas pak"), an answer word of another question ("benar", "gak jadi",
// "1"), or no letters at all. Such text is answered with a hint instead of being filed as the location.
import type { OutboundOption } from "../complaints/push-message.js";
import { coreAnswer, readAnswerWord } from "../nlp/answer-words.js";
import { hasRealWords } from "../nlp/text-quality.js";

const REFERS_BACK =
  /\b(sudah|udah|udh|sdh|kan|tadi)\b.*\b(tulis|ditulis|sebut|disebut|bilang|dibilang|kasih tau|kasih tahu|jelaskan|dijelaskan|ceritakan|sampaikan|kirim)\b|\b(di ?atas|diatas|seperti tadi|sama seperti|lihat atas|liat atas)\b/;
/** "ga tau tanggalnya", "lupa jam berapa": the citizen talks of the date, not of a place. */
const ABOUT_THE_DATE =
  /^(?:(?:saya|sy|aku)\s+)?(?:(?:gak|ga|gk|nggak|ngga|enggak|tidak|tdk|ndak|kurang|belum|blm)\s+(?:tau|tahu|inget|ingat|yakin)|lupa)\s+(?:tanggal|tgl|jam|hari|kapan|waktu)\w*\b/;
const OTHER_ANSWERS = new Set([
  "kirim",
  "ubah",
  "batal",
  "benar",
  "lanjut",
  "lewati",
  "selesai",
  "biasa",
  "rahasia",
  "anonim",
  "pengaduan",
  "aspirasi",
  "menu",
  "status",
  "bantuan",
  "terserah",
  "apa",
  "hah",
  "gimana",
  "bagaimana",
  "maksudnya",
]);

/** An answer word of some question or a pointer back ("kirim", "ok", "kan sudah saya tulis"): nothing new told. */
export function tellsNothingNew(text: string): boolean {
  const core = coreAnswer(text);
  return readAnswerWord(text) !== null || OTHER_ANSWERS.has(core) || REFERS_BACK.test(core);
}

export function isNotAPlace(text: string, options: readonly OutboundOption[]): boolean {
  const core = coreAnswer(text);
  if (!/\p{L}/u.test(core)) return true;
  if (tellsNothingNew(text)) return true;
  if (options.some((option) => option.value === core)) return true;
  if (ABOUT_THE_DATE.test(core)) return true;
  // One short word that is not a name is rarely a place ("ok", "hmm"); a name ("Cibaduyut") is.
  return !hasRealWords(core) && core.split(" ").length === 1 && core.length < 4;
}
