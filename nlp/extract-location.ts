// Finds the place a story names, in the citizen's own words: "Jl. Kenanga RT 03 RW 02 Kel. Sukamaju",
// "depan SDN 3", "pasar kliwon", "Perumahan Griya Asri blok C", "gang mawar rt 5". Pure and rule-based:
// a place starts at a marker (street, RT/RW, kelurahan, landmark, "depan"/"dekat") and runs while the
// words read as names or numbers; a problem word, a time word or a comma ends it.

// prettier-ignore
/** Words that start a place and expect a name after them. */
const NAMED_MARKERS = new Set([
  "jl", "jln", "jalan", "gg", "gang", "kel", "kelurahan", "desa", "ds", "kec", "kecamatan", "kp", "kampung", "kampong",
  "dusun", "dsn", "dukuh", "perum", "perumahan", "komplek", "kompleks", "komp", "griya", "blok", "kota", "kab",
  "kabupaten", "pasar", "psr", "sekolah", "sd", "sdn", "smp", "smpn", "sma", "sman", "smk", "smkn", "mi", "min", "mts",
  "mtsn", "masjid", "mesjid", "musholla", "mushola", "musala", "langgar", "gereja", "pura", "vihara", "puskesmas",
  "pustu", "posyandu", "rsud", "rs", "kantor", "terminal", "stasiun", "halte", "taman", "alun", "lapangan", "jembatan",
  "sungai", "kali", "tps", "tpa", "balai", "pos", "gedung", "mall", "kampus", "pabrik", "simpang", "perempatan",
  "pertigaan", "bundaran", "tugu", "lampu", "pintu", "gerbang", "kios", "ruko", "rusun", "rusunawa", "apartemen", "villa",
  "dermaga", "pelabuhan", "bandara", "polsek", "koramil", "kecamatan", "kantor", "alfamart", "indomaret", "spbu",
]);
// prettier-ignore
/** Address words that name a place by themselves; other markers are landmarks ("taman", "pasar"). */
const ADDRESS_MARKERS = new Set([
  "jl", "jln", "gg", "gang", "kel", "kelurahan", "desa", "ds", "kec", "kecamatan", "kp", "kampung", "kampong", "dusun",
  "dsn", "dukuh", "perum", "perumahan", "komplek", "kompleks", "komp", "blok", "kab", "kabupaten",
]);
// prettier-ignore
/** Words before a landmark that make it a place: "di pasar", "dekat masjid", "ke puskesmas". */
const PREPOSITIONS = new Set([
  "di", "ke", "dari", "dekat", "depan", "samping", "sebelah", "belakang", "seberang", "sekitar", "area", "kawasan", "daerah",
  "wilayah", "lokasi", "dkt", "dpn",
  // Javanese and Sundanese: "ning/neng/nang pasar", "dina sakola", "ing dusun".
  "ning", "neng", "nang", "ing", "dina",
]);

