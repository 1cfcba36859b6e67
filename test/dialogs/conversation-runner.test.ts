// The runner against a real SQLite file: filing, dedup, per-chat order (the platform's download in the
// chat's turn), restore and reset of snapshots.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { chatDriver, fileComplaint, TRACKING_CODE } from "../support/chat-driver.js";
import { COMPLAINT_MACHINE_VERSION } from "../../dialogs/complaint-dialog.js";
import { NOTICES } from "../../dialogs/complaint-copy.js";
import type { InboundMessage } from "../../dialogs/inbound-message.js";

const DESCRIPTION = "Jalan di depan SDN 3 Sukajadi berlubang besar sejak dua minggu, sudah dua motor jatuh.";
const clock = () => new Date("2026-11-23T03:00:00Z");

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ clock });
});
afterEach(async () => {
  await app.close();
});

async function fileOne(userId: string, privacy: "Biasa" | "Anonim" = "Biasa") {
  const chat = chatDriver(app.handler, { userId, displayName: "Siti" });
  const { replies } = await fileComplaint(chat, {
    description: DESCRIPTION,
    fromMenu: true,
    location: "Jl. Merdeka No. 5, depan SDN 3",
    photo: Buffer.from("fake-jpeg-bytes"),
    privacy,
  });
  return { chat, replies };
}

