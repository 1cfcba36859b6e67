// Indonesia's national holidays and cuti bersama, shipped as data (complaints/data/holidays-id.json,
// with its sources), adjusted per deployment by HOLIDAYS: "2026-04-10" adds a day (a regional holiday),
// "-2026-12-24" removes one (an office that works on a cuti bersama day).
import { readFileSync } from "node:fs";

export interface HolidayEntry {
  date: string;
  kind: "libur" | "cuti_bersama";
  name: string;
}

interface HolidayFile {
  sources: Record<string, string>;
  days: HolidayEntry[];
}

const FILE = new URL("./data/holidays-id.json", import.meta.url);

let cached: HolidayFile | undefined;

export function builtInHolidays(): HolidayFile {
  cached ??= JSON.parse(readFileSync(FILE, "utf8")) as HolidayFile;
  return cached;
}

/** One HOLIDAYS entry: YYYY-MM-DD adds the day, a leading "-" removes it. */
export const HOLIDAY_ADJUSTMENT = /^-?\d{4}-\d{2}-\d{2}$/;

/** The built-in days with the adjustments applied in order. */
export function resolveHolidays(
  adjustments: readonly string[],
  builtIn: readonly HolidayEntry[] = builtInHolidays().days,
): Set<string> {
  const days = new Set(builtIn.map((entry) => entry.date));
  for (const adjustment of adjustments) {
    if (adjustment.startsWith("-")) days.delete(adjustment.slice(1));
    else days.add(adjustment);
  }
  return days;
}
