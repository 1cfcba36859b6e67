import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import wwebjs from "whatsapp-web.js";
import type { InboundMessage, MessageHandler, OutboundMessage, RunningChannel } from "../../bots/channel.js";
import { APOLOGY_TEXT, startWhatsApp, WhatsAppSetupError, type WhatsAppOptions } from "../../bots/whatsapp-adapter.js";
import { qrImagePath } from "../../bots/whatsapp-login.js";
import { CALL_REJECTED_TEXT } from "../../bots/channel-notices.js";
import { completeInbound } from "../../dialogs/inbound-message.js";
import { NOTICES } from "../../dialogs/complaint-copy.js";
import { recordingHandler as recordAsGiven } from "../support/recording-handler.js";
import { createTestApp } from "../support/test-app.js";
import {
  fakeClientFactory,
  imageMessage,
  jpegMedia,
  locationMessage,
  mediaMessage,
  textMessage,
  type FakeClientOptions,
} from "../support/fake-whatsapp-client.js";

const CITIZEN = "6281234567890@c.us";
const OTHER = "6285700000001@c.us";
const LID = "118112233445566@lid";
const STAFF_GROUP = "120363025555555555@g.us";

function logCapture() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines, errors: () => lines.filter((line) => line.level >= 50).map((line) => line.msg) };
}

/** Records each message completed first, as the runner does in the chat's turn (phone lookup, photo download). */
function recordingHandler(reply?: (message: InboundMessage) => OutboundMessage[]) {
  const recorder = recordAsGiven(reply);
  const handler: MessageHandler = { handle: async (message) => recorder.handler.handle(await completeInbound(message)) };
  return { handler, received: recorder.received };
}

let dataDir: string;
let running: RunningChannel | undefined;
let terminal: string[];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "wa-adapter-"));
  terminal = [];
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(
  handler: MessageHandler,
  clientOptions: FakeClientOptions | ((index: number) => FakeClientOptions) = {},
  extra: Partial<WhatsAppOptions> = {},
) {
  const factory = fakeClientFactory(clientOptions);
  running = await startWhatsApp({
    dataDir,
    chromiumPath: process.execPath,
    handler,
    logger: pino({ level: "silent" }),
    createClient: (context) => factory.createClient(context),
    reconnectDelaysMs: [0],
    sendDelayMs: 0,
    terminal: { write: (text) => terminal.push(text) },
    ...extra,
  });
  const channel = running;
  const loginExpected = typeof clientOptions === "function" ? clientOptions(0).login : clientOptions.login;
  if (loginExpected === undefined || loginExpected === "ready") {
    await vi.waitFor(() => expect(factory.latest().loggedIn).toBe(true));
  }
  return { factory, channel };
}

