// The lifecycle on a real SQLite file: each move, its event, its outbox rows, and refusals that write nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { responseDue, routeDue } from "../../complaints/sla.js";
import {
  COORDINATOR,
  DLH,
  DPUPR,
  DPUPR_2,
  REPORTER,
  SLA,
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

describe("forward", () => {
  it("routes a BARU complaint: status, deadlines, event, citizen push and agency staff notices", async () => {
    const complaint = await fx.createComplaint();
    const result = expectOk(await fx.lifecycle.forward(fx.prisma, COORDINATOR, complaint.trackingCode.toLowerCase(), "dpupr"));
    expect(result).toMatchObject({ from: "BARU", to: "DITERUSKAN", agencyCode: "DPUPR", citizenMessages: 1, staffMessages: 2 });

    const row = await fx.reload(complaint.id);
    expect(row.status).toBe("DITERUSKAN");
    expect(row.assignedAgency).toBe("DPUPR");
    expect(row.routedAt).toEqual(fx.clock.now);
    expect(row.responseDueAt).toEqual(responseDue(fx.clock.now, SLA));

    const events = await fx.events(complaint.id);
    expect(events.at(-1)).toMatchObject({
      type: "FORWARDED",
      fromStatus: "BARU",
      toStatus: "DITERUSKAN",
      actorType: "STAFF",
      actorIdentity: COORDINATOR.identity,
      agencyCode: "DPUPR",
      visibleToCitizen: true,
    });

    const outbox = await fx.outbox();
    const toCitizen = outbox.filter((item) => item.chatId === REPORTER.userId);
    expect(toCitizen).toHaveLength(1);
    expect(toCitizen[0]?.channel).toBe("telegram");
    expect(toCitizen[0]?.message.text).toContain(complaint.trackingCode);
    expect(toCitizen[0]?.message.text).toContain("Dinas Pekerjaan Umum");
    expect(toCitizen[0]?.message.text).toMatch(/Selanjutnya: .*paling lambat Senin, 30 Nov 2026/);
    const staffChats = outbox.filter((item) => item.chatId !== REPORTER.userId).map((item) => `${item.channel}:${item.chatId}`);
    expect(staffChats.sort()).toEqual([DPUPR.identity, DPUPR_2.identity].sort());
    expect(outbox.every((item) => item.complaintId === complaint.id)).toBe(true);
  });

  it("refuses unknown agencies, the coordinator as a target and the current agency", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expect(expectRefused(await fx.lifecycle.forward(fx.prisma, COORDINATOR, complaint.trackingCode, "XYZ"))).toMatch(
      /tidak dikenal.*DPUPR, DLH, DISHUB/,
    );
    expect(expectRefused(await fx.lifecycle.forward(fx.prisma, DPUPR, complaint.trackingCode, "KOORDINATOR"))).toContain(
      "/bukanwewenang",
    );
    expect(expectRefused(await fx.lifecycle.forward(fx.prisma, DPUPR, complaint.trackingCode, "DPUPR"))).toContain(
      "sudah ditangani DPUPR",
    );
    expect(await fx.events(complaint.id)).toHaveLength(1);
    expect(await fx.outbox()).toHaveLength(0);
  });

  it("lets the handling agency hand over; the old agency loses sight and the new clock starts", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expectOk(await fx.lifecycle.process(fx.prisma, DPUPR, complaint.trackingCode));
    fx.clock.advanceHours(24);
    expectOk(await fx.lifecycle.forward(fx.prisma, DPUPR, complaint.trackingCode, "DLH", "Sampah, bukan jalan"));
    const row = await fx.reload(complaint.id);
    expect(row).toMatchObject({ status: "DITERUSKAN", assignedAgency: "DLH", firstResponseAt: null });
    expect(row.responseDueAt).toEqual(responseDue(fx.clock.now, SLA));
    expect(expectRefused(await fx.lifecycle.staffView(fx.prisma, DPUPR, complaint.trackingCode))).toContain("tidak ditemukan");
    expectOk(await fx.lifecycle.staffView(fx.prisma, DLH, complaint.trackingCode));
    // The acting staff member is not notified of their own action; DPUPR's other member hears of the handover.
    const staffChats = (await fx.outbox()).map((item) => `${item.channel}:${item.chatId}`);
    expect(staffChats).toContain(DLH.identity);
    expect(staffChats).toContain(DPUPR_2.identity);
    expect(staffChats).not.toContain(DPUPR.identity);
  });
});

