import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../complaints/working-days.js";

const calendar = { utcOffsetMinutes: 420, holidays: new Set(["2026-12-25"]) };
const wib = (local: string) => new Date(`${local}+07:00`);

describe("working days", () => {
  it("skip weekends and holidays in local time", () => {
    // Friday 10:00 WIB + 3 working days = Wednesday 10:00 WIB.
    expect(addWorkingDays(wib("2026-11-20T10:00:00"), 3, calendar)).toEqual(wib("2026-11-25T10:00:00"));
    // Over Christmas (Friday): Thursday 24th + 1 = Monday 28th.
    expect(addWorkingDays(wib("2026-12-24T09:00:00"), 1, calendar)).toEqual(wib("2026-12-28T09:00:00"));
    // Saturday 23:30 WIB is Saturday locally even though it is still Saturday 16:30 UTC.
    expect(isWorkingDay(wib("2026-11-21T23:30:00"), calendar)).toBe(false);
    // Monday 01:00 WIB is Sunday in UTC but a working day here.
    expect(isWorkingDay(wib("2026-11-23T01:00:00"), calendar)).toBe(true);
  });

  it("count the working days between two instants", () => {
    expect(workingDaysBetween(wib("2026-11-20T10:00:00"), wib("2026-11-27T10:00:00"), calendar)).toBe(5);
    expect(workingDaysBetween(wib("2026-12-24T10:00:00"), wib("2026-12-28T10:00:00"), calendar)).toBe(1);
  });
});
