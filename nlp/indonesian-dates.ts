// Reads the date of an incident as citizens type it, alone ("kemarin sore", "2 hr lalu", "jumat lalu",
// "27 nopember", "sudah seminggu", "awal bulan ini", "wingi") or inside a story ("... mati sejak 3 hari
// lalu"). Chat Indonesian, Javanese and Sundanese words. Pure: "today" is a parameter.

export type DateParse = { ok: true; date: string /* YYYY-MM-DD */ } | { ok: false; reason: "unknown" | "future" | "invalid" };

// prettier-ignore
const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, janu: 1, pebruari: 2, februari: 2, febuari: 2, feb: 2, peb: 2, maret: 3, mar: 3, april: 4, apr: 4,
  mei: 5, juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, agst: 8, agus: 8, agust: 8, ags: 8, september: 9,
  sep: 9, sept: 9, septem: 9, oktober: 10, okt: 10, oct: 10, november: 11, nopember: 11, nov: 11, nop: 11, desember: 12,
  des: 12, dec: 12,
};

// prettier-ignore
/** 0 = Sunday, as Date.getUTCDay(). Javanese and Sundanese names included. */
const WEEKDAYS: Record<string, number> = {
  minggu: 0, ahad: 0, senin: 1, senen: 1, selasa: 2, seloso: 2, salasa: 2, rabu: 3, rebo: 3, kamis: 4, kemis: 4,
  jumat: 5, jumaat: 5, jemuah: 5, jumaah: 5, sabtu: 6, setu: 6, saptu: 6,
};

const UNIT_DAYS: Record<string, number> = { hari: 1, minggu: 7, pekan: 7, bulan: 30, tahun: 365 };

// prettier-ignore
const NUMBER_WORDS: Record<string, number> = {
  satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10, sebelas: 11,
  siji: 1, loro: 2, telu: 3, papat: 4, limo: 5, hiji: 1, tilu: 3, opat: 4, setunggal: 1, kalih: 2, tigang: 3, sekawan: 4,
  gangsal: 5,
};

// prettier-ignore
/** Chat spellings of the words this parser knows. */
const SPELLING: Record<string, string> = {
  hr: "hari", hri: "hari", dinten: "hari", dino: "hari", poe: "hari", wulan: "bulan", sasih: "bulan", bln: "bulan", mgg: "minggu", mggu: "minggu", mingu: "minggu", thn: "tahun", th: "tahun",
  taun: "tahun", kmrn: "kemarin", kemaren: "kemarin", kmarin: "kemarin", kmren: "kemarin", kmaren: "kemarin",
  td: "tadi", tdi: "tadi", yg: "yang", sdh: "sudah", udh: "sudah", udah: "sudah", dah: "sudah", uda: "sudah",
  sudh: "sudah", sjk: "sejak", semenjak: "sejak", tgl: "tanggal", tanggal: "tanggal", lalu: "lalu", lalau: "lalu",
  lalunya: "lalu", jumat: "jumat", jum: "jumat", jmt: "jumat", sen: "senin", skrg: "sekarang", skrang: "sekarang",
  skr: "sekarang", mlm: "malam", malem: "malam", sore: "sore", sonten: "sore", esuk: "pagi", isuk: "pagi",
  bengi: "malam", wengi: "malam", peuting: "malam", ieu: "ini", iki: "ini", puniki: "ini", kpn: "kapan",
  // Sundanese and Javanese "one unit": "saminggu", "sabulan", "sewulan", "setaun", "sedino".
  saminggu: "seminggu", sabulan: "sebulan", sewulan: "sebulan", sataun: "setahun", setaun: "setahun", sataon: "setahun",
  sapoe: "sehari", sedino: "sehari", sedinten: "sehari",
  // "udh 2 mingguan", "sebulanan": about that long.
  harian: "hari", mingguan: "minggu", bulanan: "bulan", tahunan: "tahun", semingguan: "seminggu", sebulanan: "sebulan",
  // "ago": Javanese "kepungkur", "kapengker", Sundanese "katukang", "kalangkung".
  kepungkur: "lalu", kapungkur: "lalu", kapengker: "lalu", katukang: "lalu", kalangkung: "lalu",
};