describe("follow-up by the agency", () => {
  it("process sets the first response once; a second /proses is refused with a reason", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    fx.clock.advanceHours(5);
    const processed = expectOk(await fx.lifecycle.process(fx.prisma, DPUPR, complaint.trackingCode, "Tim survei besok"));
    expect(processed).toMatchObject({ from: "DITERUSKAN", to: "DIPROSES", citizenMessages: 1 });
    const firstResponse = (await fx.reload(complaint.id)).firstResponseAt;
    expect(firstResponse).toEqual(fx.clock.now);
    const push = (await fx.outbox()).at(-1);
    expect(push?.message.text).toContain("Tim survei besok");
    expect(push?.message.text).toContain(complaint.trackingCode);

    expect(expectRefused(await fx.lifecycle.process(fx.prisma, DPUPR, complaint.trackingCode))).toContain(
      "sudah Sedang diproses",
    );
    fx.clock.advanceHours(5);
    expectOk(await fx.lifecycle.reply(fx.prisma, DPUPR, complaint.trackingCode, "Perbaikan dijadwalkan Kamis."));
    expect((await fx.reload(complaint.id)).firstResponseAt).toEqual(firstResponse);
  });

  it("a reply on DITERUSKAN counts as follow-up and moves to DIPROSES", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const result = expectOk(await fx.lifecycle.reply(fx.prisma, DPUPR, complaint.trackingCode, "Kami cek lokasi hari ini."));
    expect(result).toMatchObject({ from: "DITERUSKAN", to: "DIPROSES" });
    expect((await fx.reload(complaint.id)).firstResponseAt).toEqual(fx.clock.now);
    const push = (await fx.outbox()).at(-1);
    expect(push?.message.text).toContain("Kami cek lokasi hari ini.");
    expect(push?.message.text).toContain(`/tanggapi ${complaint.trackingCode}`);
  });

  it("an internal note is recorded, hidden from the citizen, and pushes nothing", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expectOk(await fx.lifecycle.note(fx.prisma, DPUPR, complaint.trackingCode, "Koordinasi dengan UPT wilayah 2"));
    expect((await fx.events(complaint.id)).at(-1)).toMatchObject({ type: "NOTE", visibleToCitizen: false });
    expect(await fx.outbox()).toHaveLength(0);
    const status = expectOk(await fx.lifecycle.citizenStatus(fx.prisma, REPORTER, complaint.trackingCode));
    expect(JSON.stringify(status.view)).not.toContain("UPT wilayah 2");
    expect((await fx.reload(complaint.id)).firstResponseAt).toBeNull();
  });

  it("finish pushes the answer with the rating and the 'sudah beres?' one-tap questions", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR", status: "DIPROSES", firstResponseAt: new Date() });
    expectOk(await fx.lifecycle.finish(fx.prisma, DPUPR, complaint.trackingCode, "Lubang sudah ditambal pada 24 November."));
    const row = await fx.reload(complaint.id);
    expect(row.status).toBe("SELESAI");
    expect(row.finishedAt).toEqual(fx.clock.now);
    const pushes = await fx.outbox();
    expect(pushes).toHaveLength(2);
    expect(pushes[0]?.message.text).toContain("Lubang sudah ditambal");
    expect(pushes[0]?.message.questionId).toBe(`nilai:${complaint.trackingCode}`);
    expect(pushes[0]?.message.options?.map((option) => option.value)).toEqual(["1", "2", "3", "4", "5"]);
    expect(pushes[1]?.message.questionId).toBe(`beres:${complaint.trackingCode}`);
    expect(pushes[1]?.message.options?.map((option) => option.value)).toEqual(["sudah", "belum"]);
    // Finished Monday 23 Nov; 10 working days later is Monday 7 Dec.
    expect(pushes[1]?.message.text).toContain("7 Des 2026");
  });

  it("reject needs a reason and closes the complaint", async () => {
    const complaint = await fx.createComplaint();
    expect(expectRefused(await fx.lifecycle.reject(fx.prisma, COORDINATOR, complaint.trackingCode, "  "))).toContain(
      "wajib diisi",
    );
    expect(expectRefused(await fx.lifecycle.reject(fx.prisma, COORDINATOR, complaint.trackingCode, "dup"))).toContain(
      "terlalu singkat",
    );
    expectOk(await fx.lifecycle.reject(fx.prisma, COORDINATOR, complaint.trackingCode, "Laporan ganda dari laporan sebelumnya"));
    expect((await fx.reload(complaint.id)).status).toBe("DITOLAK");
    expect((await fx.outbox()).at(-1)?.message.text).toContain("Laporan ganda");
    expect(expectRefused(await fx.lifecycle.process(fx.prisma, COORDINATOR, complaint.trackingCode))).toContain("sudah Ditolak");
  });

  it("not-authority goes back to the coordinator, counted, never a dead end for the citizen", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expect(
      expectRefused(await fx.lifecycle.notAuthority(fx.prisma, COORDINATOR, complaint.trackingCode, "bukan kami")),
    ).toContain("/teruskan");
    fx.clock.set("2026-11-27T03:00:00Z"); // Friday
    expectOk(await fx.lifecycle.notAuthority(fx.prisma, DPUPR, complaint.trackingCode, "Jalan nasional, wewenang BPJN"));
    const row = await fx.reload(complaint.id);
    expect(row).toMatchObject({
      status: "BARU",
      assignedAgency: null,
      notAuthorityCount: 1,
      routedAt: null,
      responseDueAt: null,
    });
    expect(row.routeDueAt).toEqual(routeDue(fx.clock.now, SLA));
    expect((await fx.events(complaint.id)).at(-1)).toMatchObject({
      type: "NOT_AUTHORITY",
      agencyCode: "DPUPR",
      note: "Jalan nasional, wewenang BPJN",
    });
    const outbox = await fx.outbox();
    const citizenPush = outbox.find((item) => item.chatId === REPORTER.userId);
    expect(citizenPush?.message.text).toContain("tetap ditangani");
    expect(citizenPush?.message.text).not.toContain("BPJN");
    expect(outbox.find((item) => item.chatId === "999")?.message.text).toContain("BPJN");
    expect(expectRefused(await fx.lifecycle.staffView(fx.prisma, DPUPR, complaint.trackingCode))).toContain("tidak ditemukan");
  });

  it("illegal moves are refused with a clear reason and write nothing", async () => {
    const fresh = await fx.createComplaint();
    expect(expectRefused(await fx.lifecycle.finish(fx.prisma, COORDINATOR, fresh.trackingCode, "Sudah selesai ya"))).toContain(
      "belum diteruskan",
    );
    const done = await fx.createComplaint({ assignedAgency: "DPUPR", status: "SELESAI", finishedAt: fx.clock.now });
    expect(expectRefused(await fx.lifecycle.reply(fx.prisma, DPUPR, done.trackingCode, "tambahan"))).toContain("sudah Selesai");
    expect(expectRefused(await fx.lifecycle.reopen(fx.prisma, REPORTER, fresh.trackingCode, "belum beres"))).toContain(
      "belum selesai",
    );
    expect(expectRefused(await fx.lifecycle.rate(fx.prisma, REPORTER, fresh.trackingCode, 5))).toContain("belum selesai");
    expect(expectRefused(await fx.lifecycle.process(fx.prisma, DPUPR, "LPR-XYZ"))).toContain("bukan kode laporan");
    expect(await fx.outbox()).toHaveLength(0);
    expect(await fx.prisma.complaintEvent.count()).toBe(2);
  });
});

