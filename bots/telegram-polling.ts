// Long polling with getUpdates. Our own loop rather than bot.launch(): stop() aborts the pending request
// at once and waits for the batch in hand, errors never end polling for good (telegraf's loop gives up
// on 409 and on anything it does not know), and the offset moves only after a batch has been handled,
// so a crash redelivers it (the runner drops repeats by update id).
import type { Logger } from "pino";
import type { Telegram } from "telegraf";
import type { Update } from "telegraf/types";
import { describeTelegramError, telegramErrorInfo } from "./telegram-errors.js";
import type { timeoutSignal } from "./telegram-sender.js";

export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface PollingOptions {
  telegram: Telegram;
  logger: Logger;
  onUpdate(update: Update): Promise<void>;
  /** Long-poll duration in seconds (default 50, as Telegram recommends up to 50). */
  timeoutSeconds?: number;
}

export interface Polling {
  stop(): Promise<void>;
  /** False from a failed getUpdates until the next one succeeds (for /readyz). */
  readonly connected: boolean;
  /** Why the last getUpdates failed, while not connected. */
  readonly lastError: string | undefined;
  /** getUpdates succeeded again after failing, this many times. */
  readonly reconnects: number;
}

type ApiSignal = ReturnType<typeof timeoutSignal>;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export function startPolling(options: PollingOptions): Polling {
  const { telegram, logger } = options;
  const timeoutSeconds = options.timeoutSeconds ?? 50;
  const stopper = new AbortController();
  let offset = 0;
  let lastError: string | undefined;
  let reconnects = 0;

  const loop = (async () => {
    let failures = 0;
    while (!stopper.signal.aborted) {
      let updates: Update[];
      try {
        const signal = AbortSignal.any([stopper.signal, AbortSignal.timeout((timeoutSeconds + 15) * 1000)]);
        updates = await telegram.callApi(
          "getUpdates",
          { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: signal as unknown as ApiSignal },
        );
        failures = 0;
        if (lastError !== undefined) reconnects += 1;
        lastError = undefined;
      } catch (error) {
        if (stopper.signal.aborted) break;
        failures += 1;
        const info = telegramErrorInfo(error);
        const delayMs =
          info.kind === "rate_limited"
            ? (info.retryAfterSeconds ?? 1) * 1000
            : Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        const hint =
          info.code === 409
            ? "another bot instance or a webhook uses this token"
            : info.code === 401
              ? "token rejected"
              : undefined;
        lastError = describeTelegramError(error, telegram.token);
        logger.error({ error: lastError, retryInMs: delayMs, ...(hint ? { hint } : {}) }, "telegram getUpdates failed");
        await pause(delayMs, stopper.signal);
        continue;
      }
      // The batch runs in parallel; the adapter keeps each chat in order.
      await Promise.all(
        updates.map((update) =>
          options.onUpdate(update).catch((error: unknown) => {
            logger.error(
              { updateId: update.update_id, error: describeTelegramError(error, telegram.token) },
              "telegram update failed",
            );
          }),
        ),
      );
      const last = updates.at(-1);
      if (last) offset = last.update_id + 1;
    }
    // Confirms the last handled batch, so a restart does not fetch it again.
    if (offset > 0) {
      await telegram
        .callApi("getUpdates", { offset, limit: 1, timeout: 0 }, { signal: AbortSignal.timeout(5000) as unknown as ApiSignal })
        .catch(() => undefined);
    }
  })();

  return {
    async stop() {
      stopper.abort();
      await loop;
    },
    get connected() {
      return lastError === undefined;
    },
    get lastError() {
      return lastError;
    },
    get reconnects() {
      return reconnects;
    },
  };
}