const TIME_OF_DAY = new Set(["pagi", "siang", "sore", "malam", "subuh", "petang", "dini"]);

// prettier-ignore
/** Words before a date that change nothing: "sejak", "kira-kira", "sudah", "pada". */
const LEADING = [
  "sejak", "dari", "mulai", "pada", "sudah", "sampun", "wis", "wes", "tos", "atos", "parantos", "kira kira", "kira",
  "sekitar", "sekitaran", "kurang lebih", "kurleb", "kayaknya", "sepertinya", "mungkin", "hampir", "lebih dari",
  "selama", "pas", "waktu", "tepatnya", "itu", "sampai", "kejadiannya", "kejadian", "terjadi", "ada", "yaitu",
];
// prettier-ignore
/** Markers that make a bare duration a date inside a story: "sudah 3 hari", "sejak seminggu". */
const DURATION_MARKERS = new Set(["sejak", "sudah", "selama", "dari", "hampir", "sampun", "pun", "wis", "wes", "tos", "atos", "parantos", "mulai"]);
// prettier-ignore
/**
 * A state that lasts, right before a bare duration: "air mati 3 hari", "sampah numpuk 2 minggu". After
 * other words a duration may be an amount ("bayar 3 bulan") or a wish ("dalam 2 hari"), so it is no date.
 */
const LASTING_STATES = new Set([
  "mati", "padam", "pareum", "rusak", "ruksak", "macet", "mampet", "tersumbat", "bocor", "banjir", "tergenang", "numpuk",
  "menumpuk", "berserakan", "berlubang", "bolong", "ambles", "amblas", "putus", "keruh", "kotor", "bau", "gelap",
  "mangkrak", "terbengkalai", "dibiarkan", "nunggu", "menunggu", "antri", "antre", "ngantri", "mengantri", "tertunda",
  "ditunda", "telat", "terlambat", "hilang", "kering", "error", "eror", "down", "tutup", "libur", "mogok",
]);
/** "gak diangkut 2 minggu", "belum jadi 6 bulan", "teu dibenerkeun 2 bulan": a negated verb lasts too. */
const NEGATIONS = new Set([
  "tidak",
  "tdk",
  "gak",
  "ga",
  "gk",
  "nggak",
  "ngga",
  "enggak",
  "engga",
  "kagak",
  "belum",
  "blm",
  "blom",
  "ndak",
  "ora",
  "durung",
  "dereng",
  "teu",
  "henteu",
  "acan",
]);
// prettier-ignore
const TRAILING = [
  "sampai sekarang", "sampai saat ini", "hingga sekarang", "hingga kini", "sampe sekarang", "sampai skrg", "ini pak",
  "pak", "bu", "kak", "min", "mas", "mbak", "gan", "kok", "sih", "deh", "lah", "an", "lebih", "terakhir", "belakangan",
  "kebelakang", "lamanya", "ya", "kurang lebih", "kira kira",
];

