// Staff registrations: identity parsing, coordinator-only management in chat, and notifications by agency.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseIdentity } from "../../complaints/staff-directory.js";
import { COORDINATOR, DPUPR, createFixture, expectOk, expectRefused, type Fixture } from "./lifecycle-fixture.js";

describe("parseIdentity", () => {
  it("reads channel:id for the known channels only", () => {
    expect(parseIdentity("telegram:123456")).toEqual({ identity: "telegram:123456", channel: "telegram", chatId: "123456" });
    expect(parseIdentity(" WhatsApp:6281234567890@c.us ")).toMatchObject({ channel: "whatsapp", chatId: "6281234567890@c.us" });
    expect(parseIdentity("terminal:budi")?.identity).toBe("terminal:budi");
    expect(parseIdentity("sms:123")).toBeNull();
    expect(parseIdentity("telegram:")).toBeNull();
    expect(parseIdentity("123456")).toBeNull();
    expect(parseIdentity("telegram:12 34")).toBeNull();
  });
});

describe("staff administration", () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await createFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("a coordinator adds, moves, lists and removes staff; codes are validated", async () => {
    const added = expectOk(await fx.lifecycle.addStaff(fx.prisma, COORDINATOR, "telegram:777", "dishub", "Andi"));
    expect(added).toMatchObject({ created: true, staff: { identity: "telegram:777", agencyCode: "DISHUB", name: "Andi" } });
    const moved = expectOk(await fx.lifecycle.addStaff(fx.prisma, COORDINATOR, "telegram:777", "DLH"));
    expect(moved).toMatchObject({ created: false, staff: { agencyCode: "DLH", name: "Andi" } });
    expect(expectRefused(await fx.lifecycle.addStaff(fx.prisma, COORDINATOR, "telegram:778", "PLN"))).toContain("tidak dikenal");
    expect(expectRefused(await fx.lifecycle.addStaff(fx.prisma, COORDINATOR, "fax:1", "DLH"))).toContain("tidak valid");
    expectOk(await fx.lifecycle.addStaff(fx.prisma, COORDINATOR, "whatsapp:628111", "KOORDINATOR"));

    const list = expectOk(await fx.lifecycle.listStaff(fx.prisma, COORDINATOR)).staff;
    expect(list.slice(0, 2).map((row) => row.agencyCode)).toEqual(["KOORDINATOR", "KOORDINATOR"]);
    expect(list.map((row) => row.identity)).toContain("telegram:777");

    expect(expectOk(await fx.lifecycle.removeStaff(fx.prisma, COORDINATOR, "telegram:777")).identity).toBe("telegram:777");
    expect(expectRefused(await fx.lifecycle.removeStaff(fx.prisma, COORDINATOR, "telegram:777"))).toContain("tidak terdaftar");
    expect(expectRefused(await fx.lifecycle.removeStaff(fx.prisma, COORDINATOR, COORDINATOR.identity))).toContain("diri sendiri");
  });

  it("agency staff cannot manage staff", async () => {
    expect(expectRefused(await fx.lifecycle.addStaff(fx.prisma, DPUPR, "telegram:1", "DPUPR"))).toBe(
      "Perintah ini hanya untuk koordinator.",
    );
    expectRefused(await fx.lifecycle.removeStaff(fx.prisma, DPUPR, COORDINATOR.identity));
    expectRefused(await fx.lifecycle.listStaff(fx.prisma, DPUPR));
    expect(await fx.prisma.staff.count()).toBe(4);
  });
});
