// Deadlines in working days across weekends and configured holidays, and which limit a complaint missed.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SLA,
  finishDue,
  overdueKind,
  reopenDeadline,
  responseDue,
  routeDue,
  type SlaPolicy,
} from "../../complaints/sla.js";

const WIB = 420;
const policy = (holidays: string[] = []): SlaPolicy => ({
  ...DEFAULT_SLA,
  calendar: { utcOffsetMinutes: WIB, holidays: new Set(holidays) },
});

describe("SLA deadlines", () => {
  it("routing: filed Friday afternoon WIB, 3 working days skip the weekend", () => {
    // Fri 27 Nov 2026 15:00 WIB -> Wed 2 Dec 15:00 WIB.
    expect(routeDue(new Date("2026-11-27T08:00:00Z"), policy())).toEqual(new Date("2026-12-02T08:00:00Z"));
  });

  it("uses the local date: Saturday 01:00 WIB is still Friday in UTC but counts as a weekend", () => {
    // Sat 28 Nov 01:00 WIB (Fri 18:00 UTC): Mon 30, Tue 1, Wed 2 Dec 01:00 WIB (Tue 18:00 UTC).
    // Counting in UTC would have made Friday a working day and ended a day later.
    expect(routeDue(new Date("2026-11-27T18:00:00Z"), policy())).toEqual(new Date("2026-12-01T18:00:00Z"));
  });

  it("first response: 5 working days, skipping Christmas and the weekend", () => {
    // Routed Wed 23 Dec 2026 09:00 WIB: 24, (25 holiday), 28, 29, 30, 31 -> Thu 31 Dec.
    expect(responseDue(new Date("2026-12-23T02:00:00Z"), policy(["2026-12-25"]))).toEqual(new Date("2026-12-31T02:00:00Z"));
    expect(responseDue(new Date("2026-12-23T02:00:00Z"), policy())).toEqual(new Date("2026-12-30T02:00:00Z"));
  });

  it("holidays configured as a list (e.g. cuti bersama) all count", () => {
    const lebaran = policy(["2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"]);
    // Wed 18 Mar 2026 -> 3 working days: 25, 26, 27 Mar.
    expect(routeDue(new Date("2026-03-18T02:00:00Z"), lebaran)).toEqual(new Date("2026-03-27T02:00:00Z"));
  });

  it("finish limit counts 60 working days from filing; reopen window 10 working days", () => {
    const filed = new Date("2026-01-05T02:00:00Z"); // Monday
    expect(finishDue(filed, policy())).toEqual(new Date("2026-03-30T02:00:00Z"));
    expect(reopenDeadline(new Date("2026-12-16T03:00:00Z"), policy(["2026-12-25"]))).toEqual(new Date("2026-12-31T03:00:00Z"));
  });
});

describe("overdueKind", () => {
  const base = {
    assignedAgency: null,
    routeDueAt: new Date("2026-12-02T00:00:00Z"),
    responseDueAt: null,
    finishDueAt: new Date("2027-02-01T00:00:00Z"),
  };
  const before = new Date("2026-12-01T00:00:00Z");
  const after = new Date("2026-12-03T00:00:00Z");

  it("BARU past the routing limit", () => {
    expect(overdueKind({ ...base, status: "BARU" }, before)).toBeNull();
    expect(overdueKind({ ...base, status: "BARU" }, after)).toBe("route");
  });

  it("DITERUSKAN and DIBUKA_KEMBALI past the first-response limit; DIPROSES only on the finish limit", () => {
    const routed = { ...base, assignedAgency: "DPUPR", responseDueAt: new Date("2026-12-02T00:00:00Z") };
    expect(overdueKind({ ...routed, status: "DITERUSKAN" }, after)).toBe("response");
    expect(overdueKind({ ...routed, status: "DIBUKA_KEMBALI" }, after)).toBe("response");
    expect(overdueKind({ ...routed, status: "DIPROSES" }, after)).toBeNull();
    expect(overdueKind({ ...routed, status: "DIPROSES" }, new Date("2027-02-02T00:00:00Z"))).toBe("finish");
  });

  it("closed complaints are never overdue", () => {
    const late = new Date("2030-01-01T00:00:00Z");
    expect(overdueKind({ ...base, status: "SELESAI" }, late)).toBeNull();
    expect(overdueKind({ ...base, status: "DITOLAK" }, late)).toBeNull();
  });
});
