// Authorization lives in the service: a citizen and another agency's staff can neither read nor act,
// rahasia stays with the handling agency, and an anonymous reporter never appears to staff.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { citizenActor } from "../../complaints/lifecycle-service.js";
import { staffCanView } from "../../complaints/permissions.js";
import {
  COORDINATOR,
  DLH,
  DPUPR,
  DPUPR_2,
  REPORTER,
  STRANGER,
  createFixture,
  expectOk,
  expectRefused,
  type Fixture,
} from "./lifecycle-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => {
  await fx.close();
});

describe("staff scope", () => {
  it("another agency's staff cannot read or act, and the refusal reads like an unknown code", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const code = complaint.trackingCode;
    const unknown = "LPR-00000000";
    const attempts = [
      () => fx.lifecycle.staffView(fx.prisma, DLH, code),
      () => fx.lifecycle.process(fx.prisma, DLH, code),
      () => fx.lifecycle.reply(fx.prisma, DLH, code, "halo pelapor"),
      () => fx.lifecycle.note(fx.prisma, DLH, code, "catatan"),
      () => fx.lifecycle.finish(fx.prisma, DLH, code, "sudah selesai"),
      () => fx.lifecycle.reject(fx.prisma, DLH, code, "bukan laporan"),
      () => fx.lifecycle.notAuthority(fx.prisma, DLH, code, "bukan wewenang kami"),
      () => fx.lifecycle.ask(fx.prisma, DLH, code, "di mana tepatnya?"),
      () => fx.lifecycle.forward(fx.prisma, DLH, code, "DISHUB"),
    ];
    for (const attempt of attempts) {
      expect(expectRefused(await attempt())).toBe(
        `Laporan ${code} tidak ditemukan di antrean DLH. Ketik /antrian untuk melihat laporan instansi Anda.`,
      );
    }
    expect(expectRefused(await fx.lifecycle.staffView(fx.prisma, DLH, unknown))).toBe(
      `Laporan ${unknown} tidak ditemukan di antrean DLH. Ketik /antrian untuk melihat laporan instansi Anda.`,
    );
    const queue = expectOk(await fx.lifecycle.queue(fx.prisma, DLH));
    expect(queue.total).toBe(0);
    expect(await fx.events(complaint.id)).toHaveLength(1);
    expect(await fx.outbox()).toHaveLength(0);
  });

  it("agency staff do not see unrouted complaints; coordinators see and may act on everything", async () => {
    const fresh = await fx.createComplaint();
    const routed = await fx.createComplaint({ assignedAgency: "DLH" });
    expectRefused(await fx.lifecycle.staffView(fx.prisma, DPUPR, fresh.trackingCode));
    expect(expectOk(await fx.lifecycle.queue(fx.prisma, COORDINATOR)).total).toBe(2);
    expectOk(await fx.lifecycle.staffView(fx.prisma, COORDINATOR, routed.trackingCode));
    expectOk(await fx.lifecycle.reply(fx.prisma, COORDINATOR, routed.trackingCode, "Kami pantau penanganannya."));
  });

  it("a citizen actor cannot use staff operations, not even on their own complaint", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expect(expectRefused(await fx.lifecycle.staffView(fx.prisma, REPORTER, complaint.trackingCode))).toContain("tidak ditemukan");
    expect(expectRefused(await fx.lifecycle.finish(fx.prisma, REPORTER, complaint.trackingCode, "saya selesaikan"))).toContain(
      "tidak ditemukan",
    );
    expectRefused(await fx.lifecycle.queue(fx.prisma, REPORTER));
    expectRefused(await fx.lifecycle.statistics(fx.prisma, REPORTER, { days: 30 }));
    expectRefused(await fx.lifecycle.addStaff(fx.prisma, REPORTER, "telegram:1", "DPUPR"));
    expect((await fx.reload(complaint.id)).status).toBe("DITERUSKAN");
  });

  it("rahasia: only the handling agency and coordinators", () => {
    const complaint = { assignedAgency: "DPUPR", privacy: "rahasia", citizen: { channel: "telegram", userId: "1" } };
    expect(staffCanView(DPUPR, complaint)).toBe(true);
    expect(staffCanView(COORDINATOR, complaint)).toBe(true);
    expect(staffCanView(DLH, complaint)).toBe(false);
    expect(staffCanView(REPORTER, complaint)).toBe(false);
  });
});

