// The dashboard queue: scoped like /antrian (an agency its own, rahasia only for the handling agency),
// filters, overdue-first order, the SLA state in words, and pages.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QUEUE_PAGE_SIZE, dashboardQueue } from "../../complaints/dashboard-queue.js";
import type { QueueFilters } from "../../complaints/dashboard-queue.js";
import type { StaffActor } from "../../complaints/permissions.js";
import { COORDINATOR, DLH, DPUPR, SLA, createFixture, type Fixture } from "./lifecycle-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture("2026-11-23T02:00:00Z"); // Monday 09:00 WIB
});
afterEach(async () => {
  await fx.close();
});

const queue = (actor: StaffActor, filters: QueueFilters = {}) =>
  dashboardQueue(fx.prisma, actor, filters, { now: fx.clock.now, sla: SLA });

describe("dashboard queue", () => {
  it("scopes, filters, sorts overdue first and says the SLA state in words", async () => {
    const late = await fx.createComplaint({
      assignedAgency: "DPUPR",
      status: "DITERUSKAN",
      filedAt: new Date("2026-11-02T02:00:00Z"),
      responseDueAt: new Date("2026-11-20T02:00:00Z"),
    });
    const near = await fx.createComplaint({
      assignedAgency: "DPUPR",
      status: "DITERUSKAN",
      responseDueAt: new Date("2026-11-24T01:00:00Z"),
    });
    const fresh = await fx.createComplaint({
      assignedAgency: "DPUPR",
      status: "DITERUSKAN",
      description: "Drainase Jalan Mawar tersumbat",
    });
    const secret = await fx.createComplaint({ assignedAgency: "DLH", status: "DITERUSKAN", privacy: "rahasia" });
    const unrouted = await fx.createComplaint();
    const done = await fx.createComplaint({ assignedAgency: "DPUPR", status: "SELESAI" });

    const own = await queue(DPUPR);
    expect(own.items.map((item) => item.code)).toEqual([late.trackingCode, near.trackingCode, fresh.trackingCode]);
    expect(own.items.map((item) => item.slaLabel)).toEqual(["terlambat", "mendekati batas", "tepat waktu"]);
    expect(own.overdue).toBe(1);
    // Agency staff cannot widen the scope with the agency filter.
    expect((await queue(DPUPR, { agency: "DLH" })).items.map((item) => item.code)).not.toContain(secret.trackingCode);
    expect((await queue(DLH)).items.map((item) => item.code)).toEqual([secret.trackingCode]);

    const all = await queue(COORDINATOR);
    expect(all.total).toBe(5);
    expect((await queue(COORDINATOR, { agency: "KOORDINATOR" })).items.map((i) => i.code)).toEqual([unrouted.trackingCode]);
    expect((await queue(COORDINATOR, { overdueOnly: true })).items.map((i) => i.code)).toEqual([late.trackingCode]);
    expect((await queue(COORDINATOR, { search: "MAWAR" })).items.map((i) => i.code)).toEqual([fresh.trackingCode]);
    expect((await queue(COORDINATOR, { search: done.trackingCode.toLowerCase() })).total).toBe(0);
    expect((await queue(COORDINATOR, { status: "semua", search: done.trackingCode.toLowerCase() })).items[0]?.slaLabel).toBe(
      "ditutup",
    );
    expect((await queue(COORDINATOR, { from: new Date("2026-11-20T00:00:00Z") })).total).toBe(4);
    expect((await queue(COORDINATOR, { reportType: "aspirasi" })).total).toBe(0);
  });

  it("pages through a long queue", async () => {
    for (let i = 0; i < QUEUE_PAGE_SIZE + 3; i += 1) await fx.createComplaint({ assignedAgency: "DPUPR", status: "DITERUSKAN" });
    const first = await queue(DPUPR);
    const second = await queue(DPUPR, { page: 2 });
    expect([first.items.length, second.items.length, first.pages]).toEqual([QUEUE_PAGE_SIZE, 3, 2]);
    expect((await queue(DPUPR, { page: 99 })).page).toBe(2);
  });
});
