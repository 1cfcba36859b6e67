// Short everyday answers as citizens type them, in chat Indonesian, Javanese and Sundanese:
// "iya pak", "nggih", "muhun" (yes); "gk", "mboten", "ora" (no); "ga ada", "ora ono", "teu aya" (none);
// "gak tau", "teu terang" (do not know); "Batal.", "batal aja", "gak jadi lapor" (cancel);
// "udah beres", "sampun", "durung" (fixed or not). Pure; the dialog decides what each means where.

export type AnswerWord = "yes" | "no" | "none" | "unknown" | "cancel";

// prettier-ignore
/** Words people add around an answer that change nothing: "iya pak", "batal aja", "lewati dulu ya". */
const FILLERS = new Set([
  "pak", "bu", "bapak", "ibu", "min", "admin", "mimin", "kak", "mas", "mbak", "mba", "gan", "bang", "om", "kang", "teh",
  "akang", "sis", "bro", "dong", "deh", "aja", "saja", "sajalah", "kok", "nih", "sih", "lah", "dulu", "kah", "ah", "eh",
  "oh", "yah", "hehe", "wkwk", "mohon", "maaf", "terima", "kasih", "makasih", "nuwun", "hatur", "nuhun",
]);

/** A word that changes nothing around an answer ("pak", "dong", "aja", "mohon"). */
export function isFillerWord(word: string): boolean {
  return FILLERS.has(word);
}

// prettier-ignore
const SETS: Record<AnswerWord, readonly string[]> = {
  yes: [
    "ya", "iya", "iy", "y", "yes", "yup", "yap", "ok", "oke", "okay", "okey", "okelah", "sip", "siap", "betul", "benar",
    "bener", "bnr", "leres", "nggih", "enggih", "inggih", "nggeh", "njih", "injih", "iyo", "yo", "muhun", "sumuhun",
    "setuju", "boleh", "mantap", "ya benar", "iya benar", "ya betul", "iya betul", "iya bener", "ya bener", "betul sekali",
    "benar sekali", "sudah benar", "udah bener", "sudah betul", "leres pisan", "sudah sesuai", "sesuai",
  ],
  no: [
    "tidak", "tdk", "gak", "ga", "gk", "g", "nggak", "ngga", "nggk", "enggak", "engga", "kagak", "ndak", "nda", "bukan",
    "salah", "no", "mboten", "ora", "teu", "henteu", "sanes", "dudu", "bukan itu", "tidak benar", "gak bener", "salah itu",
    "keliru",
  ],
  none: [
    "tidak ada", "gak ada", "ga ada", "gk ada", "nggak ada", "ngga ada", "enggak ada", "engga ada", "kagak ada", "ndak ada",
    "tdk ada", "gada", "gaada", "ora ono", "ora ana", "ora enek", "mboten wonten", "teu aya", "henteu aya", "kosong",
    "belum ada", "blm ada", "nihil", "lewati", "lewat", "skip", "lompati", "nanti saja", "tidak usah", "gak usah",
    "ga usah", "ngga usah", "nggak usah", "enggak usah", "ndak usah", "gausah", "tanpa foto", "tidak ada foto",
    "gak ada foto", "ga ada foto", "tidak punya", "gak punya", "ga punya",
  ],
  unknown: [
    "tidak tahu", "tidak tau", "gak tau", "gak tahu", "ga tau", "ga tahu", "gatau", "gk tau", "gk tahu", "nggak tahu",
    "nggak tau", "ngga tau", "enggak tau", "tdk tau", "tdk tahu", "ndak tau", "ndak tahu", "kurang tahu", "kurang tau",
    "entah", "lupa", "gak inget", "ga inget", "gak ingat", "tidak ingat", "lupa tanggalnya", "ora ngerti", "ora weruh",
    "mboten ngertos", "mboten ngertos", "teu terang", "teu nyaho", "teu apal", "embuh", "gak yakin", "tidak yakin",
  ],
  cancel: [
    "batal", "batalkan", "batalin", "cancel", "gak jadi", "ga jadi", "gk jadi", "nggak jadi", "ngga jadi", "enggak jadi",
    "engga jadi", "tidak jadi", "tdk jadi", "gajadi", "gakjadi", "ndak jadi", "ora sido", "ora sida", "mboten sios",
    "teu jadi", "henteu jadi", "udahan", "berhenti", "stop", "batal saja",
  ],
};

