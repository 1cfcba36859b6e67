// Bench part 2: our Telegram adapter over HTTP against the local Bot API emulator, beside a bare telegraf
// echo bot on a fresh emulator in the same run. Both see the same citizens typing the same script.
import pino from "pino";
import { Telegraf } from "telegraf";
import type { MessageHandler } from "../bots/channel.js";
import { startTelegram } from "../bots/telegram-adapter.js";
import { CallbackCodec, renderTelegram } from "../bots/telegram-render.js";
import { BotApiEmulator } from "../test/support/bot-api-emulator.js";
import { COMPLAINT_SCRIPT, percentile, withBenchApp } from "./dialog.js";

const STEP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const FIRST_USER_ID = 100_000;
const WARM_USER_ID = 900_000_000;

/** Whether the replies to the citizen's message number `step` (0-based) have all been sent to the chat. */
type Replied = (chatId: string, step: number, sentToChat: number) => boolean;

/**
 * Each citizen sends the whole script, each message only after the replies to the previous one arrived.
 * One emulator listener follows deliveries for all chats (a waitFor per citizen would recheck every citizen
 * on every API call). The first failure (or `cancel`) ends every citizen at once, so no timer outlives the run.
 */
async function drive(
  emulator: BotApiEmulator,
  run: { label: string; citizens: number; firstUserId: number; replied: Replied; cancel?: AbortSignal },
): Promise<{ messages: number; messagesPerSecond: number; p50Ms: number; p99Ms: number; lastReplies: string[] }> {
  // One list of waiting citizens, not an abort listener each (adding one to a signal scans all the others).
  const waiters = new Map<string, { wake(): void; fail(error: Error): void }>();
  const counts = new Map<string, number>();
  let seen = 0;
  let done = false;
  const following = emulator
    .waitFor(() => {
      for (; seen < emulator.sent.length; seen += 1) {
        const chatId = emulator.sent[seen]?.chatId ?? "";
        counts.set(chatId, (counts.get(chatId) ?? 0) + 1);
        waiters.get(chatId)?.wake();
      }
      return done;
    }, 24 * 3600_000)
    .catch(() => undefined);
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of [...waiters.values()]) waiter.fail(failure);
  };
  const onCancel = () => failAll(run.cancel?.reason instanceof Error ? run.cancel.reason : new Error("cancelled"));
  if (run.cancel?.aborted) onCancel();
  run.cancel?.addEventListener("abort", onCancel, { once: true });
  const waitForReplies = (chatId: string, step: number) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const timer = setTimeout(() => {
        const text = JSON.stringify(COMPLAINT_SCRIPT[step]);
        failAll(
          new Error(
            `telegram bench (${run.label}): citizen ${chatId} got no reply to message ${step + 1} (${text}) ` +
              `within ${STEP_TIMEOUT_MS / 1000} s; ${counts.get(chatId) ?? 0} messages sent to the chat so far`,
          ),
        );
      }, STEP_TIMEOUT_MS);
      const settle = () => {
        clearTimeout(timer);
        waiters.delete(chatId);
      };
      waiters.set(chatId, {
        wake: () => run.replied(chatId, step, counts.get(chatId) ?? 0) && (settle(), resolve()),
        fail: (error) => (settle(), reject(error)),
      });
    });
  const latencies: number[] = [];
  const lastReplies: string[] = [];
  const started = performance.now();
  let seconds = 0;
  try {
    await Promise.all(
      Array.from({ length: run.citizens }, async (_, index) => {
        const user = { id: run.firstUserId + index, first_name: `Warga ${index}` };
        for (const [step, text] of COMPLAINT_SCRIPT.entries()) {
          const sentAt = performance.now();
          const replies = waitForReplies(String(user.id), step);
          emulator.text(user, text);
          await replies;
          latencies.push(performance.now() - sentAt);
        }
        lastReplies.push(emulator.sentTo(user.id).at(-1)?.text ?? "");
      }),
    );
    seconds = (performance.now() - started) / 1000;
  } finally {
    run.cancel?.removeEventListener("abort", onCancel);
    done = true;
    // The listener only runs on an API call: one more call lets it see `done` and release its timer.
    await fetch(`${emulator.apiRoot}/bot${emulator.token}/getMe`).catch(() => undefined);
    await following;
  }
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    messages: latencies.length,
    messagesPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    lastReplies,
  };
}

