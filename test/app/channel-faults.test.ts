// `npm start` (app/main.ts) as a child process with Telegram (against the local Bot API emulator) and
// WhatsApp (the real whatsapp-web.js in the real Chromium, on the stub WhatsApp Web page). The stub
// reloads into a broken page, so the library's own fire-and-forget `framenavigated` listener rejects
// with nobody to catch it: the process must log it, restart only the WhatsApp channel, keep answering
// Telegram citizens, and leave no Chromium behind on SIGTERM.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { killProcessesMentioning, processesMentioning } from "../support/browser-processes.js";
import { ROOT } from "../support/chat-process.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { installWhatsAppWebStub, OFFLINE_CHROMIUM_ARGS } from "../support/whatsapp-web-stub/index.js";

const ANI: TgUser = { id: 5501, first_name: "Ani" };
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

let dir: string;
let database: TestDatabase;
let emulator: BotApiEmulator;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "channel-faults-"));
  database = await createTestDatabase("faults");
  emulator = await BotApiEmulator.start();
});
afterEach(async () => {
  killProcessesMentioning(dir);
  await emulator.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface LogLine {
  msg: string;
  origin?: string;
  reason?: string;
  retryAt?: string;
  err?: { message?: string };
}

/** `npm start` with Telegram on the emulator and WhatsApp on the offline Chromium. */
function startMain(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(TSX, ["app/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      WHATSAPP_ENABLED: "true",
      CHROMIUM_EXTRA_ARGS: OFFLINE_CHROMIUM_ARGS.join(" "),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => void (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => void (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const logs = () =>
    output.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);
  /** Runs the checks; on failure the child is killed and its output is part of the error. */
  const run = async (checks: () => Promise<void>) => {
    try {
      await checks();
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${String(error)}\n--- stdout\n${output.stdout.slice(-2000)}\n--- stderr\n${output.stderr.slice(-12000)}`);
    }
  };
  /** SIGTERM, then no Chromium of this data folder may remain (helper processes exit a moment after the browser). */
  const terminate = async () => {
    child.kill("SIGTERM");
    await exited;
    await vi.waitFor(() => expect(processesMentioning(dataDir)).toEqual([]), { timeout: 10_000, interval: 100 });
  };
  return { child, output, logs, run, terminate };
}

const wait = { timeout: 60_000, interval: 200 };

it("a fault thrown asynchronously inside the WhatsApp library restarts WhatsApp only; SIGTERM leaves no Chromium", async () => {
  const dataDir = path.join(dir, "data");
  installWhatsAppWebStub(dataDir, { faultAfterQrMs: 1_500 });
  const main = startMain(dataDir);
  const { child, output, logs } = main;
  await main.run(async () => {
    await vi.waitFor(() => {
      if (child.exitCode !== null) throw new Error("exited");
      expect(output.stdout).toContain("Perangkat tertaut");
    }, wait);
    // The stub page breaks; the library's unawaited re-injection rejects.
    await vi.waitFor(() => expect(logs().some((line) => line.msg.includes("channel whatsapp restarted"))).toBe(true), wait);
    const fault = logs().find((line) => line.origin === "unhandledRejection");
    expect(fault?.err?.message).toMatch(/stub: module .* is not loaded/);
    expect(logs().find((line) => line.msg.includes("channel whatsapp failed"))).toBeDefined();
    expect(logs().some((line) => line.msg.includes("channel telegram failed"))).toBe(false);
    // WhatsApp came back (a new browser shows a new QR code) and Telegram answers all along.
    await vi.waitFor(() => expect(output.stdout.split("Perangkat tertaut").length).toBeGreaterThanOrEqual(3), wait);
    emulator.text(ANI, "/start");
    const replies = await emulator.waitForSent(ANI.id, 1, 30_000);
    expect(replies[0]?.text).toBeTruthy();
    expect(child.exitCode).toBeNull();
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    await main.terminate();
  });
}, 120_000);

it("with WhatsApp Web out of reach, says so in one line with the retry time and keeps serving Telegram", async () => {
  const dataDir = path.join(dir, "data");
  // No stub in the cache: the library asks the (closed) proxy for https://web.whatsapp.com/.
  const main = startMain(dataDir, { WHATSAPP_PAIRING_NUMBER: "6281234567890" });
  const { child, logs } = main;
  await main.run(async () => {
    await vi.waitFor(() => {
      if (child.exitCode !== null) throw new Error("exited");
      expect(logs().some((line) => line.msg.includes("cannot be reached"))).toBe(true);
    }, wait);
    const line = logs().find((entry) => entry.msg.includes("cannot be reached"));
    expect(line?.reason).toMatch(/^net::ERR_/);
    expect(line?.msg).toMatch(/starting a new client in 2 s/);
    expect(Number.isNaN(Date.parse(line?.retryAt ?? ""))).toBe(false);
    emulator.text(ANI, "/start");
    const replies = await emulator.waitForSent(ANI.id, 1, 30_000);
    expect(replies[0]?.text).toBeTruthy();
    expect(child.exitCode).toBeNull();
    await main.terminate();
  });
}, 120_000);
