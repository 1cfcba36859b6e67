// /statistik figures from real lifecycle moves: per agency for staff, every agency plus the total for coordinators.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { median } from "../../complaints/lifecycle-statistics.js";
import { computeMonev } from "../../complaints/monev-figures.js";
import { COORDINATOR, DLH, DPUPR, REPORTER, SLA, createFixture, expectOk, type Fixture } from "./lifecycle-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture("2026-11-23T02:00:00Z");
});
afterEach(async () => {
  await fx.close();
});

async function scenario() {
  const old = await fx.createComplaint({ assignedAgency: "DPUPR", status: "SELESAI", filedAt: new Date("2026-10-01T02:00:00Z") });
  const c1 = await fx.createComplaint({ assignedAgency: "DPUPR" });
  const c2 = await fx.createComplaint({ assignedAgency: "DPUPR" });
  await fx.createComplaint({ assignedAgency: "DPUPR" }); // never followed up
  const c4 = await fx.createComplaint({ assignedAgency: "DLH" });
  await fx.createComplaint(); // waits for routing
  const c6 = await fx.createComplaint({ assignedAgency: "DPUPR" });
  expectOk(await fx.lifecycle.notAuthority(fx.prisma, DPUPR, c6.trackingCode, "Bukan jalan kabupaten"));
  expectOk(await fx.lifecycle.reject(fx.prisma, DLH, c4.trackingCode, "Laporan ganda dari laporan lain"));
  fx.clock.advanceHours(2);
  expectOk(await fx.lifecycle.process(fx.prisma, DPUPR, c1.trackingCode));
  expectOk(await fx.lifecycle.finish(fx.prisma, DPUPR, c1.trackingCode, "Sudah diperbaiki."));
  expectOk(await fx.lifecycle.rate(fx.prisma, REPORTER, c1.trackingCode, 4));
  fx.clock.advanceHours(4);
  expectOk(await fx.lifecycle.reply(fx.prisma, DPUPR, c2.trackingCode, "Dijadwalkan minggu depan."));
  fx.clock.set("2026-12-01T02:00:00Z"); // past the 5-working-day response limit (Mon 30 Nov)
  return { old };
}

describe("statistics", () => {
  it("agency staff get their own agency's figures for the period", async () => {
    await scenario();
    const { report } = expectOk(await fx.lifecycle.statistics(fx.prisma, DPUPR, { days: 30 }));
    expect(report.total).toBeNull();
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      agency: "DPUPR",
      name: "Dinas Pekerjaan Umum dan Penataan Ruang",
      received: 3,
      followedUp: 2,
      finished: 1,
      rejected: 0,
      notAuthority: 1,
      overdue: 1,
      medianHoursToFirstFollowUp: 4,
      averageRating: 4,
      ratings: 1,
    });
    expect(report.rows[0]?.followedUpPercent).toBeCloseTo(66.67, 1);
    const all = expectOk(await fx.lifecycle.statistics(fx.prisma, DPUPR, { days: null }));
    expect(all.report.rows[0]?.received).toBe(4);
    expect(all.report.period).toBe("sejak awal");
  });

  it("coordinators see every agency, a KOORDINATOR row, and a total the rows add up to", async () => {
    await scenario();
    const { report } = expectOk(await fx.lifecycle.statistics(fx.prisma, COORDINATOR, { days: 30 }));
    expect(report.rows.map((row) => row.agency)).toEqual(["DLH", "DPUPR", "KOORDINATOR"]);
    expect(report.rows[0]).toMatchObject({ received: 1, rejected: 1, followedUp: 0, followedUpPercent: 0 });
    // Two complaints wait for routing: one never routed, one sent back by DPUPR ("bukan wewenang").
    expect(report.rows[2]).toMatchObject({ agency: "KOORDINATOR", name: "Koordinator (belum diteruskan)", received: 2 });
    expect(report.total).toMatchObject({ received: 6, followedUp: 2, finished: 1, rejected: 1, notAuthority: 1 });
    for (const key of ["received", "followedUp", "finished", "rejected", "overdue"] as const) {
      expect(
        report.rows.reduce((sum, row) => sum + row[key], 0),
        key,
      ).toBe(report.total?.[key]);
    }
    expect(report.unrouted).toBe(2);
  });

  it("uses the monev report's definitions: the same figures as computeMonev for the same window", async () => {
    await scenario();
    const { report } = expectOk(await fx.lifecycle.statistics(fx.prisma, COORDINATOR, { days: 30 }));
    const monev = await computeMonev(fx.prisma, {
      from: new Date(fx.clock.now.getTime() - 30 * 86_400_000),
      to: new Date(fx.clock.now.getTime() + 1),
      now: fx.clock.now,
      sla: SLA,
    });
    expect(report.rows.map(({ name: _n, notAuthority: _a, ...row }) => row)).toEqual(monev.rows);
    const { name: _n, notAuthority: _a, ...total } = report.total ?? ({} as never);
    expect(total).toEqual(monev.totals);
  });

  it("median of an even and an odd list, null for none", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([8, 2, 4, 6])).toBe(5);
  });
});
