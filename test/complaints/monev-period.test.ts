import { describe, expect, it } from "vitest";
import { isoWeekOf, localDayStart, periodFromDates, previousIsoWeek } from "../../complaints/monev-period.js";

const WIB = 420;
const at = (iso: string) => new Date(iso);

describe("report periods in local time", () => {
  it("starts a day at local midnight and rejects dates that do not exist", () => {
    expect(localDayStart("2026-01-01", WIB)).toEqual(at("2025-12-31T17:00:00Z"));
    expect(localDayStart("2026-01-01", 540)).toEqual(at("2025-12-31T15:00:00Z"));
    expect(localDayStart("2026-02-30", WIB)).toBeNull();
    expect(localDayStart("2026-1-5", WIB)).toBeNull();
  });

  it("makes --to inclusive: the period ends at the next local midnight", () => {
    expect(periodFromDates("2026-01-01", "2026-03-31", WIB)).toEqual({
      from: at("2025-12-31T17:00:00Z"),
      to: at("2026-03-31T17:00:00Z"),
    });
    expect(periodFromDates("2026-03-31", "2026-01-01", WIB)).toBeNull();
    expect(periodFromDates("2026-01-01", "bukan tanggal", WIB)).toBeNull();
  });
});

describe("ISO weeks", () => {
  it("labels weeks by the year of their Thursday", () => {
    // Thursday 1 Jan 2026: week 1 runs Monday 29 Dec 2025 to Sunday 4 Jan 2026.
    expect(isoWeekOf(at("2025-12-29T00:00:00+07:00"), WIB).label).toBe("2026-W01");
    expect(isoWeekOf(at("2026-01-04T23:59:00+07:00"), WIB).label).toBe("2026-W01");
    expect(isoWeekOf(at("2026-01-05T00:00:00+07:00"), WIB).label).toBe("2026-W02");
    // 2020 had 53 weeks; 3 Jan 2021 (Sunday) still belongs to 2020-W53.
    expect(isoWeekOf(at("2021-01-03T12:00:00+07:00"), WIB).label).toBe("2020-W53");
  });

  it("uses local time: Sunday 23:30 WIB is still the old week although UTC says Sunday 16:30", () => {
    const week = isoWeekOf(at("2026-01-25T23:30:00+07:00"), WIB);
    expect(week.label).toBe("2026-W04");
    expect(week.period).toEqual({ from: at("2026-01-19T00:00:00+07:00"), to: at("2026-01-26T00:00:00+07:00") });
  });

  it("reports on the last complete week", () => {
    expect(previousIsoWeek(at("2026-01-26T07:00:00+07:00"), WIB).label).toBe("2026-W04");
    expect(previousIsoWeek(at("2026-01-30T10:00:00+07:00"), WIB).label).toBe("2026-W04");
    expect(previousIsoWeek(at("2026-01-05T08:00:00+07:00"), WIB).label).toBe("2026-W01");
  });
});