/** Compass words: a relation ("sebelah utara pasar") or part of a name ("Cipete Utara"). */
const COMPASS = new Set(["utara", "selatan", "timur", "barat"]);
/** Numbered parts of an address: "RT 03", "RW.02", "No 5", "blok C". */
const NUMBERED = new Set(["rt", "rw", "no", "nomor", "nomer", "nmr", "blok", "km"]);
// prettier-ignore
/** Relations before a landmark: "depan SDN 3", "dekat pasar". */
const RELATIONS = new Set([
  "depan", "dpn", "dekat", "dkt", "deket", "samping", "sebelah", "sblh", "belakang", "blkg", "seberang", "sekitar",
  "ujung", "pojok", "sepanjang", "arah", "utara", "selatan", "timur", "barat",
  // Javanese ("ngarep" front, "cedhak" near, "mburi" behind) and Sundanese ("payun"/"hareup" front, "caket" near).
  "ngarep", "ngajeng", "cedhak", "cedak", "mburi", "wingking", "payun", "hareup", "caket", "gigireun",
]);
// prettier-ignore
/** Words that never belong to a place name: problems, time, verbs and small words. */
const STOP = new Set([
  "mati", "rusak", "berlubang", "lubang", "sejak", "sudah", "udah", "sdh", "udh", "dari", "selama", "tidak", "tdk", "gak",
  "ga", "gk", "nggak", "belum", "blm", "yang", "yg", "sangat", "banyak", "sering", "tolong", "mohon", "karena", "krn",
  "tapi", "dan", "ada", "ini", "itu", "sekarang", "kemarin", "tadi", "hari", "minggu", "bulan", "tahun", "menumpuk",
  "numpuk", "banjir", "bau", "macet", "gelap", "padam", "bocor", "parah", "sekali", "banget", "bgt", "di", "ke", "pada",
  "untuk", "dengan", "dgn", "juga", "lagi", "masih", "mau", "akan", "bisa", "harus", "sampai", "sampe", "hingga", "saya",
  "kami", "kita", "warga", "orang", "pak", "bu", "min", "mas", "mbak", "kak", "licin", "retak", "amblas", "hancur",
  "jebol", "roboh", "tumbang", "putus", "kotor", "kumuh", "becek", "tergenang", "genangan", "air", "sampah", "listrik",
  "kabel", "tiang", "pohon", "motor", "mobil", "anak", "sejak", "mulai", "kapan", "atau", "serta", "tersebut", "tsb",
  "setiap", "tiap", "jam", "pagi", "siang", "sore", "malam", "nya", "lah", "kok", "sih", "dong", "ya", "iya", "tanggal",
  "tgl", "lalu", "kalau", "kalo", "klo", "jadi", "pun", "agar", "supaya", "biar", "segera", "cepat", "dibiarkan",
  "diperbaiki", "diangkut", "mengalir", "ngalir", "menyala", "nyala", "rusaknya", "mampet", "tersumbat", "susah", "sulit",
  "bolong", "gede", "besar", "terus", "hujan", "ujan", "pisan", "ancur",
  // Chat particles: "kan", "deh", "aja" never end a place's name.
  "kan", "deh", "dah", "loh", "lho", "tuh", "aja", "doang",
  // Time words as chats spell them: "di pasar kemaren numpuk" names the pasar, not "pasar kemaren".
  "kemaren", "kmrn", "kmaren", "td", "barusan", "semalam", "semalem", "besok", "lusa",
  // Short forms of "saya" and "kami": "depan rumah sy" is the citizen's own house, not a place name.
  "sy", "aku", "aq", "gw", "gue", "kmi",
  // What is asked of citizens ("minta uang", "suruh bayar") is never part of a place.
  "minta", "mintain", "uang", "bayar", "suruh", "narik", "pungut", "pungli",
  // Javanese and Sundanese problem and time words: "wis seminggu", "pareum", "bolong ageung", "teu acan".
  "wis", "wes", "uwis", "sampun", "dereng", "durung", "ora", "mboten", "pareum", "ageung", "teu", "henteu", "acan",
  // "loba lubang", "akeh sampah", "tos 2 bulan", "aya nu bocor": many, already, there is.
  "loba", "seueur", "akeh", "okeh", "tos", "atos", "parantos", "aya", "wonten", "enten", "runtah", "uwuh", "bodol",
]);
// Titles in street names too: "Gg. H. Naim", "Jl. KH. Ahmad Dahlan", "Jl. Dr. Sutomo", "Jl. Ir. H. Juanda".
const ABBREVIATIONS = /^(jl|jln|gg|kel|kec|kp|ds|dsn|no|perum|komp|kab|rt|rw|psr|dkt|dpn|sblh|blkg|nmr|h|hj|kh|dr|ir|prof|drs)$/i;

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** A comma, period, question mark or line break follows: the phrase ends here. */
  breakAfter: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[\p{L}\p{N}]+(?:[/'’-][\p{L}\p{N}]+)*/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const lower = match[0].toLowerCase().replace(/['’]/g, "");
    tokens.push({ text: match[0], lower, start: match.index, end: match.index + match[0].length, breakAfter: false });
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const gap = text.slice(token.end, tokens[i + 1]?.start ?? text.length);
    // "Jl. Kenanga": the period of an abbreviation does not end the phrase.
    const period = /\./.test(gap) && !(ABBREVIATIONS.test(token.lower) && /^\.\s*$/.test(gap));
    token.breakAfter = period || /[,;:!?()\n]/.test(gap);
  }
  return tokens;
}

