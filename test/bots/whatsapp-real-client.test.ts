// The real whatsapp-web.js Client and puppeteer launch path, with a stand-in "chromium" that records
// its command line and exits: proves the flags, the session directory and the restart after a failed
// launch without a browser or network.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { RunningChannel } from "../../bots/channel.js";
import { startWhatsApp } from "../../bots/whatsapp-adapter.js";

let dir: string;
let running: RunningChannel | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "wa-real-"));
});
afterEach(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("launches the system browser headless with the server flags and LocalAuth's profile, and retries a failed launch", async () => {
  const fakeChromium = path.join(dir, "chromium");
  const argsLog = path.join(dir, "launches.txt");
  writeFileSync(fakeChromium, `#!/bin/sh\necho "$@" >> "${argsLog}"\necho "cannot open display" >&2\nexit 1\n`);
  chmodSync(fakeChromium, 0o755);
  const lines: { msg: string; err?: { message?: string } }[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const dataDir = path.join(dir, "data");
  running = await startWhatsApp({
    dataDir,
    chromiumPath: fakeChromium,
    handler: { handle: async () => [] },
    logger,
    reconnectDelaysMs: [10],
    sendDelayMs: 0,
    terminal: { write: () => undefined },
  });
  await vi.waitFor(() => expect(readFileSync(argsLog, "utf8").trim().split("\n").length).toBeGreaterThanOrEqual(2), {
    timeout: 15_000,
  });
  const firstLaunch = readFileSync(argsLog, "utf8").split("\n")[0] ?? "";
  expect(firstLaunch).toContain("--no-sandbox");
  expect(firstLaunch).toContain("--disable-dev-shm-usage");
  expect(firstLaunch).toMatch(/--headless/);
  expect(firstLaunch).toContain(`--user-data-dir=${path.join(dataDir, "whatsapp-session", "session")}`);
  expect(existsSync(path.join(dataDir, "whatsapp-session", "session"))).toBe(true);
  const failure = lines.find((line) => line.msg.includes("failed to start"));
  expect(failure?.err?.message).toMatch(/Failed to launch the browser process/);
  expect(failure?.msg).toMatch(/starting a new client in/);
}, 30_000);