describe("startWhatsApp: messages in, replies out", () => {
  it("hands a text to the handler and sends the options back as a numbered list", async () => {
    const { handler, received } = recordingHandler(() => [
      {
        text: "Apa jenis laporan Anda?",
        options: [
          { value: "a", label: "Pengaduan" },
          { value: "b", label: "Aspirasi" },
        ],
      },
      { text: "Atau ketik batal." },
    ]);
    const { factory } = await start(handler);
    const message = textMessage(CITIZEN, "mau lapor jalan rusak");
    factory.latest().receive(message);
    await vi.waitFor(() => expect(factory.latest().textsTo(CITIZEN)).toHaveLength(2));
    expect(received).toEqual([
      {
        channel: "whatsapp",
        chatId: CITIZEN,
        userId: CITIZEN,
        messageId: message.id._serialized,
        phone: "6281234567890",
        text: "mau lapor jalan rusak",
      },
    ]);
    expect(factory.latest().textsTo(CITIZEN)).toEqual([
      "Apa jenis laporan Anda?\n\n1. Pengaduan\n2. Aspirasi\n\nBalas 1 atau 2.",
      "Atau ketik batal.",
    ]);
  });

  it("passes a location pin, a photo and declined media kinds to the handler", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler);
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 9, 9]);
    factory.latest().receive(locationMessage(CITIZEN, -7.2575, 112.7521));
    factory.latest().receive(imageMessage(CITIZEN, jpegMedia(bytes)));
    factory.latest().receive(mediaMessage(CITIZEN, "ptt", "audio/ogg; codecs=opus"));
    factory.latest().receive(mediaMessage(CITIZEN, "sticker", "image/webp"));
    await vi.waitFor(() => expect(received).toHaveLength(4));
    // This handler keeps no order (the runner does): each message is looked up by what it carries.
    expect(received.find((message) => message.location)?.location).toEqual({ latitude: -7.2575, longitude: 112.7521 });
    expect(received.find((message) => message.photo)?.photo).toMatchObject({ ok: true, data: bytes, mimeType: "image/jpeg" });
    expect(
      received
        .map((message) => message.unsupported)
        .filter(Boolean)
        .sort(),
    ).toEqual(["sticker", "voice"]);
  });

  it("ignores status updates, groups and its own messages", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler);
    const client = factory.latest();
    client.receive(textMessage("status@broadcast", "story hari ini", { author: CITIZEN }));
    client.receive(textMessage("120363099999999999@g.us", "halo grup", { author: CITIZEN }));
    client.receive(textMessage(CITIZEN, "pesan dari bot", { fromMe: true }));
    client.receive(textMessage(OTHER, "halo"));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.chatId).toBe(OTHER);
    await running?.stop();
    expect(received).toHaveLength(1);
    expect(client.sent.map((sent) => sent.chatId)).toEqual([OTHER]);
  });

  it("answers in the configured staff group with the author as the sender", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler, {}, { staffGroupId: "120363025555555555" });
    factory.latest().receive(textMessage(STAFF_GROUP, "/antrian", { author: CITIZEN }));
    await vi.waitFor(() => expect(factory.latest().sent).toHaveLength(1));
    expect(received[0]).toMatchObject({ chatId: STAFF_GROUP, userId: CITIZEN, text: "/antrian" });
    expect(factory.latest().sent[0]?.chatId).toBe(STAFF_GROUP);
  });

  it("keys an @lid sender by its id and adds the phone number the client resolves", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler, { lidToPhone: { [LID]: "6289876543210@c.us" } });
    factory.latest().receive(textMessage(LID, "halo"));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ chatId: LID, userId: LID, phone: "6289876543210" });
    expect(factory.latest().sent[0]?.chatId).toBe(LID);
  });

  it("still answers an @lid sender when the phone lookup throws", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler, { lidLookupFails: true });
    factory.latest().receive(textMessage(LID, "halo"));
    await vi.waitFor(() => expect(factory.latest().sent).toHaveLength(1));
    expect(received[0]).toMatchObject({ userId: LID });
    expect(received[0]?.phone).toBeUndefined();
  });

  it("apologises when handling fails and keeps serving the chat", async () => {
    let calls = 0;
    const handler: MessageHandler = {
      async handle() {
        calls += 1;
        if (calls === 1) throw new Error("database is locked");
        return [{ text: "Baik." }];
      },
    };
    const { factory } = await start(handler);
    factory.latest().receive(textMessage(CITIZEN, "satu"));
    factory.latest().receive(textMessage(CITIZEN, "dua"));
    await vi.waitFor(() => expect(factory.latest().textsTo(CITIZEN)).toEqual([APOLOGY_TEXT, "Baik."]));
    expect(APOLOGY_TEXT).toMatch(/^Maaf/);
    expect(APOLOGY_TEXT).toMatch(/coba lagi/);
  });

  it("keeps one chat's messages in order through the runner, a slow photo download included, while other chats go on", async () => {
    const test = await createTestApp();
    let release!: (media: ReturnType<typeof jpegMedia>) => void;
    const slowMedia = new Promise<ReturnType<typeof jpegMedia>>((resolve) => (release = resolve));
    try {
      const { factory } = await start(test.handler);
      const client = factory.latest();
      client.receive(imageMessage(CITIZEN, slowMedia));
      client.receive(textMessage(CITIZEN, "/lapor"));
      client.receive(textMessage(OTHER, "halo"));
      await vi.waitFor(() => expect(client.textsTo(OTHER)).toHaveLength(1));
      // Time enough for /lapor to overtake the photo, were it handled outside the chat's turn.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(client.textsTo(CITIZEN)).toEqual([]);
      release(jpegMedia(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 1])));
      await vi.waitFor(() => expect(client.textsTo(CITIZEN)).toHaveLength(2));
      // The photo's step came first (it starts the report and is kept), then /lapor found the form open.
      const [first, second] = client.textsTo(CITIZEN);
      expect(first?.startsWith(NOTICES.photoStartsReport)).toBe(true);
      expect(second).toMatch(/sedang membuat laporan/);
      expect(await test.prisma.attachment.count()).toBe(1);
    } finally {
      release(jpegMedia(Buffer.from([1])));
      await running?.stop();
      running = undefined;
      await test.close();
    }
  });

  it("sends photos and documents as the library's MessageMedia", async () => {
    const photo = { data: Buffer.from("jpeg-bytes"), fileName: "bukti.jpg", mimeType: "image/jpeg" };
    const report = { data: Buffer.from("a,b\n1,2\n"), fileName: "rekap.csv", mimeType: "text/csv" };
    const { handler } = recordingHandler(() => [{ text: "Foto bukti", photo, documents: [report] }]);
    const { factory } = await start(handler);
    factory.latest().receive(textMessage(CITIZEN, "lihat"));
    await vi.waitFor(() => expect(factory.latest().sent).toHaveLength(2));
    const [first, second] = factory.latest().sent;
    expect(first?.media).toBeInstanceOf(wwebjs.MessageMedia);
    expect(first?.media).toMatchObject({
      mimetype: "image/jpeg",
      filename: "bukti.jpg",
      data: photo.data.toString("base64"),
    });
    expect(first?.options).toEqual({ caption: "Foto bukti" });
    expect(second?.media).toMatchObject({ mimetype: "text/csv", filename: "rekap.csv" });
    expect(second?.options).toEqual({ sendMediaAsDocument: true });
  });
});

