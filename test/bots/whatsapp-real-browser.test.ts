// The real whatsapp-web.js Client in the real system Chromium, started through startWhatsApp, against
// the stub WhatsApp Web page (test/support/whatsapp-web-stub) served from the web-version cache under
// DATA_DIR. Chromium resolves no host names here, so nothing reaches the internet.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningChannel } from "../../bots/channel.js";
import { startWhatsApp, type WhatsAppOptions } from "../../bots/whatsapp-adapter.js";
import { qrImagePath } from "../../bots/whatsapp-login.js";
import { killProcessesMentioning, processesMentioning } from "../support/browser-processes.js";
import { installWhatsAppWebStub, OFFLINE_CHROMIUM_ARGS } from "../support/whatsapp-web-stub/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface LogLine {
  level: number;
  msg: string;
  delayMs?: number;
  retryAt?: string;
  reason?: string;
  err?: { message?: string };
}

let dir: string;
let dataDir: string;
let running: RunningChannel | undefined;
let lines: LogLine[];
let terminal: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "wa-browser-"));
  dataDir = path.join(dir, "data");
  lines = [];
  terminal = [];
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  killProcessesMentioning(dir);
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Partial<WhatsAppOptions> = {}): Promise<RunningChannel> {
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  running = await startWhatsApp({
    dataDir,
    chromiumPath: CHROMIUM,
    extraChromiumArgs: OFFLINE_CHROMIUM_ARGS,
    handler: { handle: async () => [] },
    logger,
    sendDelayMs: 0,
    terminal: { write: (text) => terminal.push(text) },
    ...extra,
  });
  return running;
}

const browsersOfThisTest = () => processesMentioning(dataDir);

/** The browser's helper processes exit a moment after the browser itself; a leaked one never does. */
const noBrowserLeft = () => vi.waitFor(() => expect(browsersOfThisTest()).toEqual([]), { timeout: 10_000, interval: 100 });

describe("WhatsApp Web in a real Chromium (stub page, offline)", () => {
  it("prints the QR code, writes DATA_DIR/whatsapp-qr.png, and stop() leaves no browser behind", async () => {
    installWhatsAppWebStub(dataDir);
    const channel = await start();
    await vi.waitFor(() => expect(terminal.join("")).toContain("Perangkat tertaut"), { timeout: 30_000, interval: 100 });
    expect(terminal.join("")).toMatch(/[▀▄█]/);
    expect(readFileSync(qrImagePath(dataDir)).subarray(1, 4).toString()).toBe("PNG");
    // The library read its page from the cache under DATA_DIR, not from ./.wwebjs_cache.
    expect(existsSync(path.join(process.cwd(), ".wwebjs_cache"))).toBe(false);
    expect(browsersOfThisTest().length).toBeGreaterThan(0);
    await channel.stop();
    running = undefined;
    await noBrowserLeft();
  }, 60_000);

  it("shows the pairing code; a rejected pairing request is logged and asked again with backoff", async () => {
    installWhatsAppWebStub(dataDir, { rejectPairing: 2 });
    await start({ pairingNumber: "6281234567890", pairingRetryDelaysMs: [300, 600] });
    await vi.waitFor(() => expect(terminal.join("")).toContain("Kode penautan WhatsApp: STUB1003"), {
      timeout: 30_000,
      interval: 100,
    });
    const rejections = lines.filter((line) => line.msg.includes("rejected the pairing-code request"));
    expect(rejections.map((line) => line.delayMs)).toEqual([300, 600]);
    expect(rejections[0]?.err?.message).toMatch(/rate-overlimit/);
    // Pairing mode: a code, never a QR image.
    expect(existsSync(qrImagePath(dataDir))).toBe(false);
    await running?.stop();
    running = undefined;
    await noBrowserLeft();
  }, 60_000);

  it("says in one line that WhatsApp Web cannot be reached and when it retries, and backs off", async () => {
    // No stub in the cache: the library goes to https://web.whatsapp.com/, which does not resolve.
    const channel = await start({ reconnectDelaysMs: [200, 1_000] });
    await vi.waitFor(
      () => expect(lines.filter((line) => line.msg.includes("cannot be reached")).length).toBeGreaterThanOrEqual(2),
      { timeout: 40_000, interval: 100 },
    );
    const unreachable = lines.filter((line) => line.msg.includes("cannot be reached"));
    expect(unreachable[0]).toMatchObject({ level: 50, reason: expect.stringMatching(/^net::ERR_/), delayMs: 200 });
    expect(unreachable[0]?.msg).toMatch(/starting a new client in 0.2 s/);
    expect(unreachable[1]?.delayMs).toBe(1_000);
    expect(Date.parse(unreachable[1]?.retryAt ?? "")).toBeGreaterThan(Date.now() - 5_000);
    expect(await channel.sender.send("6281234567890", { text: "x" })).toMatchObject({ ok: false, permanent: false });
    await channel.stop();
    running = undefined;
    await noBrowserLeft();
  }, 60_000);
});
