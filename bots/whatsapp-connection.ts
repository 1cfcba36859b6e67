// Keeps one live whatsapp-web.js client. A disconnected client is finished (the library destroys it),
// so recovery means destroying it and creating a new one after a backoff delay. Login prompts
// (QR code, pairing code) are shown to the operator, loudly when a session that worked is lost.
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import type { WhatsAppClientContext, WhatsAppClientLike } from "./whatsapp-client.js";
import { pairingInstructions, qrInstructions, removeQrImage, renderQrForTerminal, writeQrImage } from "./whatsapp-login.js";

export const DEFAULT_RECONNECT_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000];

export interface TerminalOutput {
  write(text: string): unknown;
}

export interface WhatsAppConnectionOptions {
  context: WhatsAppClientContext;
  createClient: (context: WhatsAppClientContext) => WhatsAppClientLike | Promise<WhatsAppClientLike>;
  reconnectDelaysMs: readonly number[];
  logger: Logger;
  terminal: TerminalOutput;
  onMessage: (message: Message) => void;
}

export interface WhatsAppConnection {
  /** The client when it is logged in and ready to send, otherwise undefined. */
  readyClient(): WhatsAppClientLike | undefined;
  /** Resolves once the first client has been created (initialize runs on in the background). */
  start(): Promise<void>;
  stop(): Promise<void>;
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

  function scheduleReconnect(): void {
    if (stopping || reconnectTimer) return;
    const delays = options.reconnectDelaysMs;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 30_000;
    attempt += 1;
    logger.warn({ delayMs: delay, attempt }, "whatsapp: starting a new client after a delay");
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  }

  /** Drops the current client (if it is still `lost`) and plans its replacement. */
  function replace(lost: WhatsAppClientLike, why: string): void {
    if (stopping || client !== lost) return;
    client = undefined;
    ready = false;
    logger.warn({ reason: why }, "whatsapp: client lost");
    // The library often destroys the client itself; a second destroy may throw, which is harmless.
    void Promise.resolve()
      .then(() => lost.destroy())
      .catch((error: unknown) => logger.debug({ err: error }, "whatsapp: destroying the old client failed"));
    scheduleReconnect();
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
      if (!isCurrent()) return;
      options.terminal.write(`\n${pairingInstructions(code)}\n`);
      logger.warn("whatsapp: waiting for the pairing code to be entered on the phone");
    });

    current.on("authenticated", () => {
      if (isCurrent()) logger.info("whatsapp: authenticated");
    });

    current.on("auth_failure", (message) => {
      if (!isCurrent()) return;
      authFailed = true;
      logger.error({ reason: message }, "whatsapp: authentication failed");
      announceNewLogin();
      loginAnnounced = true;
      replace(current, "auth_failure");
    });

    current.on("ready", () => {
      if (!isCurrent()) return;
      ready = true;
      everReady = true;
      authFailed = false;
      attempt = 0;
      removeQrImage(context.dataDir);
      logger.info("whatsapp: ready");
    });

    current.on("disconnected", (reason) => {
      if (!isCurrent()) return;
      if (reason === "LOGOUT") {
        logger.error("whatsapp: the bot was logged out from the phone");
        announceNewLogin();
      }
      replace(current, `disconnected: ${String(reason)}`);
    });

    current.on("message", (message) => {
      if (isCurrent()) options.onMessage(message);
    });
  }

  async function connect(): Promise<void> {
    if (stopping) return;
    let created: WhatsAppClientLike;
    try {
      created = await options.createClient(context);
    } catch (error) {
      logger.error({ err: error }, "whatsapp: could not create the client");
      scheduleReconnect();
      return;
    }
    if (stopping) {
      await created.destroy().catch(() => undefined);
      return;
    }
    client = created;
    ready = false;
    attach(created);
    // initialize() resolves once the page is loaded (or never, without internet): not awaited, so
    // the other channels start regardless; a failure (browser crash, launch error) means a new client.
    created.initialize().catch((error: unknown) => {
      if (client !== created || stopping) return;
      logger.error({ err: error }, "whatsapp: the client failed to start");
      replace(created, "initialize failed");
    });
  }

  return {
    readyClient: () => (ready && !stopping ? client : undefined),
    start: () => connect(),
    async stop() {
      stopping = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const current = client;
      client = undefined;
      ready = false;
      if (current) await current.destroy().catch((error: unknown) => logger.debug({ err: error }, "whatsapp: destroy failed"));
    },
  };
}
