import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeMonev, median, type MonevRow } from "../../complaints/monev-figures.js";
import { overdueByAgency } from "../../complaints/monev-overdue.js";
import { responseDue, routeDue } from "../../complaints/sla.js";
import { createMonevDatabase, JANUARY, NOW, SLA, wib, type MonevDatabase } from "./monev-fixture.js";

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

function row(rows: MonevRow[], agency: string): MonevRow {
  const found = rows.find((r) => r.agency === agency);
  if (!found) throw new Error(`no row for ${agency} in ${rows.map((r) => r.agency).join(", ")}`);
  return found;
}

describe("fixture deadlines (weekends and holidays)", () => {
  it("match the SLA policy, so the overdue figures rest on the real working-day rule", () => {
    // Filed on New Year's Eve night: 1 Jan is a holiday, 3-4 Jan a weekend.
    expect(routeDue(wib("2025-12-31 23:30"), SLA)).toEqual(wib("2026-01-06 23:30"));
    // Filed on a Saturday: counting starts Monday.
    expect(routeDue(wib("2026-01-03 20:00"), SLA)).toEqual(wib("2026-01-07 20:00"));
    // Routed Monday 12 Jan: Friday 16 Jan is a holiday, so five working days end on Tuesday 20 Jan.
    expect(responseDue(wib("2026-01-12 11:00"), SLA)).toEqual(wib("2026-01-20 11:00"));
    expect(responseDue(wib("2026-01-15 13:00"), SLA)).toEqual(wib("2026-01-23 13:00"));
    expect(routeDue(wib("2026-01-23 09:00"), SLA)).toEqual(wib("2026-01-28 09:00"));
    expect(routeDue(wib("2026-01-21 09:00"), SLA)).toEqual(wib("2026-01-26 09:00"));
    expect(responseDue(wib("2026-01-22 09:00"), SLA)).toEqual(wib("2026-01-29 09:00"));
  });
});

describe("computeMonev", () => {
  it("computes January per agency against the hand-worked figures", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    expect(figures.rows.map((r) => r.agency)).toEqual(["DLH", "DPUPR", "KOORDINATOR"]);

    expect(row(figures.rows, "DPUPR")).toEqual({
      agency: "DPUPR",
      received: 4,
      followedUp: 3,
      followedUpPercent: 75,
      finished: 1,
      finishedPercent: 25,
      rejected: 0,
      open: 3,
      medianHoursToFirstFollowUp: 24,
      overdue: 2,
      averageRating: 3,
      ratings: 2,
    });
    expect(row(figures.rows, "DLH")).toEqual({
      agency: "DLH",
      received: 3,
      // L's only follow-up came from DISHUB before the re-route: it does not count for DLH.
      followedUp: 1,
      followedUpPercent: 100 / 3,
      finished: 0,
      finishedPercent: 0,
      rejected: 1,
      open: 2,
      medianHoursToFirstFollowUp: 96,
      overdue: 1,
      averageRating: null,
      ratings: 0,
    });
    expect(row(figures.rows, "KOORDINATOR")).toEqual({
      agency: "KOORDINATOR",
      received: 3,
      followedUp: 0,
      followedUpPercent: 0,
      finished: 0,
      finishedPercent: 0,
      rejected: 1,
      open: 2,
      medianHoursToFirstFollowUp: null,
      overdue: 2,
      averageRating: null,
      ratings: 0,
    });
    const totals = figures.totals;
    expect(totals).toMatchObject({
      agency: "TOTAL",
      received: 10,
      followedUp: 4,
      finished: 1,
      rejected: 2,
      open: 7,
      overdue: 5,
    });
    expect(totals.followedUpPercent).toBe(40);
    expect(totals.finishedPercent).toBe(10);
    expect(totals.medianHoursToFirstFollowUp).toBe(36);
    expect(totals.averageRating).toBe(3);
  });

  it("uses local-time period bounds: 23:30 WIB on 31 Dec is out, 00:30 WIB on 1 Jan is in", async () => {
    const lastDayOfDecember = await computeMonev(fixture.prisma, {
      from: wib("2025-12-31 00:00"),
      to: wib("2026-01-01 00:00"),
      now: NOW,
      sla: SLA,
    });
    expect(lastDayOfDecember.totals.received).toBe(1);
    const firstDay = await computeMonev(fixture.prisma, {
      from: wib("2026-01-01 00:00"),
      to: wib("2026-01-02 00:00"),
      now: NOW,
      sla: SLA,
    });
    expect(firstDay.totals.received).toBe(1);
    expect(firstDay.rows).toEqual([expect.objectContaining({ agency: "DPUPR", received: 1, followedUp: 1, finished: 1 })]);
  });

  it("filters one agency, KOORDINATOR included, and shows an agency without complaints as zeros", async () => {
    const dpupr = await computeMonev(fixture.prisma, { ...JANUARY, agency: "DPUPR", now: NOW, sla: SLA });
    expect(dpupr.rows.map((r) => r.agency)).toEqual(["DPUPR"]);
    expect(dpupr.totals).toMatchObject({ received: 4, followedUp: 3 });

    const coordinator = await computeMonev(fixture.prisma, { ...JANUARY, agency: "KOORDINATOR", now: NOW, sla: SLA });
    expect(coordinator.totals).toMatchObject({ received: 3, rejected: 1, overdue: 2 });

    const empty = await computeMonev(fixture.prisma, { ...JANUARY, agency: "DISDUKCAPIL", now: NOW, sla: SLA });
    expect(empty.rows).toEqual([
      expect.objectContaining({
        agency: "DISDUKCAPIL",
        received: 0,
        followedUpPercent: null,
        medianHoursToFirstFollowUp: null,
      }),
    ]);
  });

  it("counts overdue as of `now`: earlier, nothing in DPUPR is late yet", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: wib("2026-01-19 08:00"), sla: SLA });
    // 19 Jan 08:00: B's and C's response limits (20 Jan) have not passed; nothing was filed for F yet.
    expect(row(figures.rows, "DPUPR").overdue).toBe(0);
  });
});

describe("overdueByAgency", () => {
  it("lists agencies by overdue count, with the longest lateness in working days", async () => {
    const overdue = await overdueByAgency(fixture.prisma, { now: NOW, sla: SLA });
    expect(overdue).toEqual([
      // J is late since 9 Jan: 14 working days (16 Jan holiday and weekends not counted).
      { agency: "DPUPR", overdue: 3, maxWorkingDaysLate: 14 },
      { agency: "KOORDINATOR", overdue: 2, maxWorkingDaysLate: 2 },
      { agency: "DLH", overdue: 1, maxWorkingDaysLate: 1 },
    ]);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([96, 2, 48, 24])).toBe(36);
    expect(median([3, 1, 2])).toBe(2);
  });
});
