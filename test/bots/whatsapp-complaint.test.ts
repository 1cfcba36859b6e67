// The WhatsApp channel on the real application (temporary SQLite file): a citizen files a complaint
// from WhatsApp, driven by reading the numbered options the bot sends, as a person would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningChannel } from "../../bots/channel.js";
import { APOLOGY_TEXT, startWhatsApp, type WhatsAppOptions } from "../../bots/whatsapp-adapter.js";
import { LOCATION_HELP } from "../../bots/whatsapp-render.js";
import { enqueueMessages } from "../../complaints/outbox.js";
import { findTrackingCode } from "../../complaints/tracking-code.js";
import { COORDINATOR_CODE } from "../../nlp/classification.js";
import {
  fakeClientFactory,
  imageMessage,
  jpegMedia,
  locationMessage,
  mediaMessage,
  textMessage,
  type FakeWhatsAppClient,
} from "../support/fake-whatsapp-client.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const CITIZEN = "118112233445566@lid";
const CITIZEN_PHONE = "6281234567890";
const COORDINATOR_CHAT = "6285700000001@c.us";
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const DESCRIPTION = "jln di dpn SDN 3 Sukajadi berlubang besar sejak 2 minggu, sdh ada motor jatuh, mohon segera diperbaiki";

let now = new Date("2026-11-16T03:00:00Z");
let app: TestApp;
let channel: RunningChannel | undefined;
let dataDir: string;