describe("question and answer", () => {
  it("/tanya pushes the question; the reporter's answer is attached, the asker notified, pending cleared", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expectOk(await fx.lifecycle.ask(fx.prisma, DPUPR, complaint.trackingCode, "Di depan nomor rumah berapa?"));
    expect((await fx.reload(complaint.id)).pendingQuestionBy).toBe(DPUPR.identity);
    const question = (await fx.outbox()).at(-1);
    expect(question).toMatchObject({ channel: "telegram", chatId: REPORTER.userId });
    expect(question?.message.text).toContain(`/jawab ${complaint.trackingCode}`);
    expect(await fx.lifecycle.awaitingAnswer(fx.prisma, REPORTER)).toBe(complaint.trackingCode);

    expectOk(await fx.lifecycle.answer(fx.prisma, REPORTER, complaint.trackingCode, "Nomor 12, dekat warung"));
    const row = await fx.reload(complaint.id);
    expect(row.pendingQuestionBy).toBeNull();
    expect((await fx.events(complaint.id)).at(-1)).toMatchObject({
      type: "ANSWER",
      actorType: "CITIZEN",
      actorIdentity: null,
      note: "Nomor 12, dekat warung",
    });
    const notices = (await fx.outbox()).filter((item) => item.message.text.includes("Nomor 12"));
    // The asker and the agency's other member, each once.
    expect(notices.map((item) => `${item.channel}:${item.chatId}`).sort()).toEqual([DPUPR.identity, DPUPR_2.identity].sort());
    expect(await fx.lifecycle.awaitingAnswer(fx.prisma, REPORTER)).toBeNull();
  });

  it("a coordinator can ask about an unrouted complaint; the answer reaches the coordinators", async () => {
    const complaint = await fx.createComplaint();
    expectOk(await fx.lifecycle.ask(fx.prisma, COORDINATOR, complaint.trackingCode, "Kelurahan mana tepatnya?"));
    expectOk(await fx.lifecycle.answer(fx.prisma, REPORTER, complaint.trackingCode, "Kelurahan Sukamaju"));
    const notices = (await fx.outbox()).filter((item) => item.message.text.includes("Kelurahan Sukamaju"));
    expect(notices.map((item) => item.chatId)).toEqual(["999"]);
  });
});

