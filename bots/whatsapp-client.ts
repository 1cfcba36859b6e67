// The narrow slice of whatsapp-web.js the adapter uses, and the factory of the real Client.
// The adapter only sees WhatsAppClientLike, so tests drive it with an in-memory fake; the compile-time
// check at the bottom proves that the library's own Client still fits this interface.
import { lstatSync, readlinkSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import type { Call, Client, Message, MessageContent, MessageMedia, MessageSendOptions, WAState } from "whatsapp-web.js";

/** The client events the adapter listens to, with the library's own payload types. */
export interface WhatsAppClientEvents {
  qr: (qr: string) => void;
  code: (code: string) => void;
  authenticated: () => void;
  auth_failure: (message: string) => void;
  ready: () => void;
  disconnected: (reason: WAState | "LOGOUT") => void;
  message: (message: Message) => void;
  /** Somebody phones the bot's number. */
  call: (call: Call) => void;
}

export type WhatsAppClientLike = Pick<
  Client,
  "initialize" | "destroy" | "requestPairingCode" | "getContactLidAndPhone" | "getNumberId"
> & {
  on<E extends keyof WhatsAppClientEvents>(event: E, listener: WhatsAppClientEvents[E]): unknown;
  /**
   * Typed by the library as always giving a Message, but it resolves `undefined` (or null) without
   * throwing when it cannot resolve the chat, e.g. a number that is not on WhatsApp (Client.js).
   */
  sendMessage(chatId: string, content: MessageContent, options?: MessageSendOptions): Promise<Message | undefined | null>;
};

export interface WhatsAppClientContext {
  dataDir: string;
  chromiumPath: string;
  /** Where LocalAuth keeps the browser profile and session (<dataDir>/whatsapp-session). */
  sessionDir: string;
  /** Digits only; when set the client logs in with a pairing code instead of a QR code. */
  pairingNumber?: string;
  /** More Chromium flags (CHROMIUM_EXTRA_ARGS), e.g. --proxy-server=... on a network behind a proxy. */
  extraChromiumArgs?: readonly string[];
  logger: Logger;
}

export type WhatsAppClientFactory = (context: WhatsAppClientContext) => WhatsAppClientLike;

/** The library's value exports, loaded on first use so a disabled channel never loads puppeteer. */
export type WhatsAppLibrary = typeof import("whatsapp-web.js");

let libraryPromise: Promise<WhatsAppLibrary> | undefined;

export function loadWhatsAppLibrary(): Promise<WhatsAppLibrary> {
  // whatsapp-web.js is CommonJS: its exports arrive as the default export under ESM.
  libraryPromise ??= import("whatsapp-web.js").then((module) => module.default);
  return libraryPromise;
}

export async function createMessageMedia(mimeType: string, data: Buffer, fileName: string): Promise<MessageMedia> {
  const { MessageMedia } = await loadWhatsAppLibrary();
  // sendMessage recognises media with instanceof, so it must be the library's own class.
  return new MessageMedia(mimeType, data.toString("base64"), fileName, data.length);
}

/**
 * Flags a headless Chromium needs on a server or in a container (root has no sandbox; /dev/shm is
 * small in containers), and nothing it does on its own: no QUIC, no background updates or sync.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-extensions",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Where whatsapp-web.js keeps the WhatsApp Web page it loaded (its default is ./.wwebjs_cache in the
 * working directory, written before `ready`: a read-only working directory would stop the login).
 */
export function whatsAppWebCacheDir(dataDir: string): string {
  return path.join(dataDir, "whatsapp-web-cache");
}

/**
 * In pairing mode the library calls requestPairingCode without awaiting it (Client.js, inject), so a
 * rejection from WhatsApp would be an unhandled rejection that exits Node. Shadowing the method on the
 * instance catches that call too: a failure goes to onFailure and resolves to "" instead.
 */
export function guardPairingRequests(client: WhatsAppClientLike, onFailure: (error: unknown) => void): void {
  const original = client.requestPairingCode.bind(client);
  client.requestPairingCode = (...args: Parameters<Client["requestPairingCode"]>) =>
    original(...args).catch((error: unknown) => {
      onFailure(error);
      return "";
    });
}

/** LocalAuth without a clientId keeps the Chromium profile in <dataPath>/session. */
export function chromiumProfileDir(sessionDir: string): string {
  return path.join(sessionDir, "session");
}

/**
 * Chromium refuses to start on a profile whose SingletonLock survived a crash. The lock is a symlink
 * to "<host>-<pid>": it is removed unless that process is still alive on this host (then another
 * instance really uses the profile, and starting a second browser on it would corrupt the session).
 */
export function removeStaleChromiumLock(profileDir: string, logger: Logger): void {
  const lockPath = path.join(profileDir, "SingletonLock");
  let target: string;
  try {
    if (!lstatSync(lockPath).isSymbolicLink()) return;
    target = readlinkSync(lockPath);
  } catch {
    return; // no lock: nothing to clean
  }
  const separator = target.lastIndexOf("-");
  const lockHost = target.slice(0, separator);
  const lockPid = Number(target.slice(separator + 1));
  if (lockHost === hostname() && Number.isInteger(lockPid) && lockPid > 0 && isProcessAlive(lockPid)) {
    throw new Error(
      `Profil WhatsApp ${profileDir} sedang dipakai proses ${lockPid}; hentikan proses itu dulu. / ` +
        `The WhatsApp browser profile is in use by process ${lockPid}; stop it first.`,
    );
  }
  for (const name of ["SingletonLock", "SingletonSocket", "SingletonCookie"]) {
    rmSync(path.join(profileDir, name), { force: true });
  }
  logger.warn({ profileDir }, "whatsapp: removed a stale Chromium SingletonLock left by a crash");
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Production factory: the real whatsapp-web.js Client on the system Chromium, session under dataDir. */
export async function createRealWhatsAppClient(context: WhatsAppClientContext): Promise<WhatsAppClientLike> {
  const { Client, LocalAuth } = await loadWhatsAppLibrary();
  removeStaleChromiumLock(chromiumProfileDir(context.sessionDir), context.logger);
  const client = new Client({
    authStrategy: new LocalAuth({ dataPath: context.sessionDir }),
    puppeteer: {
      executablePath: context.chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(context.extraChromiumArgs ?? [])],
    },
    webVersionCache: { type: "local", path: whatsAppWebCacheDir(context.dataDir) },
    ...(context.pairingNumber ? { pairWithPhoneNumber: { phoneNumber: context.pairingNumber } } : {}),
  });
  return client;
}

// Compile-time proof that the library's Client satisfies the narrow interface the adapter uses.
// (Client.on has a catch-all `(event: string, listener: (...args: any) => void)` overload, so the
// listener payload types above are the library's own types rather than something the compiler derives.)
export type RealClientFits = Client extends WhatsAppClientLike ? true : never;
const realClientFits: RealClientFits = true;
void realClientFits;

/** Strings whatsapp-web.js throws (not Errors) from its login steps (Client.js inject). */
const LIBRARY_THROWN_STRINGS: ReadonlySet<string> = new Set(["auth timeout", "ready timeout"]);

/**
 * Whether an error nobody caught came from the WhatsApp Web client: whatsapp-web.js or the puppeteer
 * it drives (both used only by this channel), or the strings the library throws.
 */
export function isWhatsAppLibraryFault(error: unknown): boolean {
  if (typeof error === "string") return LIBRARY_THROWN_STRINGS.has(error);
  if (!(error instanceof Error)) return false;
  return /[\\/]node_modules[\\/](whatsapp-web\.js|puppeteer(-core)?|@puppeteer)[\\/]/.test(error.stack ?? "");
}

/**
 * The last resort after destroy(): Client.destroy() closes the browser only while puppeteer still
 * has a connection to it, so a browser whose connection dropped would outlive the client. Its
 * process is killed here (a no-op for the test fake, which has no browser).
 */
export function killBrowserProcess(client: WhatsAppClientLike): void {
  const browser = (client as { pupBrowser?: { process?: () => import("node:child_process").ChildProcess | null } | null })
    .pupBrowser;
  const child = browser?.process?.();
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