// prettier-ignore
/** Words after a cancel that still mean cancel: "gak jadi lapor", "batal laporannya". */
const CANCEL_TAIL = new Set(["lapor", "laporan", "laporannya", "melapor", "ngadu", "mengadu", "aduan", "aja", "deh", "saja"]);

const LOOKUP = new Map<string, AnswerWord>();
for (const [word, phrases] of Object.entries(SETS) as [AnswerWord, readonly string[]][]) {
  for (const phrase of phrases) if (!LOOKUP.has(phrase)) LOOKUP.set(phrase, word);
}

/** Lower case, no accents or punctuation, stretched letters squeezed ("iyaaa" -> "iya", "Batal." -> "batal"). */
export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function squeezeEnd(word: string): string {
  // "iyaa", "okee", "gakk": one stretched final letter.
  return word.length > 2 && /(\p{L})\1$/u.test(word) ? word.slice(0, -1) : word;
}

/** The answer without the politeness around it: "iya pak" -> "iya", "eh batal aja deh" -> "batal". */
export function coreAnswer(text: string): string {
  const words = normalizeAnswer(text).split(" ").filter(Boolean);
  while (words.length > 1 && FILLERS.has(words[0] as string)) words.shift();
  while (words.length > 1 && FILLERS.has(words[words.length - 1] as string)) words.pop();
  // "ya" at the end of "lewati ya", "batal ya".
  if (words.length > 1 && words[words.length - 1] === "ya" && !LOOKUP.has(words.join(" "))) words.pop();
  return words.join(" ");
}

/** What a short answer means, or null when it is not one of these everyday answers. */
export function readAnswerWord(text: string): AnswerWord | null {
  const core = coreAnswer(text);
  if (core === "") return null;
  const direct = LOOKUP.get(core) ?? LOOKUP.get(core.split(" ").map(squeezeEnd).join(" "));
  if (direct) return direct;
  if (isCancel(text)) return "cancel";
  return repeatedAnswer(
    core
      .split(" ")
      .filter((word) => !FILLERS.has(word))
      .map(squeezeEnd),
  );
}

/** Longest phrase first, from the start: "gatau lupa" is two "unknown" answers. */
const LONGEST_PHRASE = Math.max(...[...LOOKUP.keys()].map((phrase) => phrase.split(" ").length));

/** "gatau lupa", "iya iya betul", "ga ga": several answers of the same kind say that one answer. */
function repeatedAnswer(words: string[]): AnswerWord | null {
  const found = new Set<AnswerWord>();
  for (let i = 0; i < words.length;) {
    let length = Math.min(LONGEST_PHRASE, words.length - i);
    while (length > 0 && !LOOKUP.has(words.slice(i, i + length).join(" "))) length -= 1;
    if (length === 0) return null;
    found.add(LOOKUP.get(words.slice(i, i + length).join(" ")) as AnswerWord);
    i += length;
  }
  return found.size === 1 ? ([...found][0] as AnswerWord) : null;
}

// prettier-ignore
const THANKS = new Set([
  "makasih", "makasi", "maksih", "mksh", "mks", "trims", "trimakasih", "terimakasih", "tks", "thx", "thanks", "thank",
  "suwun", "nuhun", "tengkyu", "kasih", "terima", "matur", "hatur", "nuwun", "sankyu",
]);
// prettier-ignore
/** Said with a thanks and nothing more: "makasih banyak ya pak", "terima kasih atas bantuannya". */
const WITH_THANKS = new Set([
  "banyak", "ya", "yaa", "you", "atas", "bantuannya", "infonya", "informasinya", "responnya", "pelayanannya", "sudah",
  "udah", "dibantu", "sekali", "sangat", "semuanya", "juga", "oke", "ok", "baik", "siap", "sip",
]);

/** "makasih min", "terima kasih banyak pak 🙏", "matur nuwun": thanks and nothing else. */
export function isThanks(text: string): boolean {
  const words = normalizeAnswer(text).split(" ").filter(Boolean);
  return (
    words.some((word) => THANKS.has(word)) &&
    words.every((word) => THANKS.has(word) || WITH_THANKS.has(word) || FILLERS.has(word))
  );
}