describe("after SELESAI", () => {
  async function finished() {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR", status: "DIPROSES" });
    fx.clock.set("2026-12-16T03:00:00Z"); // Wednesday
    expectOk(await fx.lifecycle.finish(fx.prisma, DPUPR, complaint.trackingCode, "Sudah diperbaiki tim kami."));
    return complaint;
  }

  it("reopen within 10 working days (weekends and holidays excluded) goes back to the agency", async () => {
    const complaint = await finished();
    // 10 working days after Wed 16 Dec, skipping two weekends and Christmas (Fri 25 Dec): Thu 31 Dec.
    fx.clock.set("2026-12-31T02:00:00Z");
    const reopened = expectOk(await fx.lifecycle.reopen(fx.prisma, REPORTER, complaint.trackingCode, "Lubangnya muncul lagi"));
    expect(reopened).toMatchObject({ from: "SELESAI", to: "DIBUKA_KEMBALI", agencyCode: "DPUPR" });
    const row = await fx.reload(complaint.id);
    expect(row).toMatchObject({ reopenCount: 1, citizenSatisfied: false, finishedAt: null, assignedAgency: "DPUPR" });
    expect(row.responseDueAt).toEqual(responseDue(fx.clock.now, SLA));
    const notices = (await fx.outbox()).filter((item) => item.message.text.includes("DIBUKA KEMBALI"));
    expect(notices.map((item) => `${item.channel}:${item.chatId}`).sort()).toEqual([DPUPR.identity, DPUPR_2.identity].sort());
    // The agency can follow up again.
    expectOk(await fx.lifecycle.process(fx.prisma, DPUPR, complaint.trackingCode));
  });

  it("after the window the SELESAI is final", async () => {
    const complaint = await finished();
    fx.clock.set("2026-12-31T03:00:01Z");
    expect(expectRefused(await fx.lifecycle.reopen(fx.prisma, REPORTER, complaint.trackingCode, "masih rusak"))).toMatch(
      /sudah lewat \(31 Des 2026 10\.00 WIB\).*final/,
    );
    expect((await fx.reload(complaint.id)).status).toBe("SELESAI");
  });

  it("rating 1-5 and the one-tap 'belum beres' reopen", async () => {
    const complaint = await finished();
    expect(expectRefused(await fx.lifecycle.rate(fx.prisma, REPORTER, complaint.trackingCode, 6))).toContain("1 sampai 5");
    expectOk(await fx.lifecycle.rate(fx.prisma, REPORTER, complaint.trackingCode, 4));
    expect((await fx.reload(complaint.id)).rating).toBe(4);
    const confirmed = expectOk(await fx.lifecycle.confirmFixed(fx.prisma, REPORTER, complaint.trackingCode, false));
    expect(confirmed.reopened).toBe(true);
    expect((await fx.reload(complaint.id)).status).toBe("DIBUKA_KEMBALI");
  });

  it("'sudah beres' records satisfaction and keeps SELESAI", async () => {
    const complaint = await finished();
    const confirmed = expectOk(await fx.lifecycle.confirmFixed(fx.prisma, REPORTER, complaint.trackingCode, true));
    expect(confirmed).toMatchObject({ reopened: false, to: "SELESAI" });
    expect((await fx.reload(complaint.id)).citizenSatisfied).toBe(true);
  });
});

describe("transactions", () => {
  it("the change, its event and its outbox rows commit or roll back together", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    await expect(
      fx.transactions.run(async ({ db: tx }) => {
        expectOk(await fx.lifecycle.process(tx, DPUPR, complaint.trackingCode, "mulai"));
        expect(await tx.outboxMessage.count()).toBe(1);
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect((await fx.reload(complaint.id)).status).toBe("DITERUSKAN");
    expect(await fx.events(complaint.id)).toHaveLength(1);
    expect(await fx.outbox()).toHaveLength(0);

    await fx.transactions.run(async ({ db: tx }) => {
      expectOk(await fx.lifecycle.process(tx, DPUPR, complaint.trackingCode, "mulai"));
    });
    expect((await fx.reload(complaint.id)).status).toBe("DIPROSES");
    expect(await fx.events(complaint.id)).toHaveLength(2);
    expect(await fx.outbox()).toHaveLength(1);
  });
});
