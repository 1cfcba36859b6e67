// Reads the date of an incident as citizens type it: "hari ini", "kemarin", "3 hari lalu",
// "12/11/2026", "12-11", "12 November", "12 nov 2026", "minggu lalu". Pure: "today" is a parameter.

export type DateParse = { ok: true; date: string /* YYYY-MM-DD */ } | { ok: false; reason: "unknown" | "future" | "invalid" };

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  agus: 8,
  ags: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  des: 12,
};

const UNIT_DAYS: Record<string, number> = { hari: 1, minggu: 7, pekan: 7, bulan: 30 };

const NUMBER_WORDS: Record<string, number> = {
  se: 1,
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
};

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

/** `today` is the citizen's local date, YYYY-MM-DD. */
export function parseIndonesianDate(input: string, today: string): DateParse {
  const text = input
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(tanggal|tgl\.?|pada|sejak|dari)\s+/, "")
    .trim();
  if (/^(hari ini|td|tadi( pagi| siang| sore| malam)?|barusan|sekarang|skrg|sekarang ini)$/.test(text)) {
    return { ok: true, date: today };
  }
  if (/^(kemarin|kmrn|kemaren|kmarin|semalam)$/.test(text)) return { ok: true, date: shift(today, 1) };
  if (/^(kemarin lusa|lusa kemarin)$/.test(text)) return { ok: true, date: shift(today, 2) };
  if (/^(minggu|pekan) (lalu|kemarin)$/.test(text)) return { ok: true, date: shift(today, 7) };
  if (/^bulan (lalu|kemarin)$/.test(text)) return { ok: true, date: shift(today, 30) };

  const relative = /^(\d{1,3}|[a-z]+) ?(hari|minggu|pekan|bulan) (yang )?(lalu|kemarin|yg lalu)$/.exec(text);
  if (relative?.[1] && relative[2]) {
    const count = /^\d+$/.test(relative[1]) ? Number(relative[1]) : NUMBER_WORDS[relative[1]];
    const unit = UNIT_DAYS[relative[2]];
    if (count !== undefined && unit !== undefined) return checked(shift(today, count * unit), today);
  }

  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  if (numeric?.[1] && numeric[2]) {
    return checked(iso(fullYear(numeric[3], today), Number(numeric[2]), Number(numeric[1])), today);
  }

  const isoInput = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoInput?.[1] && isoInput[2] && isoInput[3]) {
    return checked(iso(Number(isoInput[1]), Number(isoInput[2]), Number(isoInput[3])), today);
  }

  const named = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{2}|\d{4}))?$/.exec(text);
  if (named?.[1] && named[2]) {
    const month = MONTHS[named[2]];
    if (month === undefined) return { ok: false, reason: "unknown" };
    let year = fullYear(named[3], today);
    let date = iso(year, month, Number(named[1]));
    // "20 Desember" typed in January means last December, not a future date.
    if (!named[3] && date && date > today) {
      year -= 1;
      date = iso(year, month, Number(named[1]));
    }
    return checked(date, today);
  }
  return { ok: false, reason: "unknown" };
}

/** The local calendar date of an instant, for a fixed UTC offset in hours. */
export function localDate(now: Date, utcOffsetHours: number): string {
  return new Date(now.getTime() + utcOffsetHours * 3_600_000).toISOString().slice(0, 10);
}
