// Puts the stub WhatsApp Web page where the real whatsapp-web.js looks for its cached web version
// (<cacheDir>/<webVersion>.html): the library then intercepts the request for web.whatsapp.com and
// serves the stub, so the real Client in a real Chromium reaches `qr` (or `code`) with no network.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { whatsAppWebCacheDir } from "../../../bots/whatsapp-client.js";

export interface StubOptions {
  /** How many pairing-code requests WhatsApp rejects before it hands out a code (default 0). */
  rejectPairing?: number;
  /** Reload after this long into a page whose modules fail, as WhatsApp Web does mid-update. */
  faultAfterQrMs?: number;
}

const template = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "stub-page.html"), "utf8");

/** The version the library asks its cache for (its default; the client does not pin another). */
export function libraryWebVersion(): string {
  const require = createRequire(import.meta.url);
  const constants = require("whatsapp-web.js/src/util/Constants.js") as { DefaultOptions: { webVersion: string } };
  return constants.DefaultOptions.webVersion;
}

/** Writes the stub into DATA_DIR's web-version cache; returns the file written. */
export function installWhatsAppWebStub(dataDir: string, options: StubOptions = {}): string {
  const dir = whatsAppWebCacheDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${libraryWebVersion()}.html`);
  writeFileSync(file, template.replace("/*STUB_OPTIONS*/ {}", JSON.stringify(options)));
  return file;
}

/**
 * Chromium flags for tests: every request goes to a proxy on a closed local port, so nothing reaches
 * the internet even on a machine that has it (the stub is served before any request leaves).
 */
export const OFFLINE_CHROMIUM_ARGS: readonly string[] = ["--proxy-server=http://127.0.0.1:9"];
