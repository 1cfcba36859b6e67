// Graceful stop on SIGTERM or SIGINT (docker stop, systemctl stop, Ctrl+C):
//   1. the channels stop taking messages; the steps they already started finish and their replies go out;
//      meanwhile the outbox keeps delivering, so pushes still reach a channel (WhatsApp) before it closes;
//   2. the runner finishes anything still queued and refuses new work;
//   3. the outbox gets what is left of SHUTDOWN_FLUSH_MS for rows committed last (the rest waits,
//      durable, for the next start);
//   4. the database closes, and the process exits 0.
// A second signal exits at once (code 130 or 143), for an operator who does not want to wait.
import type { Logger } from "pino";
import type { RunningChannel } from "../bots/channel.js";

export interface StopTargets {
  logger: Logger;
  channels: () => readonly RunningChannel[];
  runner: { stop(): Promise<void> };
  dispatcher: { drain(): Promise<number> };
  flushMs: number;
  /** Closes the rest (database, health endpoint); bounded by closeTimeoutMs. */
  close: () => Promise<void>;
  closeTimeoutMs?: number;
}

function within<T>(ms: number, work: Promise<T>): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function stopGracefully(targets: StopTargets): Promise<void> {
  const { logger } = targets;
  const started = Date.now();
  const deadline = started + targets.flushMs;
  let sent = 0;
  // Drains run one after another inside the dispatcher, so the two flushes below never send a row twice.
  // The last flush gets at least a second, even when closing the channels used up the flush time.
  const flush = (minimumMs = 0) =>
    within(
      Math.max(minimumMs, deadline - Date.now()),
      targets.dispatcher.drain().then(
        (count) => void (sent += count),
        (error: unknown) => logger.error({ err: error }, "outbox flush failed"),
      ),
    );
  const early = flush();
  await Promise.all(
    targets
      .channels()
      .map((channel) =>
        channel
          .stop()
          .catch((error: unknown) => logger.error({ err: error, channel: channel.sender.channel }, "channel stop failed")),
      ),
  );
  await targets.runner.stop();
  await early;
  if ((await flush(1000)) === "timeout")
    logger.warn({ flushMs: targets.flushMs }, "outbox flush cut short; the rest is sent after the next start");
  const closed = await within(targets.closeTimeoutMs ?? 10_000, targets.close());
  if (closed === "timeout") logger.warn("closing took too long; exiting anyway");
  logger.info({ ms: Date.now() - started, outboxSent: sent }, "stopped");
}

export interface SignalHandling {
  /** Starts the graceful stop (once); resolves with the exit code. */
  stop(reason: string): Promise<number>;
  /** Removes the handlers (tests). */
  dispose(): void;
}

/**
 * Installs SIGTERM/SIGINT handlers. `stop` runs once; its failure exits 1. Repeated signals while it runs
 * exit immediately: the durable state is already safe (every step commits before it answers).
 */
export function handleSignals(options: {
  logger: Logger;
  stop: (reason: string) => Promise<void>;
  exit?: (code: number) => void;
}): SignalHandling {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<number> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      options.logger.info({ reason }, "stopping");
      try {
        await options.stop(reason);
        return 0;
      } catch (error) {
        options.logger.error({ err: error }, "stop failed");
        return 1;
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger.warn({ signal }, "second signal: exiting at once");
      exit(signal === "SIGINT" ? 130 : 143);
      return;
    }
    void stop(signal).then(exit);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return {
    stop,
    dispose() {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    },
  };
}