describe("conversation runner", () => {
  it("files a complete complaint and shows the tracking code only after it is stored", async () => {
    const { replies } = await fileOne("warga-1");
    const code = TRACKING_CODE.exec(replies[0]?.text ?? "")?.[0];
    expect(code).toBeDefined();
    const complaint = await app.prisma.complaint.findUnique({
      where: { trackingCode: code ?? "" },
      include: { citizen: true, attachments: true, events: true },
    });
    expect(complaint).toMatchObject({
      reportType: "pengaduan",
      description: DESCRIPTION,
      locationText: "Jl. Merdeka No. 5, depan SDN 3",
      privacy: "biasa",
      channel: "terminal",
      chatId: "warga-1",
    });
    // "sejak dua minggu" in the story: two weeks before the test clock's day.
    expect(complaint?.incidentDate?.toISOString().slice(0, 10)).toBe("2026-11-09");
    expect(complaint?.citizen.displayName).toBe("Siti");
    expect(complaint?.attachments).toHaveLength(1);
    expect(complaint?.attachments[0]?.sizeBytes).toBe(15);
    expect(complaint?.events.map((e) => e.type)).toContain("FILED");
    expect(await app.prisma.attachment.count({ where: { complaintId: null } })).toBe(0);
  });

  it("processes a redelivered message once", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-2" });
    const message = { channel: "terminal" as const, chatId: "warga-2", userId: "warga-2", messageId: "same-id", text: "/lapor" };
    const first = await app.handler.handle(message);
    const again = await app.handler.handle(message);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(chat.transcript).toEqual([]);
  });

  it("answers a message handled by an earlier run with that run's stored replies (it may have died before sending)", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-9" });
    await chat.say("Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali");
    const message = {
      channel: "terminal" as const,
      chatId: "warga-9",
      userId: "warga-9",
      messageId: "before-crash",
      text: "kirim",
    };
    const first = await app.handler.handle(message);
    const code = /LPR-[0-9A-Z]{8}/.exec(first.map((reply) => reply.text).join("\n"))?.[0];
    expect(code).toBeDefined();
    const restarted = await createTestApp({ clock, database: app.database });
    try {
      // Only the stored replies carry that code: run again, "kirim" at the menu would say something else.
      const again = await restarted.handler.handle(message);
      expect(again).toEqual(first);
      expect(again.map((reply) => reply.text).join("\n")).toContain(code);
      // Stored once, filed once: the step did not run again.
      expect(await restarted.prisma.processedMessage.count({ where: { messageId: "before-crash" } })).toBe(1);
      expect(await restarted.prisma.complaint.count({ where: { chatId: "warga-9" } })).toBe(1);
      // Within one run a repeat was answered already: nothing twice.
      expect(await restarted.handler.handle({ ...message, messageId: "later" })).toHaveLength(1);
      expect(await restarted.handler.handle({ ...message, messageId: "later" })).toEqual([]);
    } finally {
      await restarted.app.close();
    }
  });

  it("keeps one chat's messages in order even when they arrive at once", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-3" });
    await Promise.all([chat.say("/lapor"), chat.say(DESCRIPTION), chat.say("tidak tahu")]);
    const row = await app.prisma.conversation.findUnique({
      where: { channel_chatId: { channel: "terminal", chatId: "warga-3" } },
    });
    const stored = JSON.parse(row?.snapshot ?? "{}");
    expect(stored.context.draft.description).toBe(DESCRIPTION);
    expect(stored.context.draft.reportType).toBe("pengaduan");
    expect(stored.context.draft.locationText).toBe("depan SDN 3 Sukajadi");
    expect(stored.value).toEqual({ form: "summary" });
  });

  it("completes a message in the chat's turn: a slow download keeps its place, a failed one is answered clearly", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-8" });
    await chat.say("/lapor");
    let finishDownload!: () => void;
    const downloaded = new Promise<void>((resolve) => (finishDownload = resolve));
    const photo = chat.send({
      complete: async () => {
        await downloaded;
        return { photo: { ok: false, reason: "download_failed" } };
      },
    });
    const story = chat.say(DESCRIPTION);
    // The story waits behind the photo: nothing of it is stored while the download runs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await app.prisma.processedMessage.count()).toBe(1);
    finishDownload();
    const [photoReplies, storyReplies] = await Promise.all([photo, story]);
    expect(photoReplies[0]?.text.startsWith(NOTICES.photoFailed)).toBe(true);
    // The conversation goes on: the story answers the question the photo interrupted.
    expect(storyReplies.length).toBeGreaterThan(0);
    const row = await app.prisma.conversation.findUnique({
      where: { channel_chatId: { channel: "terminal", chatId: "warga-8" } },
    });
    expect(JSON.parse(row?.snapshot ?? "{}").context.draft.description).toBe(DESCRIPTION);
  });

  it("fetches nothing for the messages flood control turns away, and its notice keeps the chat's order", async () => {
    const limited = await createTestApp({ clock, env: { RATE_LIMIT_PER_MINUTE: "3" } });
    try {
      let downloads = 0;
      const photo = (n: number): InboundMessage => ({
        channel: "telegram",
        chatId: "banjir",
        userId: "banjir",
        messageId: `banjir-${n}`,
        complete: async () => {
          downloads += 1;
          return { photo: { ok: true, data: Buffer.from("jpeg"), mimeType: "image/jpeg" } };
        },
      });
      const answered: number[] = [];
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          limited.handler.handle(photo(n)).then((given) => {
            if (given.length > 0) answered.push(n);
            return given;
          }),
        ),
      );
      expect(downloads).toBe(3);
      expect(replies[3]).toEqual([{ text: NOTICES.rateLimited }]);
      expect(replies.slice(4).flat()).toEqual([]);
      // The notice waited its turn behind the three steps: the chat's replies stay in order.
      expect(answered).toEqual([0, 1, 2, 3]);
    } finally {
      await limited.close();
    }
  });

  it("tells the citizen politely when a stored form cannot be restored, and goes on", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-4" });
    await chat.say("/lapor");
    await app.prisma.conversation.update({
      where: { channel_chatId: { channel: "terminal", chatId: "warga-4" } },
      data: { snapshot: "{not json" },
    });
    const replies = await chat.say(DESCRIPTION);
    expect(replies.map((r) => r.text).join("\n")).toMatch(/dimulai ulang/);
    await app.prisma.conversation.update({
      where: { channel_chatId: { channel: "terminal", chatId: "warga-4" } },
      data: {
        machineVersion: COMPLAINT_MACHINE_VERSION + 99,
        snapshot: JSON.stringify({ value: { form: "nowhere" }, context: {} }),
      },
    });
    const after = await chat.say("/lapor");
    expect(after.map((r) => r.text).join("\n")).toMatch(/dimulai ulang/);
    expect(after.at(-1)?.text).toMatch(/Ceritakan masalahnya/);
  });

  it("answers numbers, words and stale buttons wherever options are offered", async () => {
    const chat = chatDriver(app.handler, { userId: "warga-5" });
    await chat.say("/lapor");
    const stale = await chat.send({ choice: { questionId: "privacy", value: "anonim" } });
    expect(stale[0]?.text).toMatch(/pertanyaan sebelumnya/);
    expect(stale[0]?.text).toMatch(/Ceritakan masalahnya/);
    await chat.say("Mohon dibangun taman bermain untuk anak-anak, karena belum ada taman sama sekali");
    // An aspiration is asked for its place (optional), never for an incident date.
    const place = chat.lastText();
    expect(place).toMatch(/lewati/);
    const wrong = await chat.say("7");
    expect(wrong[0]?.text).toMatch(/belum kami temukan/);
    const summary = await chat.say("ga ada pak");
    expect(summary[0]?.questionId).toBe("summary");
    expect(summary[0]?.text).toMatch(/Jenis: Aspirasi/);
    expect(summary[0]?.text).not.toMatch(/Tanggal kejadian/);
    expect((await chat.say("ubah"))[0]?.questionId).toBe("editPick");
    expect((await chat.say("jenis"))[0]?.questionId).toBe("type");
    expect((await chat.say("dua"))[0]?.questionId).toBe("summary");
  });

  it("answers the menu's Cek status, typed or pressed, with the citizen's own complaints", async () => {
    const { chat, replies } = await fileOne("warga-7");
    const code = TRACKING_CODE.exec(replies[0]?.text ?? "")?.[0] ?? "";
    await chat.say("/start");
    expect((await chat.say("2"))[0]?.text).toContain(code);
    await chat.say("/start");
    expect((await chat.press("Cek status"))[0]?.text).toContain(code);
  });

  it("never shows another person's complaint in /status", async () => {
    const { replies } = await fileOne("warga-6", "Anonim");
    const code = TRACKING_CODE.exec(replies[0]?.text ?? "")?.[0] ?? "";
    const stranger = chatDriver(app.handler, { userId: "tetangga" });
    const answer = await stranger.say(`/status ${code.toLowerCase()}`);
    expect(answer[0]?.text).toMatch(/tidak ditemukan/i);
    expect(answer[0]?.text).not.toContain(DESCRIPTION.slice(0, 20));
    const owner = chatDriver(app.handler, { userId: "warga-6" });
    const mine = await owner.say(`/status ${code.toLowerCase()}`);
    expect(mine[0]?.text).toContain(code);
  });
});