describe("startWhatsApp: connection", () => {
  it("refuses to start without Chromium, with a one-line message saying what to do", async () => {
    const factory = fakeClientFactory();
    const attempt = startWhatsApp({
      dataDir,
      chromiumPath: path.join(dataDir, "no-such-chromium"),
      handler: recordingHandler().handler,
      logger: pino({ level: "silent" }),
      createClient: (context) => factory.createClient(context),
    });
    let error: unknown;
    try {
      await attempt;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WhatsAppSetupError);
    const message = (error as Error).message;
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("CHROMIUM_PATH");
    expect(message).toContain(path.join(dataDir, "no-such-chromium"));
    expect(message).not.toContain("\n");
    expect(factory.clients).toHaveLength(0);
  });

  it("replaces a disconnected client with a new one; the outbox sender waits for it", async () => {
    const { handler, received } = recordingHandler();
    const { factory, channel } = await start(handler, (index) => ({ login: index === 0 ? "ready" : "none" }));
    await vi.waitFor(async () => expect(await channel.sender.send(CITIZEN, { text: "Status: diproses" })).toEqual({ ok: true }));
    const first = factory.latest();
    first.emit("disconnected", "CONFLICT" as never);
    await vi.waitFor(() => expect(factory.clients).toHaveLength(2));
    expect(first.destroyed).toBe(true);
    expect(await channel.sender.send(CITIZEN, { text: "Status: selesai" })).toEqual({
      ok: false,
      permanent: false,
      error: "disconnected",
    });
    const second = factory.latest();
    expect(second.initialized).toBe(true);
    second.emit("ready");
    expect(await channel.sender.send(CITIZEN, { text: "Status: selesai" })).toEqual({ ok: true });
    expect(second.textsTo(CITIZEN)).toEqual(["Status: selesai"]);
    // Events of the old client no longer count.
    first.receive(textMessage(CITIZEN, "dari klien lama"));
    second.receive(textMessage(CITIZEN, "dari klien baru"));
    await vi.waitFor(() => expect(received.map((message) => message.text)).toEqual(["dari klien baru"]));
  });

  it("waits longer after each failed start, and starts again when the browser fails to launch", async () => {
    const { handler } = recordingHandler();
    const factory = fakeClientFactory((index) =>
      index < 2 ? { initializeFails: new Error("Failed to launch the browser process!") } : {},
    );
    const { logger, lines } = logCapture();
    running = await startWhatsApp({
      dataDir,
      chromiumPath: process.execPath,
      handler,
      logger,
      createClient: (context) => factory.createClient(context),
      reconnectDelaysMs: [1, 5],
      sendDelayMs: 0,
      terminal: { write: () => undefined },
    });
    const channel = running;
    await vi.waitFor(async () => expect(await channel.sender.send(CITIZEN, { text: "halo" })).toEqual({ ok: true }));
    expect(factory.clients).toHaveLength(3);
    const delays = lines.filter((line) => line.msg.includes("starting a new client in")) as unknown as {
      delayMs: number;
      retryAt: string;
      msg: string;
    }[];
    expect(delays.map((line) => line.delayMs)).toEqual([1, 5]);
    // One line says what failed and when the next attempt starts.
    expect(delays[0]?.msg).toMatch(/failed to start/);
    expect(Number.isNaN(Date.parse(delays[0]?.retryAt ?? ""))).toBe(false);
  });

  it("shows the QR code in the terminal and as a PNG, and removes the PNG once logged in", async () => {
    const { handler } = recordingHandler();
    const { factory } = await start(handler, { login: "qr" });
    await vi.waitFor(() => expect(existsSync(qrImagePath(dataDir))).toBe(true));
    await vi.waitFor(() => expect(terminal.join("")).toContain("Perangkat tertaut"));
    expect(readFileSync(qrImagePath(dataDir)).subarray(1, 4).toString()).toBe("PNG");
    expect(terminal.join("")).toMatch(/[▀▄█]/);
    factory.latest().emit("ready");
    await vi.waitFor(() => expect(existsSync(qrImagePath(dataDir))).toBe(false));
  });

  it("logs in with a pairing code when a number is configured", async () => {
    const { handler } = recordingHandler();
    const { factory } = await start(handler, { login: "qr" }, { pairingNumber: "6281234567890" });
    expect(factory.latest().context?.pairingNumber).toBe("6281234567890");
    await vi.waitFor(() => expect(factory.latest().pairingRequests).toEqual(["6281234567890"]));
    expect(terminal.join("")).toContain("ABCD1234");
    expect(existsSync(qrImagePath(dataDir))).toBe(false);
  });

  it("in pairing mode shows the code (never a QR); a rejected request is logged and asked again, without an unhandled rejection", async () => {
    const { handler } = recordingHandler();
    const { logger, lines } = logCapture();
    const { factory } = await start(
      handler,
      { login: "qr", pairingRejections: 2 },
      { pairingNumber: "6281234567890", logger, pairingRetryDelaysMs: [5, 10] },
    );
    await vi.waitFor(() => expect(terminal.join("")).toContain("ABCD1234"));
    expect(factory.latest().pairingRequests).toEqual(["6281234567890", "6281234567890", "6281234567890"]);
    const rejected = lines.filter((line) => line.msg.includes("rejected the pairing-code request")) as unknown as {
      delayMs: number;
    }[];
    expect(rejected.map((line) => line.delayMs)).toEqual([5, 10]);
    expect(existsSync(qrImagePath(dataDir))).toBe(false);
  });

  it("logs loudly when a session that worked needs a new QR scan", async () => {
    const { handler } = recordingHandler();
    const factory = fakeClientFactory((index) => ({ login: index === 0 ? "ready" : "qr" }));
    const { logger, errors } = logCapture();
    running = await startWhatsApp({
      dataDir,
      chromiumPath: process.execPath,
      handler,
      logger,
      createClient: (context) => factory.createClient(context),
      reconnectDelaysMs: [0],
      sendDelayMs: 0,
      terminal: { write: () => undefined },
    });
    const channel = running;
    await vi.waitFor(async () => expect(await channel.sender.send(CITIZEN, { text: "x" })).toEqual({ ok: true }));
    expect(errors()).toEqual([]);
    factory.latest().emit("disconnected", "LOGOUT");
    await vi.waitFor(() => expect(factory.clients).toHaveLength(2));
    await vi.waitFor(() => expect(existsSync(qrImagePath(dataDir))).toBe(true));
    expect(errors().some((message) => message.includes("new QR scan"))).toBe(true);
  });

  it("stops gracefully: finishes the message in hand, then destroys the client", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const handler: MessageHandler = {
      async handle() {
        started = true;
        await gate;
        return [{ text: "Selesai diproses." }];
      },
    };
    const { factory, channel } = await start(handler);
    factory.latest().receive(textMessage(CITIZEN, "halo"));
    await vi.waitFor(() => expect(started).toBe(true));
    const stopping = channel.stop();
    factory.latest().receive(textMessage(OTHER, "terlambat"));
    setTimeout(release, 10);
    await stopping;
    running = undefined;
    expect(factory.latest().textsTo(CITIZEN)).toEqual(["Selesai diproses."]);
    expect(factory.latest().textsTo(OTHER)).toEqual([]);
    expect(factory.latest().destroyed).toBe(true);
  });
});