describe("citizen scope", () => {
  it("another person's code reads as unknown for every citizen command", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR", status: "SELESAI", finishedAt: new Date() });
    const code = complaint.trackingCode;
    const expected = `Laporan ${code} tidak ditemukan. Periksa kembali kodenya, atau ketik /status untuk melihat laporan Anda.`;
    expect(expectRefused(await fx.lifecycle.citizenStatus(fx.prisma, STRANGER, code))).toBe(expected);
    expect(expectRefused(await fx.lifecycle.answer(fx.prisma, STRANGER, code, "halo"))).toBe(expected);
    expect(expectRefused(await fx.lifecycle.reopen(fx.prisma, STRANGER, code, "belum beres"))).toBe(expected);
    expect(expectRefused(await fx.lifecycle.rate(fx.prisma, STRANGER, code, 1))).toBe(expected);
    expect(expectRefused(await fx.lifecycle.confirmFixed(fx.prisma, STRANGER, code, false))).toBe(expected);
    // Same user id on another channel is another person.
    const otherChannel = citizenActor("whatsapp", REPORTER.userId);
    expect(expectRefused(await fx.lifecycle.citizenStatus(fx.prisma, otherChannel, code))).toBe(expected);
    expect(expectOk(await fx.lifecycle.citizenComplaints(fx.prisma, STRANGER)).total).toBe(0);
    // Staff cannot act as the reporter either.
    expect(expectRefused(await fx.lifecycle.reopen(fx.prisma, DPUPR, code, "belum beres"))).toBe(expected);
    expect((await fx.reload(complaint.id)).status).toBe("SELESAI");
    expect(await fx.outbox()).toHaveLength(0);
  });

  it("the reporter sees status and visible history but no internal note or staff identity", async () => {
    const complaint = await fx.createComplaint();
    expectOk(await fx.lifecycle.forward(fx.prisma, COORDINATOR, complaint.trackingCode, "DPUPR", "prioritas"));
    expectOk(await fx.lifecycle.note(fx.prisma, DPUPR, complaint.trackingCode, "RAHASIA-INTERNAL-123"));
    expectOk(await fx.lifecycle.notAuthority(fx.prisma, DPUPR, complaint.trackingCode, "ALASAN-INTERNAL bukan kami"));
    const status = expectOk(await fx.lifecycle.citizenStatus(fx.prisma, REPORTER, complaint.trackingCode));
    const shown = JSON.stringify(status.view);
    expect(status.view.statusLabel).toBe("Baru (menunggu verifikasi)");
    expect(status.view.history.map((line) => line.text)).toEqual([
      "Laporan diterima",
      "Diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang",
      "Dialihkan ke koordinator untuk diteruskan ke instansi yang berwenang",
    ]);
    for (const secret of ["RAHASIA-INTERNAL-123", "ALASAN-INTERNAL", COORDINATOR.identity, DPUPR.identity]) {
      expect(shown).not.toContain(secret);
    }
  });
});

describe("anonim", () => {
  const identity = ["Siti", "Aminah", "6281234567890", REPORTER.userId];

  it("the reporter's identity never appears in any staff view, queue, statistics or staff notification", async () => {
    const complaint = await fx.createComplaint({ privacy: "anonim" });
    const code = complaint.trackingCode;
    const shown: string[] = [];
    const collect = (value: unknown) => shown.push(JSON.stringify(value));

    collect(await fx.lifecycle.staffView(fx.prisma, COORDINATOR, code));
    collect(await fx.lifecycle.queue(fx.prisma, COORDINATOR));
    expectOk(await fx.lifecycle.forward(fx.prisma, COORDINATOR, code, "DPUPR"));
    expectOk(await fx.lifecycle.ask(fx.prisma, DPUPR, code, "Apakah lubang masih ada?"));
    expectOk(await fx.lifecycle.answer(fx.prisma, REPORTER, code, "Masih ada, makin besar"));
    await fx.attachPhoto(complaint.id);
    expectOk(await fx.lifecycle.process(fx.prisma, DPUPR_2, code));
    expectOk(await fx.lifecycle.finish(fx.prisma, DPUPR, code, "Sudah ditambal."));
    expectOk(await fx.lifecycle.rate(fx.prisma, REPORTER, code, 3));
    expectOk(await fx.lifecycle.reopen(fx.prisma, REPORTER, code, "Belum rapi"));
    const view = expectOk(await fx.lifecycle.staffView(fx.prisma, DPUPR, code));
    expect(view.view.reporter).toContain("Anonim");
    expect(view.view.attachmentCount).toBe(1);
    collect(view.view);
    collect(view.photos.map((photo) => photo.fileName));
    collect(await fx.lifecycle.queue(fx.prisma, DPUPR));
    collect(await fx.lifecycle.statistics(fx.prisma, COORDINATOR, { days: null }));
    collect(await fx.lifecycle.staffView(fx.prisma, COORDINATOR, code));
    const staffPushes = (await fx.outbox()).filter((item) => item.chatId !== REPORTER.userId);
    expect(staffPushes.length).toBeGreaterThan(3);
    collect(staffPushes);
    // Events carry no citizen identity either (reports read them).
    collect(await fx.events(complaint.id));

    for (const text of shown) for (const part of identity) expect(text).not.toContain(part);
  });

  it("a biasa reporter is named to the handling agency (name and phone, never the chat id)", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const view = expectOk(await fx.lifecycle.staffView(fx.prisma, DPUPR, complaint.trackingCode)).view;
    expect(view.reporter).toBe("Siti Aminah, 6281234567890");
    expect(JSON.stringify({ ...view, reporter: "" })).not.toContain(`"${REPORTER.userId}"`);
  });
});