/** Verbs and derived words ("bermain", "diperbaiki", "menumpuk") are not names. */
const AFFIX = /^(ber|ter|di|me|mem|men|meng|pe|pen|pem)\p{L}{4,}/u;
// prettier-ignore
/** Common names of streets and places that only look like verbs ("di jalan melati", "jalan merdeka"). */
const NAMES_LIKE_VERBS = new Set([
  "melati", "merdeka", "merpati", "mekar", "menteng", "merapi", "merbabu", "melawai", "meranti", "mentari", "menur",
  "merak", "pemuda", "pelajar", "pendidikan", "pembangunan", "perintis", "permata", "pertiwi", "perwira", "pejuang",
  "pelita", "pelangi", "pesantren", "diponegoro", "dipatiukur", "terusan", "teratai", "bersatu", "berdikari",
]);
const isAffixed = (word: string) => AFFIX.test(word) && !NAMES_LIKE_VERBS.has(word);
const isNumber = (token: Token) =>
  /^\d+[a-z]?(?:\/\d+)?$/i.test(token.lower) || /^[a-z]$/i.test(token.lower) || /^[a-z]\d{1,3}$/i.test(token.lower);
const isCapitalized = (token: Token) => /^\p{Lu}/u.test(token.text);
/** Jakarta-style verbs: "nutupin", "dibenerin", "ngalangin", "nyumbatin" are never part of a name. */
const SLANG_VERB = /^(?:di|ng|ny|nge|n[aiueo])\p{L}{2,}in$/u;
const isNameWord = (token: Token) =>
  !STOP.has(token.lower) && !SLANG_VERB.test(token.lower) && /^\p{L}/u.test(token.text) && token.lower.length >= 2;

/** "jalan rusak" is a road with a problem; "jalan Kenanga", "di jalan kenanga" and "Jl. Kenanga" are places. */
function startsPlace(tokens: Token[], i: number, continuing = false): boolean {
  const token = tokens[i] as Token;
  const next = tokens[i + 1];
  if (!next || token.breakAfter) return false;
  const previous = tokens[i - 1]?.lower ?? "";
  // "No 5" continues an address; alone ("antrian no 5") it is not one.
  if (NUMBERED.has(token.lower)) return (continuing || token.lower !== "no") && isNumber(next);
  if (RELATIONS.has(token.lower)) return isNameWord(next) || isNumber(next);
  if (!NAMED_MARKERS.has(token.lower)) return previous === "di" && isCapitalized(token) && i > 1 && isNameWord(token);
  if (token.lower === "jalan" && !isCapitalized(token)) {
    // "jalan melati no 4 rusak": a name and a house number make it a street, "jalan rusak" stays a road.
    const numbered = isNameWord(next) && NUMBERED.has(tokens[i + 2]?.lower ?? "");
    return (
      isCapitalized(next) ||
      isNumber(next) ||
      numbered ||
      (["di", "ke", "dijalan", "sepanjang"].includes(previous) && isNameWord(next))
    );
  }
  if (token.lower === "lampu") return next.lower === "merah";
  if (["kota", "kab", "kantor", "pos", "pintu", "balai", "sekolah", "gedung"].includes(token.lower)) {
    // "sekolah negeri" is a kind of school, "Sekolah Negeri 2" or "sekolah Harapan" is one.
    if (GENERIC_KINDS.has(next.lower)) return isCapitalized(next) || isNumber(tokens[i + 2] ?? next);
    return isCapitalized(next) || isNameWord(next);
  }
  // After a street word any name is the street's, even one that looks affixed (Jl. Melati, Gg. Pemuda).
  if (STREET_MARKERS.has(token.lower)) return isNameWord(next) || isNumber(next) || isCapitalized(next);
  // A landmark is a place after "di"/"dekat" or with a name ("taman bermain" is the thing asked for).
  const landmark = !ADDRESS_MARKERS.has(token.lower) && token.lower !== "jalan";
  // At the start of a sentence a landmark is what the story is about: "Puskesmas cikarang barat lama antri".
  const opensSentence = i === 0 || (tokens[i - 1] as Token).breakAfter;
  if (landmark && !continuing && !opensSentence && !PREPOSITIONS.has(previous) && !isCapitalized(next)) return false;
  return (isNameWord(next) && !isAffixed(next.lower)) || isNumber(next) || isCapitalized(next);
}