function words(input: string): string[] {
  return (
    input
      .normalize("NFKD")
      .replace(/[\u0300-\u036f'’`]/g, "")
      .toLowerCase()
      // "kira2" is written reduplication ("kira kira"), not a number.
      .replace(/\b([a-z]{2,})2\b/g, "$1 $1")
      .replace(/(\d)([a-z])/g, "$1 $2")
      .replace(/([a-z])(\d)/g, "$1 $2")
      .replace(/[^a-z0-9/.\-\s]+/g, " ")
      .replace(/(?<!\d)[./-]|[./-](?!\d)/g, " ")
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => word.replace(/(.)\1{2,}/g, "$1"))
      .map((word) => SPELLING[word] ?? word)
  );
}

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function shift(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function checked(date: string | null, today: string): DateParse {
  if (!date) return { ok: false, reason: "invalid" };
  if (date > today) return { ok: false, reason: "future" };
  return { ok: true, date };
}

function fullYear(raw: string | undefined, today: string): number {
  if (!raw) return Number(today.slice(0, 4));
  const year = Number(raw);
  return raw.length === 2 ? 2000 + year : year;
}

function count(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/** "seminggu", "sebulan", "sehari", "sepekan", "setahun": one unit. */
function singleUnit(word: string): string | undefined {
  const match = /^se(hari|minggu|pekan|bulan|tahun)$/.exec(word);
  return match?.[1];
}

function stripEdges(tokens: string[]): string[] {
  let rest = [...tokens];
  for (let changed = true; changed && rest.length > 0;) {
    changed = false;
    for (const phrase of LEADING) {
      const parts = phrase.split(" ");
      if (rest.length > parts.length && parts.every((part, i) => rest[i] === part)) {
        rest = rest.slice(parts.length);
        changed = true;
      }
    }
    for (const phrase of TRAILING) {
      const parts = phrase.split(" ");
      const at = rest.length - parts.length;
      if (at > 0 && parts.every((part, i) => rest[at + i] === part)) {
        rest = rest.slice(0, at);
        changed = true;
      }
    }
  }
  return rest;
}

/** The day of the week of an ISO date (0 = Sunday). */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** A date in the current month, or the previous one when that day is still to come: "tanggal 27". */
function dayOfRecentMonth(day: number, today: string): DateParse {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const date = iso(year, month, day);
  if (date && date <= today) return { ok: true, date };
  const previous = month === 1 ? iso(year - 1, 12, day) : iso(year, month - 1, day);
  return checked(previous, today);
}

/** Month names written out: "des" or "mar" alone could be other words ("des" for desa). */
const FULL_MONTHS = new Set([
  "januari",
  "februari",
  "pebruari",
  "febuari",
  "maret",
  "april",
  "mei",
  "juni",
  "juli",
  "agustus",
  "september",
  "oktober",
  "november",
  "nopember",
  "desember",
]);

/**
 * "sejak juli", "bulan agustus", "awal oktober", "akhir september 2025": the start (middle, end) of the
 * latest such month that is not to come. A bare month name is weak: "selesai juli" may be a promise.
 */
function monthOnly(t: string[], today: string): Reading | null {
  const match = /^(?:(awal|pertengahan|tengah|akhir) )?(bulan )?([a-z]+)(?: (\d{4}))?$/.exec(t.join(" "));
  const name = match?.[3];
  if (!match || !name || !FULL_MONTHS.has(name)) return null;
  const month = MONTHS[name] as number;
  const thisYear = Number(today.slice(0, 4));
  const year = match[4] ? Number(match[4]) : month > Number(today.slice(5, 7)) ? thisYear - 1 : thisYear;
  const part = match[1];
  const date = part === "akhir" ? lastDayOfMonth(year, month) : iso(year, month, part === "awal" || !part ? 1 : 15);
  // This month's end is still to come: its start is what the citizen can mean.
  const known = date && date > today ? iso(year, month, 1) : date;
  return yes(known, today, !part && !match[2] && !match[4]);
}

interface Reading {
  result: DateParse;
  /** A bare duration ("3 hari") or a bare "tadi"/"sekarang": a date only when a story marks it as one. */
  weak: boolean;
}

const yes = (date: string | null, today: string, weak = false): Reading => ({ result: checked(date, today), weak });

/** Reads tokens that are only a date expression (after fillers); null when they are not one. */
function readTokens(raw: string[], today: string, prefixed: boolean): Reading | null {
  let t = raw.filter((word, i) => !(TIME_OF_DAY.has(word) && i > 0));
  const phrase = t.join(" ");
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (t.length === 0) return null;
  if (/^(tadi|semalam) malam$|^semalam$/.test(raw.join(" "))) return yes(shift(today, 1), today);
  if (/^(hari ini|tadi|barusan|sekarang|saat ini|poe ini|dinten ini|saiki)$/.test(phrase)) {
    return yes(today, today, /^(tadi|sekarang|saat ini|saiki)$/.test(phrase) && raw.length === 1);
  }
  if (/^(pagi|siang|sore|malam) (tadi|ini)$/.test(raw.join(" "))) return yes(today, today);
  if (/^(kemarin|wingi|dek wingi|kamari|semalam)$/.test(phrase)) return yes(shift(today, 1), today);
  if (/^(kemarin lusa|lusa kemarin|kamari pisan|wingi lusa)$/.test(phrase)) return yes(shift(today, 2), today);
  if (/^(besok|besuk|lusa|nanti|minggu depan|bulan depan|tahun depan|isuk|enjing)$/.test(phrase)) {
    return { result: { ok: false, reason: "future" }, weak: false };
  }
  if (/^(minggu|pekan) (lalu|kemarin)$/.test(phrase)) return yes(shift(today, 7), today);
  if (/^bulan (lalu|kemarin)$/.test(phrase)) return yes(shift(today, 30), today);
  if (/^tahun (lalu|kemarin)$/.test(phrase)) return yes(shift(today, 365), today);
  const monthStart = /^(awal|pertengahan|tengah|akhir) bulan( ini| lalu| kemarin)?$/.exec(phrase);
  if (monthStart?.[1]) {
    const previous = monthStart[2] === " lalu" || monthStart[2] === " kemarin";
    const [y, m] = previous ? (month === 1 ? [year - 1, 12] : [year, month - 1]) : [year, month];
    if (monthStart[1] === "awal") return yes(iso(y, m, 1), today);
    if (monthStart[1] === "akhir") return previous ? yes(lastDayOfMonth(y, m), today) : null;
    return yes(iso(y, m, 15), today);
  }
  if (/^awal (minggu|pekan) ini$/.test(phrase)) return yes(shift(today, (weekday(today) + 6) % 7), today);
  if (/^awal tahun( ini)?$/.test(phrase)) return yes(iso(year, 1, 1), today);

  // "3 hari lalu", "seminggu yang lalu", "2 minggu", "sebulan kemarin".
  const ago = t[t.length - 1] === "lalu" || t[t.length - 1] === "kemarin";
  if (ago) t = t.slice(0, -1);
  if (t[t.length - 1] === "yang") t = t.slice(0, -1);
  const single = t.length === 1 ? singleUnit(t[0] as string) : undefined;
  if (single) return yes(shift(today, UNIT_DAYS[single] as number), today, !ago);
  if (t.length === 2 && count(t[0] as string) !== undefined && UNIT_DAYS[t[1] as string] !== undefined) {
    return yes(shift(today, (count(t[0] as string) as number) * (UNIT_DAYS[t[1] as string] as number)), today, !ago);
  }
  // "senin", "jumat lalu", "hari sabtu kemarin": the latest such day (before today when "lalu").
  if (t[0] === "hari" && t.length === 2) t = t.slice(1);
  if (t.length === 1 && WEEKDAYS[t[0] as string] !== undefined) {
    const back = (weekday(today) - (WEEKDAYS[t[0] as string] as number) + 7) % 7;
    return yes(shift(today, back === 0 && ago ? 7 : back), today);
  }
  const inMonth = monthOnly(t, today);
  if (inMonth) return inMonth;
  if (ago) return null;

  const joined = t.join(" ");
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(joined);
  if (numeric?.[1] && numeric[2]) return yes(iso(fullYear(numeric[3], today), Number(numeric[2]), Number(numeric[1])), today);
  const isoInput = /^(\d{4})-(\d{2})-(\d{2})$/.exec(joined);
  if (isoInput?.[1] && isoInput[2] && isoInput[3]) {
    return yes(iso(Number(isoInput[1]), Number(isoInput[2]), Number(isoInput[3])), today);
  }
  const named = /^(\d{1,2}) ([a-z]+)(?: (\d{2}|\d{4}))?$/.exec(joined);
  if (named?.[1] && named[2] && MONTHS[named[2]] !== undefined) {
    const monthNumber = MONTHS[named[2]] as number;
    let date = iso(fullYear(named[3], today), monthNumber, Number(named[1]));
    // "20 Desember" typed in January means last December, not a future date.
    if (!named[3] && date && date > today) date = iso(year - 1, monthNumber, Number(named[1]));
    return yes(date, today);
  }
  // "tanggal 27": this month, or the last one when the 27th is still to come.
  if (prefixed && t.length === 1 && /^\d{1,2}$/.test(t[0] as string)) {
    const day = Number(t[0]);
    return day >= 1 && day <= 31 ? { result: dayOfRecentMonth(day, today), weak: false } : null;
  }
  return null;
}

/** `today` is the citizen's local date, YYYY-MM-DD. The whole answer must be a date. */
export function parseIndonesianDate(input: string, today: string): DateParse {
  const tokens = words(input);
  const prefixed = tokens.includes("tanggal");
  const core = stripEdges(tokens.filter((word) => word !== "tanggal"));
  const reading = readTokens(core, today, prefixed);
  return reading?.result ?? { ok: false, reason: "unknown" };
}

// prettier-ignore
const DATE_WORDS = new Set([
  ...Object.keys(MONTHS), ...Object.keys(WEEKDAYS), ...Object.keys(NUMBER_WORDS), ...Object.keys(UNIT_DAYS),
  ...Object.values(SPELLING), ...LEADING.flatMap((phrase) => phrase.split(" ")), ...TRAILING.flatMap((phrase) => phrase.split(" ")),
  ...TIME_OF_DAY, "hari", "ini", "tadi", "kemarin", "semalam", "wingi", "dek", "kamari", "pisan", "barusan", "sekarang", "saat",
  "lusa", "besok", "besuk", "nanti", "depan", "awal", "akhir", "pertengahan", "tengah", "tanggal", "lalu", "yang", "poe",
  "dinten", "saiki", "seminggu", "sebulan", "sehari", "sepekan", "setahun", "enjing", "isuk",
]);

function isDateWord(word: string): boolean {
  return DATE_WORDS.has(word) || /^\d/.test(word);
}

const NOT_A_DATE_BEFORE = new Set([
  "setiap",
  "tiap",
  "saban",
  "sholat",
  "shalat",
  "solat",
  "rt",
  "rw",
  "no",
  "nomor",
  "blok",
  "nomer",
]);

export interface FoundDate {
  date: string;
  /** The words it was read from, e.g. "sejak 3 hari lalu". */
  phrase: string;
}

/**
 * The first incident date a story mentions: "mati sejak 3 hari lalu", "udah seminggu", "kemarin sore",
 * "tgl 12/11". A bare duration counts only after "sejak"/"sudah"/"selama", a lasting state ("mati 3
 * hari") or a negated verb ("gak diangkut 2 minggu"); future dates are ignored.
 */
export function findIndonesianDate(text: string, today: string): FoundDate | null {
  const tokens = words(text);
  // Only runs of words a date can be made of are tried: a story is mostly other words.
  const dateish = tokens.map(isDateWord);
  for (let start = 0; start < tokens.length; start += 1) {
    if (!dateish[start] || NOT_A_DATE_BEFORE.has(tokens[start - 1] ?? "")) continue;
    // The unit of an amount is no day name: "jadi 2 minggu", "dua minggu" are not "minggu" (Sunday).
    if (UNIT_DAYS[tokens[start] as string] && count(tokens[start - 1] ?? "") !== undefined) continue;
    let run = 1;
    while (run < 7 && dateish[start + run]) run += 1;
    for (let length = run; length >= 1; length -= 1) {
      const window = tokens.slice(start, start + length);
      const prefixed = window.includes("tanggal");
      const before = tokens[start - 1] ?? "";
      const marked =
        DURATION_MARKERS.has(window[0] as string) ||
        DURATION_MARKERS.has(before) ||
        LASTING_STATES.has(before) ||
        NEGATIONS.has(tokens[start - 2] ?? "");
      if (LEADING.includes(window[window.length - 1] as string)) continue;
      const reading = readTokens(stripEdges(window.filter((word) => word !== "tanggal")), today, prefixed);
      if (!reading?.result.ok) continue;
      if (reading.weak && !marked) continue;
      return { date: reading.result.date, phrase: window.join(" ") };
    }
  }
  return null;
}

/** The local calendar date of an instant, for a fixed UTC offset in hours. */
export function localDate(now: Date, utcOffsetHours: number): string {
  return new Date(now.getTime() + utcOffsetHours * 3_600_000).toISOString().slice(0, 10);
}