/** "batal", "Batal.", "batal aja", "gak jadi lapor", "/batal", "tidak jadi melapor deh". */
export function isCancel(text: string): boolean {
  const words = coreAnswer(text.replace(/^\s*\//, ""))
    .split(" ")
    .filter(Boolean);
  while (words.length > 1 && CANCEL_TAIL.has(words[words.length - 1] as string)) words.pop();
  return LOOKUP.get(words.join(" ")) === "cancel";
}

// prettier-ignore
const FIXED_YES = [
  "sudah", "sudah beres", "beres", "udah beres", "udh beres", "sdh beres", "dah beres", "sudah selesai", "sudah diperbaiki",
  "sudah bagus", "sudah baik", "sudah normal", "sudah lancar", "sudah aman", "sampun", "sampun beres", "sampun rampung",
  "wis", "wis beres", "wes beres", "wis rampung", "tos", "atos", "parantos", "tos beres", "parantos beres", "udah",
];
// prettier-ignore
const FIXED_NO = [
  "belum", "belum beres", "blm beres", "belom beres", "blum beres", "blm", "belom", "blom", "durung", "durung beres",
  "dereng", "dereng beres", "teu acan", "acan", "can", "masih", "masih rusak", "masih sama", "belum diperbaiki",
  "belum selesai", "tidak beres", "gak beres", "ga beres", "nggak beres", "belum ada perbaikan", "tidak ada perbaikan",
  "masih belum", "masih mati", "masih bermasalah",
];
const FIXED = new Map<string, boolean>([
  ...FIXED_YES.map((w) => [w, true] as const),
  ...FIXED_NO.map((w) => [w, false] as const),
]);

// prettier-ignore
/** Said around "sudah beres": "alhamdulillah", "mantap", "makasih pak". */
const PRAISE = new Set([
  "alhamdulillah", "alhamdulilah", "syukur", "syukurlah", "puji", "tuhan", "mantap", "mantul", "keren", "top", "joss",
  "good", "nice", "ok", "oke", "sip", "siap", "tapi", "tp", "namun", "ya", "banyak", "atas", "bantuannya", "responnya",
  "pelayanannya", "sekali",
]);

/** The answer to "sudah beres?": true (fixed), false (not fixed) or null (not such an answer). */
export function readFixedAnswer(text: string): boolean | null {
  const words = coreAnswer(text)
    .split(" ")
    .filter((word) => word !== "" && !PRAISE.has(word) && !THANKS.has(word) && !FILLERS.has(word));
  const fixed = FIXED.get(words.join(" "));
  if (fixed !== undefined) return fixed;
  // "sudah beres, terima kasih banyak" / "belum beres, lubangnya masih ada": judged by the opening words;
  // "alhamdulillah makasih pak, udah beres" / "sudah 3 hari masih mati": by the closing words.
  for (const length of [3, 2]) {
    const head = words.slice(0, length).join(" ");
    if (words.length > length && FIXED.has(head) && head.includes(" ")) return FIXED.get(head) ?? null;
    const tail = words.slice(-length).join(" ");
    if (words.length > length && FIXED.has(tail) && tail.includes(" ")) return FIXED.get(tail) ?? null;
  }
  return null;
}

/** A rating typed as a number or a word: "4", "nilai 4", "4/5", "empat", "bintang 5". */
export function readRating(text: string): number | null {
  const words = coreAnswer(text)
    .replace(/\b(nilai|nilainya|bintang|rating|skor|saya beri|saya kasih|kasih|beri)\b/g, " ")
    .replace(/\b([1-5]) (dari )?5\b/, "$1")
    .split(" ")
    .filter(Boolean);
  if (words.length !== 1) return null;
  const word = words[0] as string;
  const named: Record<string, number> = {
    satu: 1,
    dua: 2,
    tiga: 3,
    empat: 4,
    lima: 5,
    setunggal: 1,
    kalih: 2,
    tigo: 3,
    sekawan: 4,
    gangsal: 5,
  };
  if (/^[1-5]$/.test(word)) return Number(word);
  return named[word] ?? null;
}
