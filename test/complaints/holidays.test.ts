// The shipped holiday calendar: Lebaran and cuti bersama are days off, HOLIDAYS adds and removes days,
// and the deadlines of a complaint filed before Lebaran move past the whole break.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.js";
import { slaPolicy } from "../../app/sla-policy.js";
import { builtInHolidays, resolveHolidays } from "../../complaints/holidays.js";
import { responseDue, routeDue } from "../../complaints/sla.js";
import { isWorkingDay } from "../../complaints/working-days.js";

describe("built-in holidays", () => {
  it("covers 2026 (SKB: 17 libur nasional incl. two on a weekend, 8 cuti bersama) and 2027, with sources", () => {
    const data = builtInHolidays();
    const y2026 = data.days.filter((d) => d.date.startsWith("2026"));
    expect(y2026.filter((d) => d.kind === "cuti_bersama")).toHaveLength(8);
    expect(y2026.filter((d) => d.kind === "libur")).toHaveLength(17);
    expect(data.days.some((d) => d.date.startsWith("2027"))).toBe(true);
    expect(data.sources["2026"]).toMatch(/SKB/);
    expect(data.sources["2027"]).toMatch(/date-holidays/);
    expect(new Set(data.days.map((d) => d.date)).size).toBe(data.days.length);
  });

  it("makes the Lebaran week 2026 days off without any configuration", () => {
    const policy = slaPolicy(loadConfig({}));
    for (const day of ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"]) {
      expect(isWorkingDay(new Date(`${day}T03:00:00Z`), policy.calendar), day).toBe(false);
    }
    // Filed Tuesday 17 March 10:00 WIB: the next working days are 25, 26, 27, 30, 31 March.
    const filed = new Date("2026-03-17T03:00:00Z");
    expect(routeDue(filed, policy).toISOString()).toBe("2026-03-27T03:00:00.000Z");
    expect(responseDue(filed, policy).toISOString()).toBe("2026-03-31T03:00:00.000Z");
  });

  it("HOLIDAYS adds a regional day and removes a cuti bersama day with a leading minus", () => {
    const days = resolveHolidays(["2026-04-10", "-2026-12-24"]);
    expect(days.has("2026-04-10")).toBe(true);
    expect(days.has("2026-12-24")).toBe(false);
    expect(days.has("2026-12-25")).toBe(true);
    const policy = slaPolicy(loadConfig({ HOLIDAYS: "-2026-12-24, 2026-12-28" }));
    expect(isWorkingDay(new Date("2026-12-24T03:00:00Z"), policy.calendar)).toBe(true);
    expect(isWorkingDay(new Date("2026-12-28T03:00:00Z"), policy.calendar)).toBe(false);
  });

  it("refuses an unreadable HOLIDAYS entry with a message that names the syntax", () => {
    expect(() => loadConfig({ HOLIDAYS: "2026-12-24,+2026-12-25" })).toThrow(/awali dengan -/);
  });
});
