// Process-wide handlers for faults nobody caught: an unhandled promise rejection or an uncaught
// exception. Every entry point installs them. Libraries have fire-and-forget paths of their own
// (whatsapp-web.js requests a pairing code and re-injects after a navigation without awaiting), and
// without a handler Node exits on the first one, taking every channel down with it.
import type { Logger } from "pino";
import { createLogger } from "./logger.js";

export type FaultOrigin = "unhandledRejection" | "uncaughtException";

export interface ProcessGuardOptions {
  /** Default: error-level JSON lines on stderr (CLIs have no logger of their own). */
  logger?: Logger;
  /** The entry point, for the log (e.g. "main", "staff"). */
  entry: string;
  /**
   * A long-running service passes this: the fault is logged, handed over (e.g. to restart the channel
   * it came from) and the process keeps running. Without it (a CLI) the fault is logged and the
   * process exits with status 1.
   */
  onFault?: (error: unknown, origin: FaultOrigin) => void;
}

/** Installs the handlers; returns a function that removes them (tests, and a clean shutdown). */
export function installProcessGuards(options: ProcessGuardOptions): () => void {
  const { entry, onFault } = options;
  const logger = options.logger ?? createLogger("error");
  const handle = (origin: FaultOrigin) => (error: unknown) => {
    // Only name, message and stack: library errors carry request payloads (a citizen's text, a token URL).
    const err =
      error instanceof Error
        ? { type: error.name, message: error.message, stack: error.stack }
        : { type: typeof error, message: `non-error thrown: ${describe(error)}` };
    if (!onFault) {
      logger.fatal({ err, origin, entry }, `${origin}: stopping`);
      process.exitCode = 1;
      // Let the log line reach stderr before exiting.
      setImmediate(() => process.exit(1));
      return;
    }
    logger.error({ err, origin, entry }, `${origin}: logged, the process keeps running`);
    try {
      onFault(error, origin);
    } catch (handlerError) {
      logger.error({ err: handlerError }, "handling a fault failed");
    }
  };
  const onRejection = handle("unhandledRejection");
  const onException = handle("uncaughtException");
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
