// Report periods in the deployment's local time: a day or an ISO week starts at local midnight, and a
// period is half-open [from, to) so consecutive reports never count a complaint twice.

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Local midnight of a YYYY-MM-DD date, or null when the text is not a real calendar date. */
export function localDayStart(isoDate: string, utcOffsetMinutes: number): Date | null {
  const match = ISO_DATE.exec(isoDate.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - utcOffsetMinutes * 60_000);
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDateKey(date: Date, utcOffsetMinutes: number): string {
  return new Date(date.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whole local days from `fromDate` to `toDate` inclusive, both YYYY-MM-DD; null when invalid or reversed. */
export function periodFromDates(fromDate: string, toDate: string, utcOffsetMinutes: number): Period | null {
  const from = localDayStart(fromDate, utcOffsetMinutes);
  const lastDay = localDayStart(toDate, utcOffsetMinutes);
  if (!from || !lastDay || lastDay.getTime() < from.getTime()) return null;
  return { from, to: new Date(lastDay.getTime() + DAY_MS) };
}

/** The last `days` days up to now (a rolling window, as chat reports use). */
export function lastDays(now: Date, days: number): Period {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

export interface IsoWeek {
  /** e.g. "2026-W02" */
  label: string;
  /** Local Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive). */
  period: Period;
}

/** The ISO week (Monday to Sunday, local time) that contains `date`. */
export function isoWeekOf(date: Date, utcOffsetMinutes: number): IsoWeek {
  const local = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const weekday = (local.getUTCDay() + 6) % 7; // Monday = 0
  const monday = midnight - weekday * DAY_MS;
  // ISO 8601: the week belongs to the year of its Thursday.
  const thursday = new Date(monday + 3 * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const firstThursday = Date.UTC(weekYear, 0, 1 + ((4 - new Date(Date.UTC(weekYear, 0, 1)).getUTCDay() + 7) % 7));
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS));
  const offset = utcOffsetMinutes * 60_000;
  return {
    label: `${weekYear}-W${String(week).padStart(2, "0")}`,
    period: { from: new Date(monday - offset), to: new Date(monday + 7 * DAY_MS - offset) },
  };
}

/** The last complete ISO week before `now`: what a Monday-morning digest reports on. */
export function previousIsoWeek(now: Date, utcOffsetMinutes: number): IsoWeek {
  const current = isoWeekOf(now, utcOffsetMinutes);
  return isoWeekOf(new Date(current.period.from.getTime() - DAY_MS), utcOffsetMinutes);
}
