// Dashboard login links and sessions on a real database: single use, 10-minute links, 8-hour sessions,
// revocation, and a removed (or re-added) staff member's sessions ending for good.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  issueLoginToken,
  redeemLoginToken,
  revokeAllSessions,
  revokeSession,
  sessionStaff,
} from "../../complaints/dashboard-access.js";
import { removeStaff, upsertStaff } from "../../complaints/staff-directory.js";
import { DPUPR, createFixture, type Fixture } from "./lifecycle-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture("2026-11-23T02:00:00Z");
});
afterEach(async () => {
  await fx.close();
});

async function link(): Promise<string> {
  const issued = await issueLoginToken(fx.prisma, DPUPR.identity, fx.clock.now);
  if (!issued.ok) throw new Error(issued.message);
  return issued.token;
}

describe("dashboard access", () => {
  it("opens one session per link, once, within 10 minutes; stores only hashes", async () => {
    const token = await link();
    fx.clock.advanceHours(9 / 60);
    const session = await redeemLoginToken(fx.prisma, token, fx.clock.now);
    expect(session?.staff.agencyCode).toBe("DPUPR");
    expect(await redeemLoginToken(fx.prisma, token, fx.clock.now)).toBeNull();
    const late = await link();
    fx.clock.advanceHours(11 / 60);
    expect(await redeemLoginToken(fx.prisma, late, fx.clock.now)).toBeNull();
    const stored = JSON.stringify([await fx.prisma.dashboardLoginToken.findMany(), await fx.prisma.dashboardSession.findMany()]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(session?.sessionId ?? "?");
  });

  it("refuses links for people who are not registered staff", async () => {
    const refused = await issueLoginToken(fx.prisma, "telegram:555001", fx.clock.now);
    expect(refused).toMatchObject({ ok: false });
    expect(await redeemLoginToken(fx.prisma, "not-a-token", fx.clock.now)).toBeNull();
  });

  it("ends sessions after 8 hours, on logout, on revocation, and for removed staff even if added again", async () => {
    const first = await redeemLoginToken(fx.prisma, await link(), fx.clock.now);
    const second = await redeemLoginToken(fx.prisma, await link(), fx.clock.now);
    const third = await redeemLoginToken(fx.prisma, await link(), fx.clock.now);
    expect(await sessionStaff(fx.prisma, first?.sessionId ?? "", fx.clock.now)).not.toBeNull();
    fx.clock.advanceHours(7.9);
    expect(await sessionStaff(fx.prisma, first?.sessionId ?? "", fx.clock.now)).not.toBeNull();
    await revokeSession(fx.prisma, first?.sessionId ?? "", fx.clock.now);
    expect(await sessionStaff(fx.prisma, first?.sessionId ?? "", fx.clock.now)).toBeNull();
    expect(await revokeAllSessions(fx.prisma, DPUPR.identity, fx.clock.now)).toBe(2);
    expect(await sessionStaff(fx.prisma, second?.sessionId ?? "", fx.clock.now)).toBeNull();

    const fourth = await redeemLoginToken(fx.prisma, await link(), fx.clock.now);
    fx.clock.advanceHours(8.1);
    expect(await sessionStaff(fx.prisma, fourth?.sessionId ?? "", fx.clock.now)).toBeNull();

    const fifth = await redeemLoginToken(fx.prisma, await link(), fx.clock.now);
    await removeStaff(fx.prisma, DPUPR.identity);
    expect(await sessionStaff(fx.prisma, fifth?.sessionId ?? "", fx.clock.now)).toBeNull();
    await upsertStaff(fx.prisma, { identity: DPUPR.identity, agencyCode: "DPUPR" });
    expect(await sessionStaff(fx.prisma, fifth?.sessionId ?? "", fx.clock.now)).toBeNull();
    expect(third).not.toBeNull();
  });
});
