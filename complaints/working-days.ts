// Working-day arithmetic for SLA deadlines: weekends and configured public holidays do not count.
// Indonesia has no daylight saving, so a fixed UTC offset (WIB +7, WITA +8, WIT +9) is exact.

export interface WorkingCalendar {
  /** Minutes east of UTC of the local time zone, e.g. 420 for WIB. */
  utcOffsetMinutes: number;
  /** Local dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function localDateKey(date: Date, calendar: WorkingCalendar): string {
  return new Date(date.getTime() + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

function localWeekday(date: Date, calendar: WorkingCalendar): number {
  return new Date(date.getTime() + calendar.utcOffsetMinutes * 60_000).getUTCDay();
}

export function isWorkingDay(date: Date, calendar: WorkingCalendar): boolean {
  const weekday = localWeekday(date, calendar);
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(localDateKey(date, calendar));
}

/** The same local time of day `days` working days after `start` (a start on a day off counts from the next working day). */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  let cursor = new Date(start.getTime());
  let remaining = days;
  while (remaining > 0) {
    cursor = new Date(cursor.getTime() + DAY_MS);
    if (isWorkingDay(cursor, calendar)) remaining -= 1;
  }
  return cursor;
}

/** Whole working days strictly after `from` up to and including `to`'s local date. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let count = 0;
  let cursor = new Date(from.getTime() + DAY_MS);
  while (localDateKey(cursor, calendar) <= localDateKey(to, calendar)) {
    if (isWorkingDay(cursor, calendar)) count += 1;
    cursor = new Date(cursor.getTime() + DAY_MS);
  }
  return count;
}
