// Keeps one live whatsapp-web.js client. A disconnected client is finished (the library destroys it),
// so recovery means destroying it and creating a new one after a backoff delay. Login prompts
// (QR code, pairing code) are shown to the operator, loudly when a session that worked is lost.
import type { Logger } from "pino";
import type { Call, Message } from "whatsapp-web.js";
import {
  guardPairingRequests,
  killBrowserProcess,
  type WhatsAppClientContext,
  type WhatsAppClientLike,
} from "./whatsapp-client.js";
import { pairingInstructions, qrInstructions, removeQrImage, renderQrForTerminal, writeQrImage } from "./whatsapp-login.js";

export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000];
/** WhatsApp rate-limits pairing requests: wait longer than for a reconnect. */
export const DEFAULT_PAIRING_RETRY_DELAYS_MS: readonly number[] = [15_000, 30_000, 60_000, 120_000, 300_000];

export interface TerminalOutput {
  write(text: string): unknown;
}

export interface WhatsAppConnectionOptions {
  context: WhatsAppClientContext;
  createClient: (context: WhatsAppClientContext) => WhatsAppClientLike | Promise<WhatsAppClientLike>;
  reconnectDelaysMs: readonly number[];
  pairingRetryDelaysMs?: readonly number[];
  logger: Logger;
  terminal: TerminalOutput;
  onMessage: (message: Message) => void;
  onCall?: (call: Call) => void;
}

export interface WhatsAppConnection {
  /** The client when it is logged in and ready to send, otherwise undefined. */
  readyClient(): WhatsAppClientLike | undefined;
  /** Resolves once the first client has been created (initialize runs on in the background). */
  start(): Promise<void>;
  /** Gives up on the current client (e.g. its browser stopped answering) and starts a new one. */
  restart(reason: string): void;
  stop(): Promise<void>;
}

/** A navigation error from Chromium (no route, no DNS, refused): WhatsApp Web is out of reach. */
export function unreachableReason(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /net::ERR_[A-Z_]+/.exec(text)?.[0];
}

function delayAt(delays: readonly number[], attempt: number, fallback: number): number {
  return delays[Math.min(attempt, delays.length - 1)] ?? fallback;
}

