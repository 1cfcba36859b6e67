// Keeps each channel running on its own: a fault that belongs to one channel (an error its library
// threw where nobody could catch it) stops and restarts that channel after a backoff delay, while
// the others go on serving. The outbox keeps the supervised sender, which reports "restarting" (a
// passing failure, retried later) while the channel is down.
import type { Logger } from "pino";
import type { ChannelName, ChannelSender, RunningChannel, SendResult } from "../bots/channel.js";

export const DEFAULT_RESTART_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 60_000];
/** A channel that ran this long since its last restart starts its backoff from the beginning again. */
const STABLE_AFTER_MS = 10 * 60_000;

export interface ChannelSpec {
  name: ChannelName;
  start(): Promise<RunningChannel>;
  /** Whether an uncaught error came from this channel (its library's code or its own messages). */
  owns(error: unknown): boolean;
}

export interface SupervisedChannel extends RunningChannel {
  readonly name: ChannelName;
  owns(error: unknown): boolean;
  /** Stops the channel and starts it again after the backoff delay. */
  restart(reason: string): void;
}

const RESTARTING: SendResult = { ok: false, permanent: false, error: "channel restarting" };

/** Starts the channel once (errors propagate: a setup problem stops the program) and supervises it. */
export async function superviseChannel(
  spec: ChannelSpec,
  options: { logger: Logger; restartDelaysMs?: readonly number[] },
): Promise<SupervisedChannel> {
  const logger = options.logger.child({ channel: spec.name });
  const delays = options.restartDelaysMs?.length ? options.restartDelaysMs : DEFAULT_RESTART_DELAYS_MS;
  let current: RunningChannel | undefined = await spec.start();
  let startedAt = Date.now();
  let restarts = 0;
  // Restarts that brought the channel back, for /readyz and the reconnects metric.
  let recovered = 0;
  let pending: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let restarting = false;
  let stopping = false;
  let cycle: Promise<void> = Promise.resolve();

  const sender: ChannelSender = {
    channel: spec.name,
    send: (chatId, message, context) => (current ? current.sender.send(chatId, message, context) : Promise.resolve(RESTARTING)),
  };

  async function startAgain(): Promise<void> {
    if (stopping) return;
    try {
      const started = await spec.start();
      if (stopping) {
        await started.stop();
        return;
      }
      current = started;
      recovered += 1;
      restarting = false;
      startedAt = Date.now();
      logger.warn({ restarts }, `channel ${spec.name} restarted`);
    } catch (error) {
      restarting = false;
      restart(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function restart(reason: string): void {
    if (stopping || restarting) return;
    restarting = true;
    if (Date.now() - startedAt > STABLE_AFTER_MS) restarts = 0;
    const delay = delays[Math.min(restarts, delays.length - 1)] ?? 60_000;
    restarts += 1;
    const running = current;
    current = undefined;
    logger.error(
      { reason, delayMs: delay, retryAt: new Date(Date.now() + delay).toISOString(), restarts },
      `channel ${spec.name} failed; restarting it in ${delay / 1000} s (other channels keep running)`,
    );
    cycle = cycle.then(async () => {
      await running?.stop().catch((error: unknown) => logger.warn({ err: error }, "stopping the failed channel failed"));
      if (stopping) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        pending = setTimeout(resolve, delay);
      });
      pending = undefined;
      wake = undefined;
      await startAgain();
    });
  }

  return {
    name: spec.name,
    sender,
    owns: (error) => spec.owns(error),
    restart,
    health() {
      if (!current) return { connected: false, detail: "restarting", reconnects: recovered };
      const inner = current.health?.() ?? { connected: true };
      return { ...inner, reconnects: recovered + (inner.reconnects ?? 0) };
    },
    async stop() {
      stopping = true;
      if (pending) clearTimeout(pending);
      wake?.();
      // A restart in progress (a browser closing or launching) finishes first, so nothing is left behind.
      await cycle;
      const running = current;
      current = undefined;
      await running?.stop();
    },
  };
}

/** Hands an uncaught fault to the channel it belongs to; false when no channel claims it. */
export function routeFault(channels: readonly SupervisedChannel[], error: unknown, logger: Logger): boolean {
  const owner = channels.find((channel) => channel.owns(error));
  if (!owner) {
    logger.warn("the fault belongs to no channel; nothing is restarted");
    return false;
  }
  owner.restart(error instanceof Error ? error.message : String(error));
  return true;
}