beforeEach(async () => {
  now = new Date("2026-11-16T03:00:00Z");
  app = await createTestApp({ clock: () => now });
  dataDir = mkdtempSync(path.join(tmpdir(), "wa-complaint-"));
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startChannel(factory: ReturnType<typeof fakeClientFactory>, extra: Partial<WhatsAppOptions> = {}) {
  channel = await startWhatsApp({
    dataDir,
    chromiumPath: process.execPath,
    handler: app.handler,
    logger: pino({ level: "silent" }),
    createClient: (context) => factory.createClient(context),
    reconnectDelaysMs: [0],
    sendDelayMs: 0,
    terminal: { write: () => undefined },
    ...extra,
  });
  app.attachSender(channel.sender);
  await vi.waitFor(() => expect(factory.latest().loggedIn).toBe(true));
  return channel;
}

/** The numbered options of a rendered question: "2. Aspirasi (saran/usulan)" -> [2, "Aspirasi ..."]. */
function optionsOf(text: string): Map<string, number> {
  const options = new Map<string, number>();
  const block = text.split(/\n\n/).find((part) => /^1\. /.test(part) && /\n\d+\. /.test(part + "\n2. ")) ?? "";
  for (const line of block.split("\n")) {
    const match = /^(\d+)\. (.+)$/.exec(line);
    if (match?.[1] && match[2]) options.set(match[2], Number(match[1]));
  }
  return options;
}

function numberFor(options: Map<string, number>, label: RegExp): string | undefined {
  for (const [text, number] of options) if (label.test(text)) return String(number);
  return undefined;
}

/** Sends a message and waits until the bot has answered it; returns the new replies. */
async function say(client: FakeWhatsAppClient, message: ReturnType<typeof textMessage>): Promise<string[]> {
  const before = client.textsTo(CITIZEN).length;
  const handledBefore = await app.prisma.processedMessage.count();
  client.receive(message);
  await vi.waitFor(async () => expect(await app.prisma.processedMessage.count()).toBeGreaterThan(handledBefore));
  await vi.waitFor(() => expect(client.textsTo(CITIZEN).length).toBeGreaterThan(before));
  return client.textsTo(CITIZEN).slice(before);
}

describe("a citizen files a complaint over WhatsApp", () => {
  it("answers every question by number, shares a pin and a photo, and gets a tracking code", async () => {
    await app.prisma.staff.create({
      data: { identity: `whatsapp:${COORDINATOR_CHAT}`, agencyCode: COORDINATOR_CODE, name: "Koordinator" },
    });
    const factory = fakeClientFactory({ lidToPhone: { [CITIZEN]: `${CITIZEN_PHONE}@c.us` } });
    await startChannel(factory);
    const client = factory.latest();

    const siti = { notifyName: "Siti" };
    let replies = await say(client, textMessage(CITIZEN, "halo", siti));
    let photoSent = false;
    let pinSent = false;
    let trackingCode: string | null = null;
    for (let step = 0; step < 20 && !trackingCode; step += 1) {
      const last = replies[replies.length - 1] ?? "";
      const options = optionsOf(last);
      let next: ReturnType<typeof textMessage>;
      const atSummary = numberFor(options, /^Kirim$/) !== undefined;
      if (last.includes(LOCATION_HELP)) {
        pinSent = true;
        next = locationMessage(CITIZEN, -6.9175, 107.6191, siti);
      } else if (atSummary && !photoSent) {
        // The story already named the place: a photo is sent at the summary, the pin through Ubah.
        photoSent = true;
        next = imageMessage(CITIZEN, jpegMedia(PHOTO), { body: "ini fotonya", ...siti });
      } else if (atSummary && !pinSent) {
        next = textMessage(CITIZEN, numberFor(options, /^Ubah$/) as string, siti);
      } else if (numberFor(options, /^Lokasi$/) && !pinSent) {
        next = textMessage(CITIZEN, "lokasi", siti);
      } else if (options.size > 0) {
        const preferences = [
          /^Buat laporan/,
          /^Pengaduan/,
          /^Benar$/,
          /Pekerjaan Umum/,
          /^Lanjut$/,
          /^Lewati/,
          /^Biasa$/,
          /^Kirim$/,
          /^Tidak tahu/,
        ];
        const choice = preferences.map((label) => numberFor(options, label)).find(Boolean);
        if (!choice) throw new Error(`no known option in: ${last}`);
        next = textMessage(CITIZEN, choice, siti);
      } else {
        next = textMessage(CITIZEN, DESCRIPTION, siti);
      }
      replies = await say(client, next);
      trackingCode = replies.map((reply) => findTrackingCode(reply)).find(Boolean) ?? null;
    }
    expect(trackingCode).not.toBeNull();
    expect(photoSent).toBe(true);
    expect(replies.join("\n")).not.toContain(APOLOGY_TEXT);

    const complaint = await app.prisma.complaint.findUniqueOrThrow({
      where: { trackingCode: trackingCode ?? "" },
      include: { citizen: true, attachments: true },
    });
    expect(complaint).toMatchObject({ channel: "whatsapp", chatId: CITIZEN, reportType: "pengaduan" });
    expect(complaint.description).toContain("berlubang");
    expect([complaint.latitude, complaint.longitude]).toEqual([-6.9175, 107.6191]);
    expect(complaint.attachments.map((attachment) => Buffer.from(attachment.data))).toEqual([PHOTO]);
    expect(complaint.citizen).toMatchObject({
      channel: "whatsapp",
      userId: CITIZEN,
      chatId: CITIZEN,
      phone: CITIZEN_PHONE,
      displayName: "Siti",
    });

    // The coordinator registered on WhatsApp hears of it through the outbox and the same client.
    await vi.waitFor(() => expect(client.textsTo(COORDINATOR_CHAT).join("\n")).toContain(trackingCode));
    expect(client.textsTo(COORDINATOR_CHAT).join("\n")).not.toContain(CITIZEN_PHONE);
  });

  it("starts a complaint when a greeting is answered with the menu's number for a new report", async () => {
    const factory = fakeClientFactory();
    await startChannel(factory);
    const client = factory.latest();
    const [menu = ""] = await say(client, textMessage(CITIZEN, "halo"));
    const report = numberFor(optionsOf(menu), /laporan/i);
    expect(report).toBeDefined();
    const [next = ""] = await say(client, textMessage(CITIZEN, report ?? ""));
    // The form's first question is a different question from the menu the citizen just answered.
    expect(optionsOf(next)).not.toEqual(optionsOf(menu));
    expect(next).not.toBe(menu);
  });

  it("declines a voice note politely and ignores status updates, groups and its own messages", async () => {
    const factory = fakeClientFactory();
    await startChannel(factory);
    const client = factory.latest();
    const [answer] = await say(client, mediaMessage(CITIZEN, "ptt", "audio/ogg; codecs=opus"));
    expect(answer).toBeTruthy();
    expect(answer).not.toBe(APOLOGY_TEXT);
    const handled = await app.prisma.processedMessage.count();
    client.receive(textMessage("status@broadcast", "lapor jalan rusak", { author: CITIZEN }));
    client.receive(textMessage("120363099999999999@g.us", "lapor jalan rusak", { author: CITIZEN }));
    client.receive(textMessage(CITIZEN, "lapor jalan rusak", { fromMe: true }));
    await channel?.stop();
    channel = undefined;
    expect(await app.prisma.processedMessage.count()).toBe(handled);
    expect(client.sent).toHaveLength(1);
  });
});

describe("outbox deliveries across a WhatsApp reconnect", () => {
  it("retries while disconnected and delivers through the new client", async () => {
    const factory = fakeClientFactory((index) => ({ login: index === 0 ? "ready" : "none" }));
    await startChannel(factory);
    const first = factory.latest();
    first.emit("disconnected", "NAVIGATION" as never);
    await vi.waitFor(() => expect(factory.clients).toHaveLength(2));

    await enqueueMessages(
      app.prisma,
      [{ channel: "whatsapp", chatId: CITIZEN, message: { text: "Laporan Anda sedang diproses." } }],
      now,
    );
    expect(await app.dispatchOutbox()).toBe(0);
    const pending = await app.prisma.outboxMessage.findFirstOrThrow();
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(pending.lastError).toContain("disconnected");

    const second = factory.latest();
    second.emit("ready");
    now = new Date(now.getTime() + 15 * 60_000);
    expect(await app.dispatchOutbox()).toBe(1);
    expect(second.textsTo(CITIZEN)).toEqual(["Laporan Anda sedang diproses."]);
    expect(first.sent).toEqual([]);
  });
});

describe("sends WhatsApp did not accept are never marked SENT", () => {
  async function enqueue(chatId: string, text: string) {
    await app.prisma.$transaction((tx) => enqueueMessages(tx, [{ channel: "whatsapp", chatId, message: { text } }], now));
  }
  const rows = () => app.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });

  it("a send the library answers with undefined stays pending and is retried", async () => {
    const factory = fakeClientFactory({ unresolvableChats: [CITIZEN] });
    await startChannel(factory);
    await enqueue(CITIZEN, "Laporan Anda sedang diproses.");
    expect(await app.dispatchOutbox()).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(row?.lastError).toMatch(/did not accept/);
  });

  it("a bare number is resolved with getNumberId; one that is not on WhatsApp fails for good", async () => {
    const factory = fakeClientFactory({ notOnWhatsApp: ["6289999999999"] });
    await startChannel(factory);
    await enqueue("+6281234567890", "Laporan diteruskan.");
    await enqueue("6289999999999", "Laporan diteruskan.");
    expect(await app.dispatchOutbox()).toBe(1);
    const [known, unknown] = await rows();
    expect(known?.status).toBe("SENT");
    expect(factory.latest().textsTo(`${CITIZEN_PHONE}@c.us`)).toEqual(["Laporan diteruskan."]);
    expect(unknown).toMatchObject({ status: "FAILED", sentAt: null });
    expect(unknown?.lastError).toMatch(/not on WhatsApp/);
  });

  it("a stuck send is given up after the send timeout and delivered by a later outbox attempt", async () => {
    const factory = fakeClientFactory();
    await startChannel(factory, { sendTimeoutMs: 100 });
    const client = factory.latest();
    client.sendsHang = true;
    await enqueue(CITIZEN, "Status: diproses");
    const started = Date.now();
    expect(await app.dispatchOutbox()).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row?.lastError).toMatch(/no answer from the browser/);
    client.sendsHang = false;
    now = new Date(now.getTime() + 15 * 60_000);
    expect(await app.dispatchOutbox()).toBe(1);
    expect(client.textsTo(CITIZEN)).toEqual(["Status: diproses"]);
  });

  it("a reply that times out goes to the outbox instead of being lost", async () => {
    const factory = fakeClientFactory();
    await startChannel(factory, {
      sendTimeoutMs: 100,
      onUndelivered: (chatId, message) => app.app.deferReply("whatsapp", chatId, message),
    });
    const client = factory.latest();
    client.sendsHang = true;
    client.receive(textMessage(CITIZEN, "halo"));
    // Queued, and the outbox's own first try (nudged at once) also ran into the stuck browser.
    await vi.waitFor(async () => expect((await rows()).map((row) => row.attempts)).toEqual([1]));
    client.sendsHang = false;
    now = new Date(now.getTime() + 15 * 60_000);
    await app.dispatchOutbox();
    const replies = client.textsTo(CITIZEN);
    expect(replies.length).toBeGreaterThan(0);
    expect((await rows()).every((row) => row.status === "SENT")).toBe(true);
  });
});