function retryFields(delayMs: number) {
  return { delayMs, retryAt: new Date(Date.now() + delayMs).toISOString() };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export function createWhatsAppConnection(options: WhatsAppConnectionOptions): WhatsAppConnection {
  const { context, logger } = options;
  let client: WhatsAppClientLike | undefined;
  let ready = false;
  let everReady = false;
  let authFailed = false;
  let attempt = 0;
  let stopping = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pairingTimer: NodeJS.Timeout | undefined;
  let pairingAttempt = 0;
  const initializing = new WeakMap<WhatsAppClientLike, Promise<void>>();
  // Browsers of replaced clients still closing: the next client waits for them (their profile lock
  // would stop it), and stop() waits for them too.
  const retirements = new Set<Promise<void>>();

  /**
   * Plans the next client after a backoff delay and logs ONE line: what went wrong, and when the next
   * attempt starts (retryAt), so an operator reading the log knows both at once.
   */
  function scheduleReconnect(what: string, fields: Record<string, unknown> = {}, level: "warn" | "error" = "warn"): void {
    if (stopping || reconnectTimer) return;
    const delay = delayAt(options.reconnectDelaysMs, attempt, 30_000);
    attempt += 1;
    logger[level]({ ...fields, ...retryFields(delay), attempt }, `whatsapp: ${what}; starting a new client in ${seconds(delay)}`);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  }

  /** Drops the current client (if it is still `lost`) and plans its replacement. */
  function replace(
    lost: WhatsAppClientLike,
    what: string,
    fields: Record<string, unknown> = {},
    level: "warn" | "error" = "warn",
  ): void {
    if (stopping || client !== lost) return;
    client = undefined;
    ready = false;
    clearTimeout(pairingTimer);
    const retiring = retire(lost);
    retirements.add(retiring);
    void retiring.finally(() => retirements.delete(retiring));
    scheduleReconnect(what, fields, level);
  }

  /**
   * Closes a client's browser. Client.destroy() only closes a browser that is already launched, so a
   * client still starting is destroyed again once initialize() settles: no Chromium is left behind.
   */
  async function retire(old: WhatsAppClientLike): Promise<void> {
    // The library often destroys the client itself; a second destroy may throw, which is harmless.
    const destroy = () =>
      Promise.resolve()
        .then(() => old.destroy())
        .catch((error: unknown) => logger.debug({ err: error }, "whatsapp: destroying the old client failed"));
    await destroy();
    const starting = initializing.get(old);
    if (starting) await starting.then(destroy);
    killBrowserProcess(old);
  }

  /** WhatsApp refused a pairing code (rate limit, unknown number): ask again later on the same page. */
  function pairingFailed(current: WhatsAppClientLike, error: unknown): void {
    if (client !== current || stopping || ready || !context.pairingNumber) return;
    const number = context.pairingNumber;
    const delay = delayAt(options.pairingRetryDelaysMs ?? DEFAULT_PAIRING_RETRY_DELAYS_MS, pairingAttempt, 300_000);
    pairingAttempt += 1;
    logger.error(
      { err: error, ...retryFields(delay), attempt: pairingAttempt },
      `whatsapp: WhatsApp rejected the pairing-code request; asking again in ${seconds(delay)}`,
    );
    clearTimeout(pairingTimer);
    pairingTimer = setTimeout(() => {
      if (client === current && !stopping && !ready) void current.requestPairingCode(number);
    }, delay);
  }

  function announceNewLogin(): void {
    logger.error(
      "whatsapp: THE SESSION IS NO LONGER VALID - a new QR scan (or pairing code) is needed to reconnect " +
        "the bot's number / sesi WhatsApp berakhir, pindai ulang kode QR",
    );
  }

  function attach(current: WhatsAppClientLike): void {
    const isCurrent = () => client === current && !stopping;
    let pairingRequested = false;
    let loginAnnounced = false;

    current.on("qr", (qr) => {
      if (!isCurrent()) return;
      if ((everReady || authFailed) && !loginAnnounced) {
        loginAnnounced = true;
        announceNewLogin();
      }
      if (context.pairingNumber) {
        // A client that shows a QR although a number is configured did not start in pairing mode.
        if (!pairingRequested) {
          pairingRequested = true;
          current
            .requestPairingCode(context.pairingNumber)
            .catch((error: unknown) => logger.error({ err: error }, "whatsapp: requesting a pairing code failed"));
        }
        return;
      }
      options.terminal.write(`\n${renderQrForTerminal(qr)}\n`);
      writeQrImage(qr, context.dataDir)
        .then((file) => {
          // The phone may have scanned an earlier code while this one was being written.
          if (client !== current) return;
          if (ready) {
            removeQrImage(context.dataDir);
            return;
          }
          options.terminal.write(`${qrInstructions(file)}\n`);
          logger.info({ file }, "whatsapp: waiting for the QR code to be scanned");
        })
        .catch((error: unknown) => logger.warn({ err: error }, "whatsapp: could not write the QR code image"));
    });

    current.on("code", (code) => {
      if (!isCurrent() || code === "") return;
      pairingAttempt = 0;
      options.terminal.write(`\n${pairingInstructions(code)}\n`);
      logger.warn("whatsapp: waiting for the pairing code to be entered on the phone");
    });

    current.on("authenticated", () => {
      if (isCurrent()) logger.info("whatsapp: authenticated");
    });

    current.on("auth_failure", (message) => {
      if (!isCurrent()) return;
      authFailed = true;
      announceNewLogin();
      loginAnnounced = true;
      replace(current, "authentication failed", { reason: message }, "error");
    });

    current.on("ready", () => {
      if (!isCurrent()) return;
      ready = true;
      everReady = true;
      authFailed = false;
      attempt = 0;
      clearTimeout(pairingTimer);
      removeQrImage(context.dataDir);
      logger.info("whatsapp: ready");
    });

    current.on("disconnected", (reason) => {
      if (!isCurrent()) return;
      if (reason === "LOGOUT") {
        logger.error("whatsapp: the bot was logged out from the phone");
        announceNewLogin();
      }
      replace(current, `disconnected (${String(reason)})`, { reason: String(reason) });
    });

    current.on("message", (message) => {
      if (isCurrent()) options.onMessage(message);
    });

    current.on("call", (call) => {
      if (isCurrent()) options.onCall?.(call);
    });
  }

  async function connect(): Promise<void> {
    if (stopping) return;
    await Promise.all(retirements);
    if (stopping) return;
    let created: WhatsAppClientLike;
    try {
      created = await options.createClient(context);
    } catch (error) {
      scheduleReconnect("could not create the client", { err: error }, "error");
      return;
    }
    if (stopping) {
      await created.destroy().catch(() => undefined);
      return;
    }
    client = created;
    ready = false;
    pairingAttempt = 0;
    guardPairingRequests(created, (error) => pairingFailed(created, error));
    attach(created);
    // initialize() resolves once the page is loaded (or never, without internet): not awaited, so
    // the other channels start regardless; a failure (browser crash, launch error) means a new client.
    const starting = created.initialize().catch((error: unknown) => {
      if (client !== created || stopping) return;
      const unreachable = unreachableReason(error);
      if (unreachable) {
        replace(
          created,
          `WhatsApp Web (https://web.whatsapp.com) cannot be reached (${unreachable}): check the server's internet access or proxy (CHROMIUM_EXTRA_ARGS)`,
          { reason: unreachable },
          "error",
        );
      } else {
        replace(created, "the client failed to start", { err: error }, "error");
      }
    });
    initializing.set(created, starting);
    void starting.finally(() => initializing.delete(created));
  }

  return {
    readyClient: () => (ready && !stopping ? client : undefined),
    start: () => connect(),
    restart(reason) {
      if (client) replace(client, reason, {}, "error");
    },
    async stop() {
      stopping = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      clearTimeout(pairingTimer);
      reconnectTimer = undefined;
      const current = client;
      client = undefined;
      ready = false;
      // A browser that is still launching is closed once it is up; a hung launch does not hold the stop forever.
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([
        Promise.all([...retirements, ...(current ? [retire(current)] : [])]).then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
      ]);
      clearTimeout(timer);
      if (!closed && current) {
        logger.warn("whatsapp: the browser did not close within 20 s; killing it");
        killBrowserProcess(current);
      }
    },
  };
}