/** Words that say what kind of school or office it is, not which one. */
const GENERIC_KINDS = new Set(["negeri", "swasta", "dasar", "menengah", "umum", "pemerintah"]);

/** "Cikarang Barat": a compass word right after a name is part of it; after "sebelah" it is a relation. */
function isCompassOfName(tokens: Token[], k: number): boolean {
  const previous = tokens[k - 1];
  if (!COMPASS.has((tokens[k] as Token).lower) || !previous) return false;
  return isNameWord(previous) && !RELATIONS.has(previous.lower) && !PREPOSITIONS.has(previous.lower);
}

/** Abbreviated street words: the next word is the street's name, whatever it looks like ("jl. melati"). */
const STREET_MARKERS = new Set(["jl", "jln", "gg"]);

function namesStreet(tokens: Token[], k: number): boolean {
  return STREET_MARKERS.has((tokens[k - 1] as Token).lower);
}

/** The phrase of the place starting at i: markers, names and numbers until a stop word or a break. */
function phraseAt(tokens: Token[], i: number): { from: number; to: number } {
  let to = i;
  let looseWords = 0;
  for (let k = i + 1; k < tokens.length; k += 1) {
    const previous = tokens[k - 1] as Token;
    if (previous.breakAfter) break;
    const token = tokens[k] as Token;
    if (isCompassOfName(tokens, k)) {
      // "kel. cipete utara": the compass word is part of the name.
      looseWords = 0;
    } else if (NUMBERED.has(token.lower) || NAMED_MARKERS.has(token.lower) || RELATIONS.has(token.lower)) {
      // A marker that starts nothing ("dekat Alfamart" at the end) is still a name after a relation.
      const named = RELATIONS.has(previous.lower) && (isCapitalized(token) || isNameWord(token));
      if (!startsPlace(tokens, k, true) && !named) break;
      looseWords = 0;
    } else if (isNumber(token) && (NUMBERED.has(previous.lower) || k === to + 1)) {
      // "RT 03", "SDN 3", "No 5"
    } else if (isCapitalized(token) && isNameWord(token)) {
      looseWords = 0;
    } else if (isNameWord(token) && looseWords < 2 && (!isAffixed(token.lower) || namesStreet(tokens, k))) {
      looseWords += 1;
    } else break;
    to = k;
  }
  return { from: i, to };
}

/** A relation word that ends a phrase relates to nothing ("... dekat"). */
const trailingRelation = (tokens: Token[], k: number) => RELATIONS.has((tokens[k] as Token).lower) && !isCompassOfName(tokens, k);

/** The places a story names, joined in the order told; undefined when it names none. */
export function extractLocation(text: string): string | undefined {
  const tokens = tokenize(text);
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!startsPlace(tokens, i)) continue;
    const { from, to } = phraseAt(tokens, i);
    let end = to;
    // "... dekat" with nothing after it: the relation word is not part of the place.
    while (end > from && (trailingRelation(tokens, end) || NUMBERED.has((tokens[end] as Token).lower))) end -= 1;
    const marker = tokens[from] as Token;
    const named = NAMED_MARKERS.has(marker.lower) || NUMBERED.has(marker.lower) || RELATIONS.has(marker.lower);
    if (end === from && named) continue;
    const first = tokens[from] as Token;
    const last = tokens[end] as Token;
    const abbreviationDot = ABBREVIATIONS.test(last.lower) && text[last.end] === "." ? 1 : 0;
    parts.push(text.slice(first.start, last.end + abbreviationDot).replace(/\s+/g, " "));
    i = to;
  }
  const joined = parts.join(", ");
  return joined.length >= 3 ? joined : undefined;
}
