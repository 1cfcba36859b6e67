// Working-day arithmetic for SLA deadlines: weekends and configured public holidays do not count.
// Indonesia has no daylight saving, so a fixed UTC offset (WIB +7, WITA +8, WIT +9) is exact.
// Days are counted as integers (local days since 1970-01-01): filing computes three deadlines per complaint.

export interface WorkingCalendar {
  /** Minutes east of UTC of the local time zone, e.g. 420 for WIB. */
  utcOffsetMinutes: number;
  /** Local dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const holidayDays = new WeakMap<ReadonlySet<string>, Set<number>>();

function holidaySet(calendar: WorkingCalendar): Set<number> {
  let days = holidayDays.get(calendar.holidays);
  if (!days) {
    days = new Set([...calendar.holidays].map((date) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)));
    holidayDays.set(calendar.holidays, days);
  }
  return days;
}

function localDay(date: Date, calendar: WorkingCalendar): number {
  return Math.floor((date.getTime() + calendar.utcOffsetMinutes * 60_000) / DAY_MS);
}

function isWorkingDayNumber(day: number, holidays: Set<number>): boolean {
  // 1970-01-01 was a Thursday: weekday 0 is Sunday, 6 is Saturday.
  const weekday = (day + 4) % 7;
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

export function isWorkingDay(date: Date, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(localDay(date, calendar), holidaySet(calendar));
}

/** The same local time of day `days` working days after `start` (a start on a day off counts from the next working day). */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  const holidays = holidaySet(calendar);
  let day = localDay(start, calendar);
  let added = 0;
  for (let remaining = days; remaining > 0;) {
    day += 1;
    added += 1;
    if (isWorkingDayNumber(day, holidays)) remaining -= 1;
  }
  return new Date(start.getTime() + added * DAY_MS);
}

/** Whole working days strictly after `from` up to and including `to`'s local date. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const holidays = holidaySet(calendar);
  const last = localDay(to, calendar);
  let count = 0;
  for (let day = localDay(from, calendar) + 1; day <= last; day += 1) if (isWorkingDayNumber(day, holidays)) count += 1;
  return count;
}