describe("startWhatsApp: calls", () => {
  it("rejects a call and answers the caller once in text with how to report", async () => {
    const { handler, received } = recordingHandler();
    const { factory } = await start(handler);
    const client = factory.latest();
    client.ring(CITIZEN);
    client.ring(CITIZEN, { isVideo: true });
    client.ring(OTHER);
    await vi.waitFor(() => expect(client.rejectedCalls).toEqual([CITIZEN, CITIZEN, OTHER]));
    await vi.waitFor(() => expect(client.textsTo(OTHER)).toEqual([CALL_REJECTED_TEXT]));
    expect(client.textsTo(CITIZEN)).toEqual([CALL_REJECTED_TEXT]);
    expect(CALL_REJECTED_TEXT).toMatch(/\/lapor/);
    expect(received).toEqual([]);
  });

  it("rejects a group call without writing into the group", async () => {
    const { factory } = await start(recordingHandler().handler);
    const client = factory.latest();
    client.ring("120363099999999999@g.us", { isGroup: true });
    await vi.waitFor(() => expect(client.rejectedCalls).toHaveLength(1));
    await running?.stop();
    running = undefined;
    expect(client.sent).toEqual([]);
  });
});

describe("startWhatsApp: outbox sender", () => {
  it("keeps a pause between two messages to the same chat", async () => {
    const { factory, channel } = await start(recordingHandler().handler, {}, { sendDelayMs: 60 });
    await Promise.all([channel.sender.send(CITIZEN, { text: "pertama" }), channel.sender.send(CITIZEN, { text: "kedua" })]);
    const [first, second] = factory.latest().sent;
    expect([first?.text, second?.text]).toEqual(["pertama", "kedua"]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it("addresses a bare phone number as a WhatsApp chat and tells permanent from passing errors", async () => {
    const { factory, channel } = await start(recordingHandler().handler);
    expect(channel.sender.channel).toBe("whatsapp");
    expect(await channel.sender.send("6281234567890", { text: "Laporan Anda diteruskan." })).toEqual({ ok: true });
    expect(factory.latest().sent.at(-1)?.chatId).toBe(CITIZEN);
    factory.latest().sendFailures.push(new Error("Evaluation failed: Error: wid error: invalid wid"));
    expect(await channel.sender.send("12@c.us", { text: "x" })).toMatchObject({ ok: false, permanent: true });
    factory.latest().sendFailures.push(new Error("Protocol error (Runtime.callFunctionOn): Target closed"));
    expect(await channel.sender.send(CITIZEN, { text: "x" })).toMatchObject({ ok: false, permanent: false });
  });
});