async function withinTime<T>(task: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`telegram bench: ${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([task, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface BotUnderTest {
  replied: Replied;
  stop(): Promise<unknown>;
  /** Aborted when the bot died on its own: the citizens stop waiting at once. */
  cancel?: AbortSignal;
}

/** A fresh emulator, the bot on it, one warm-up citizen (not counted), the measured run; always cleaned up. */
async function measure(label: string, citizens: number, start: (emulator: BotApiEmulator) => Promise<BotUnderTest>) {
  const emulator = await BotApiEmulator.start();
  let bot: BotUnderTest | undefined;
  try {
    bot = await withinTime(start(emulator), STEP_TIMEOUT_MS, `starting the ${label}`);
    const { replied, cancel } = bot;
    await drive(emulator, { label: `${label}, warm-up`, citizens: 1, firstUserId: WARM_USER_ID, replied, cancel });
    return await drive(emulator, { label, citizens, firstUserId: FIRST_USER_ID, replied, cancel });
  } finally {
    // A stuck stop is reported, never thrown over the run's own error.
    await withinTime(bot?.stop() ?? Promise.resolve(), STOP_TIMEOUT_MS + 5000, `stopping the ${label}`).catch((error: unknown) =>
      process.stderr.write(`  ${error instanceof Error ? error.message : String(error)}\n`),
    );
    await emulator.close();
  }
}

async function benchOurBot(citizens: number) {
  const { lastReplies, ...run } = await withBenchApp((app) =>
    measure("our bot", citizens, async (emulator) => {
      // The runner's replies tell how many API calls answer a step; the citizen waits for all of them.
      const codec = new CallbackCodec();
      const handled = new Map<string, { steps: number; calls: number }>();
      const handler: MessageHandler = {
        async handle(message) {
          const replies = await app.runner.handle(message);
          const chat = handled.get(message.chatId) ?? { steps: 0, calls: 0 };
          chat.steps += 1;
          for (const reply of replies) chat.calls += renderTelegram(reply, codec).length;
          handled.set(message.chatId, chat);
          return replies;
        },
      };
      const channel = await startTelegram({
        token: emulator.token,
        apiRoot: emulator.apiRoot,
        handler,
        logger: pino({ level: "silent" }),
        // Telegram's real limits (1 msg/s per chat, 30 msg/s overall) would cap both bots at 30 msg/s and
        // measure the pacing, not the bot; the echo bot has no pacing at all, so ours is off here too.
        sender: { globalPerSecond: Number.POSITIVE_INFINITY, perChatIntervalMs: 0 },
      });
      const replied: Replied = (chatId, step, sent) => {
        const chat = handled.get(chatId);
        return chat !== undefined && chat.steps > step && sent >= chat.calls;
      };
      return { replied, stop: () => channel.stop() };
    }),
  );
  const unfiled = lastReplies.filter((text) => !/LPR-[0-9A-Z]{8}/.test(text));
  if (unfiled.length > 0) {
    throw new Error(
      `telegram bench: ${unfiled.length} of ${citizens} citizens got no tracking code at the end of the script; ` +
        `e.g. ${JSON.stringify(unfiled[0])}`,
    );
  }
  return run;
}

function benchEchoBot(citizens: number) {
  return measure("echo bot", citizens, async (emulator) => {
    const bot = new Telegraf(emulator.token, { telegram: { apiRoot: emulator.apiRoot } });
    bot.on("text", (ctx) => ctx.reply(ctx.message.text));
    // launch() never resolves while polling (only after stop()), so it is not awaited; if it fails, the run ends.
    const died = new AbortController();
    const launched = bot
      .launch()
      .catch((error: unknown) => died.abort(new Error(`telegram bench: echo bot failed: ${String(error)}`)));
    return {
      replied: (_chatId, step, sent) => sent > step,
      cancel: died.signal,
      stop() {
        try {
          bot.stop("bench done");
        } catch {
          // "Bot is not running!": launch() already failed.
        }
        return launched;
      },
    };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Our bot and the echo bot alternately, `rounds` times each: one run of either swings by 10-20 % on this
 * machine, so the ratio is taken between the medians and the range of the single-run ratios is shown.
 */
export async function benchTelegram(
  citizens: number,
  rounds = 3,
): Promise<{
  citizens: number;
  messages: number;
  ourMessagesPerSecond: number;
  echoMessagesPerSecond: number;
  ratio: number;
  ratioRange: [number, number];
  p50Ms: number;
  p99Ms: number;
}> {
  if (!Number.isInteger(citizens) || citizens < 1) throw new Error(`telegram bench: citizens must be >= 1, got ${citizens}`);
  const ours: Awaited<ReturnType<typeof benchOurBot>>[] = [];
  const echo: Awaited<ReturnType<typeof benchEchoBot>>[] = [];
  for (let round = 0; round < rounds; round += 1) {
    ours.push(await benchOurBot(citizens));
    echo.push(await benchEchoBot(citizens));
  }
  const ourRate = median(ours.map((run) => run.messagesPerSecond));
  const echoRate = median(echo.map((run) => run.messagesPerSecond));
  const ratios = ours.map((run, index) => run.messagesPerSecond / (echo[index]?.messagesPerSecond ?? Infinity));
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  return {
    citizens,
    messages: ours[0]?.messages ?? 0,
    ourMessagesPerSecond: ourRate,
    echoMessagesPerSecond: echoRate,
    ratio: round3(ourRate / echoRate),
    ratioRange: [round3(Math.min(...ratios)), round3(Math.max(...ratios))],
    p50Ms: median(ours.map((run) => run.p50Ms)),
    p99Ms: median(ours.map((run) => run.p99Ms)),
  };
}
