// The per-chat runner: every inbound message, from any channel, takes this path.
// Flood control -> the chat's one queue: the platform's download (`complete`), parse once, one
// transaction (group-committed with other chats' steps): dedup, the step (message-step.ts), its replies
// recorded with the dedup row -> commit -> replies, resolved in the chat's order.
import type { Logger } from "pino";
import { randomUUID } from "node:crypto";
import { completeInbound, type InboundMessage, type MessageHandler } from "./inbound-message.js";
import type { OutboundMessage } from "../complaints/push-message.js";
import type { Transactions, Tx } from "../db/transactions.js";
import type { Clock } from "../complaints/clock.js";
import { decodeReplies, encodeReplies } from "../complaints/outbox.js";
import { NOTICES } from "./complaint-copy.js";
import { KeyedQueue } from "./keyed-queue.js";
import { RateLimiter } from "./rate-limiter.js";
import { parseInbound, type ParsedInput } from "./parsed-input.js";
import { runMessageStep, type MessageStepDeps, type StepOutcome } from "./message-step.js";

export interface RunnerDeps extends MessageStepDeps {
  /** The one way to the database: every step runs in `transactions.run`. */
  transactions: Transactions;
  clock: Clock;
  logger: Logger;
  rateLimitPerMinute: number;
  /** Channels not flood-limited: the terminal is the operator's own console (and scripted runs). */
  unlimitedChannels?: ReadonlySet<string>;
  /**
   * Called after a commit that may have queued outbox messages; `filed` when a citizen's form was filed
   * (a dialog step), otherwise a command ran (which may have recorded a staff decision).
   */
  onCommitted?: (step: { filed: boolean }) => void;
  /** Counts for metrics (wired in app/compose.ts); the runner knows no metrics library. */
  observer?: RunnerObserver;
  /** Test hook: runs after a step committed and before its replies are handed to the channel. */
  afterCommit?: (message: InboundMessage) => void;
}

/** One handled message, as metrics see it. */
export interface StepObservation {
  channel: string;
  seconds: number;
  replies: number;
  filed: boolean;
  /** The step failed and the citizen was asked to try again (nothing committed). */
  failed: boolean;
}

export interface RunnerObserver {
  received(channel: string): void;
  stepped(step: StepObservation): void;
}

const MAX_ATTEMPTS = 4;

const NOTHING: StepOutcome = { replies: [], queued: false, filed: false };

/** SQLite busy/locked or Prisma's transaction lock wait: worth another try. */
function isTransient(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? "")}` : String(error);
  return /SQLITE_BUSY|database is locked|P1008|P2028|timeout while waiting|Transaction already closed|Unable to start a transaction/i.test(
    text,
  );
}

export class ConversationRunner implements MessageHandler {
  private readonly queue = new KeyedQueue();
  private readonly limiter: RateLimiter;
  /** This run of the process: a repeat it handled itself was answered already; one handled before a crash was maybe not. */
  private readonly runId = randomUUID();
  private stopped = false;

  constructor(private readonly deps: RunnerDeps) {
    this.limiter = new RateLimiter(deps.rateLimitPerMinute, () => deps.clock().getTime());
  }

  async handle(message: InboundMessage): Promise<OutboundMessage[]> {
    if (this.stopped) return [];
    this.deps.observer?.received(message.channel);
    const decision = this.deps.unlimitedChannels?.has(message.channel)
      ? "allow"
      : this.limiter.check(`${message.channel}:${message.userId}`);
    if (decision === "drop") return [];
    const key = `${message.channel}:${message.chatId}`;
    // The notice waits its turn too: a chat's replies come back in the order of its messages.
    if (decision === "notify") return this.queue.run(key, async () => [{ text: NOTICES.rateLimited }]);
    return this.queue.run(key, () => this.turn(message));
  }

  /** Lets queued messages finish; new ones are refused (graceful stop). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue.idle();
  }

  /** Forgets flood-control windows that ended before `now` (ms); the limiter also does this every minute. */
  forgetIdleSenders(now: number = this.deps.clock().getTime()): void {
    this.limiter.sweep(now);
  }

  get activeChats(): number {
    return this.queue.activeKeys;
  }

  /** One message's turn in its chat: the platform's download first, so a slow photo keeps its place. */
  private async turn(message: InboundMessage): Promise<OutboundMessage[]> {
    let completed: InboundMessage;
    try {
      completed = await completeInbound(message);
    } catch (error) {
      // A broken adapter promise (it should never reject): nothing was stepped, the citizen may resend.
      this.deps.logger.error({ channel: message.channel, chatId: message.chatId, err: error }, "completing a message failed");
      this.observe(message, performance.now(), 1, false, true);
      return [{ text: NOTICES.tryAgain }];
    }
    return this.process(completed, parseInbound(completed));
  }

  private async process(message: InboundMessage, input: ParsedInput): Promise<OutboundMessage[]> {
    // Fields per call rather than a child logger per message: a child costs an allocation even when unused.
    const log = this.deps.logger;
    const chat = { channel: message.channel, chatId: message.chatId };
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        // The chat's lock keeps its messages in order across processes too (PostgreSQL).
        const outcome = await this.deps.transactions.run((tx) => this.step(tx, message, input), {
          lockKey: `${message.channel}:${message.chatId}`,
        });
        // Only a step that may have written outbox rows wakes the dispatcher (it queries the outbox).
        if (outcome.queued) this.deps.onCommitted?.({ filed: outcome.filed });
        this.deps.afterCommit?.(message);
        if (log.isLevelEnabled("debug"))
          log.debug({ ...chat, ms: Math.round(performance.now() - started), replies: outcome.replies.length }, "message handled");
        this.observe(message, started, outcome.replies.length, outcome.filed, false);
        return outcome.replies;
      } catch (error) {
        if (isTransient(error) && attempt < MAX_ATTEMPTS) {
          log.warn({ ...chat, attempt, err: error }, "database busy, retrying message");
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          continue;
        }
        // Nothing was committed, not even the dedup record: a redelivery or a resend is processed normally.
        log.error({ ...chat, err: error }, "message failed");
        this.observe(message, started, 1, false, true);
        return [{ text: NOTICES.tryAgain }];
      }
    }
  }

  private observe(message: InboundMessage, started: number, replies: number, filed: boolean, failed: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.deps.observer?.stepped({ channel: message.channel, seconds, replies, filed, failed });
  }

  /** A message already handled: answered again only when another run (one that crashed) handled it. */
  private async repeated(tx: Tx, message: InboundMessage): Promise<StepOutcome | null> {
    const prior = await tx.store.processedMessage(message.channel, message.messageId);
    if (!prior) return null;
    if (prior.handledBy === this.runId || prior.replies === null) return NOTHING;
    return { replies: decodeReplies(prior.replies), queued: false, filed: false };
  }

  /** The dedup record and the replies are written in the step's transaction: they commit with its effects. */
  private async step(tx: Tx, message: InboundMessage, input: ParsedInput): Promise<StepOutcome> {
    const repeated = await this.repeated(tx, message);
    if (repeated) return repeated;
    const now = this.deps.clock();
    const outcome = await runMessageStep(tx, { message, input, now }, this.deps);
    await tx.store.markProcessed(message.channel, message.messageId, now, this.runId, encodeReplies(outcome.replies));
    return outcome;
  }
}
