import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import wwebjs from "whatsapp-web.js";
import {
  CHROMIUM_ARGS,
  chromiumProfileDir,
  createRealWhatsAppClient,
  removeStaleChromiumLock,
} from "../../bots/whatsapp-client.js";

const logger = pino({ level: "silent" });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "wa-client-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Chromium's lock files as a crashed browser leaves them: symlinks to "<host>-<pid>" and a socket path. */
function leaveLock(profile: string, target: string): void {
  mkdirSync(profile, { recursive: true });
  symlinkSync(target, path.join(profile, "SingletonLock"));
  symlinkSync(path.join(tmpdir(), "gone", "SingletonSocket"), path.join(profile, "SingletonSocket"));
  symlinkSync("123456789", path.join(profile, "SingletonCookie"));
  writeFileSync(path.join(profile, "Local State"), "{}");
}

describe("removeStaleChromiumLock", () => {
  it("removes the lock of a browser process that no longer exists", () => {
    const profile = chromiumProfileDir(path.join(dir, "whatsapp-session"));
    leaveLock(profile, `${hostname()}-2147483646`);
    removeStaleChromiumLock(profile, logger);
    expect(readdirSync(profile)).toEqual(["Local State"]);
  });

  it("removes a lock written on another host (a restored backup or a moved volume)", () => {
    const profile = path.join(dir, "profile");
    leaveLock(profile, `some-other-host-${process.pid}`);
    removeStaleChromiumLock(profile, logger);
    expect(readdirSync(profile)).toEqual(["Local State"]);
  });

  it("refuses to touch the lock of a live browser on this host", () => {
    const profile = path.join(dir, "profile");
    leaveLock(profile, `${hostname()}-${process.pid}`);
    expect(() => removeStaleChromiumLock(profile, logger)).toThrow(/in use by process/);
    expect(readdirSync(profile)).toContain("SingletonLock");
  });

  it("does nothing without a profile", () => {
    expect(() => removeStaleChromiumLock(path.join(dir, "missing"), logger)).not.toThrow();
  });
});

describe("createRealWhatsAppClient", () => {
  // Reading the library's own option object: the only way to see what the browser would be given.
  type Options = {
    puppeteer: { executablePath: string; headless: boolean; args: string[] };
    authStrategy: unknown;
    pairWithPhoneNumber: { phoneNumber: string };
  };

  it("builds a real Client on the system Chromium with LocalAuth under the data directory", async () => {
    const sessionDir = path.join(dir, "whatsapp-session");
    leaveLock(chromiumProfileDir(sessionDir), `${hostname()}-2147483646`);
    const client = await createRealWhatsAppClient({
      dataDir: dir,
      chromiumPath: "/usr/bin/chromium",
      sessionDir,
      logger,
    });
    expect(client).toBeInstanceOf(wwebjs.Client);
    const options = (client as unknown as { options: Options }).options;
    expect(options.puppeteer).toMatchObject({ executablePath: "/usr/bin/chromium", headless: true });
    expect(options.puppeteer.args).toEqual([...CHROMIUM_ARGS]);
    expect(options.puppeteer.args).toEqual(expect.arrayContaining(["--no-sandbox", "--disable-dev-shm-usage"]));
    expect(options.authStrategy).toBeInstanceOf(wwebjs.LocalAuth);
    expect((options.authStrategy as InstanceType<typeof wwebjs.LocalAuth>).dataPath).toBe(path.resolve(sessionDir));
    expect(options.pairWithPhoneNumber.phoneNumber).toBe("");
    expect(readdirSync(chromiumProfileDir(sessionDir))).not.toContain("SingletonLock");
  });

  it("asks the library for pairing-code login when a number is configured", async () => {
    const client = await createRealWhatsAppClient({
      dataDir: dir,
      chromiumPath: "/usr/bin/chromium",
      sessionDir: path.join(dir, "whatsapp-session"),
      pairingNumber: "6281234567890",
      logger,
    });
    const options = (client as unknown as { options: Options }).options;
    expect(options.pairWithPhoneNumber.phoneNumber).toBe("6281234567890");
  });
});
