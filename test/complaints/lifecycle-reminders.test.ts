// The daily reminder and the guard against two people changing one complaint at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyChange } from "../../complaints/lifecycle-core.js";
import { COORDINATOR, DPUPR, createFixture, expectOk, expectRefused, type Fixture } from "./lifecycle-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture("2026-11-23T02:00:00Z");
});
afterEach(async () => {
  await fx.close();
});

describe("overdue reminders", () => {
  it("each agency gets its own late complaints, coordinators the whole list; nothing when none is late", async () => {
    const late = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const unrouted = await fx.createComplaint();
    await fx.createComplaint({ assignedAgency: "DLH", status: "DIPROSES" });
    expect(await fx.lifecycle.enqueueOverdueReminders(fx.prisma)).toBe(0);

    fx.clock.set("2026-12-01T01:00:00Z");
    // coordinator + two DPUPR members; DLH's complaint is being processed and not late.
    expect(await fx.lifecycle.enqueueOverdueReminders(fx.prisma)).toBe(3);
    const rows = await fx.outbox();
    const coordinator = rows.find((row) => row.chatId === "999");
    expect(coordinator?.message.text).toContain(late.trackingCode);
    expect(coordinator?.message.text).toContain(unrouted.trackingCode);
    const agency = rows.find((row) => row.chatId === "100");
    expect(agency?.message.text).toContain(`${late.trackingCode} - TERLAMBAT ditindaklanjuti`);
    expect(agency?.message.text).not.toContain(unrouted.trackingCode);
    expect(rows.some((row) => row.chatId === "200")).toBe(false);

    const queue = expectOk(await fx.lifecycle.queue(fx.prisma, COORDINATOR));
    expect(queue.overdue).toBe(2);
    expect(queue.items[0]?.overdue).not.toBeNull();
  });
});

describe("concurrent changes", () => {
  it("a change based on a stale read is refused instead of overwriting", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const stale = await fx.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id }, include: { citizen: true } });
    fx.clock.advanceHours(1);
    expectOk(await fx.lifecycle.process(fx.prisma, DPUPR, complaint.trackingCode));
    const result = await applyChange(fx.prisma, {
      complaint: stale,
      operation: "process",
      actor: DPUPR,
      eventType: "PROCESSING",
      note: null,
      visibleToCitizen: true,
      eventAgency: "DPUPR",
      now: fx.clock.now,
    });
    expect(expectRefused(result)).toContain("baru saja diubah");
    expect((await fx.events(complaint.id)).filter((event) => event.type === "PROCESSING")).toHaveLength(1);
  });
});
