// The per-chat runner: every inbound message, from any channel, takes this path.
// Parse once -> serial per chat -> dedup -> (staff/citizen command | complaint dialog step) -> the
// step's replies recorded with its dedup row -> commit -> replies. Dialog messages take a synchronous
// transaction over prepared statements (the fast path); commands, /status and answers to officers go
// through Prisma's interactive transaction, on the same connection.
import type { Logger } from "pino";
import type { InboundMessage, MessageHandler } from "./inbound-message.js";
import type { OutboundMessage } from "../complaints/push-message.js";
import type { PrismaClient } from "../db/database.js";
import type { SqlStore, StaffRecord } from "../db/sql-store.js";
import { GroupCommit } from "../db/group-commit.js";
import { transaction } from "../db/transaction.js";
import type { Clock } from "../complaints/clock.js";
import type { CommandContext, CommandHandler } from "./command-handler.js";
import { NOTICES } from "./complaint-copy.js";
import { loadDialog, runComplaintStep, type ComplaintStepDeps } from "./complaint-step.js";
import { KeyedQueue } from "./keyed-queue.js";
import { RateLimiter } from "./rate-limiter.js";
import { renderQuestion } from "./complaint-render.js";
import { currentQuestion, type RestoredDialog } from "./dialog-snapshot.js";
import type { CitizenReplies } from "./pending-answer.js";
import { parseInbound, type ParsedInput } from "./parsed-input.js";
import { decodeReplies, encodeReplies } from "../complaints/outbox.js";
import { randomUUID } from "node:crypto";

export interface RunnerDeps extends ComplaintStepDeps {
  prisma: PrismaClient;
  store: SqlStore;
  clock: Clock;
  logger: Logger;
  /** Asked only for registered staff, before anything else. */
  staffCommands: CommandHandler[];
  /** Asked for everyone (citizens and staff) before the complaint dialog. */
  citizenCommands: CommandHandler[];
  /** Slash words the citizen commands answer (without the slash), e.g. "status". */
  citizenCommandWords: ReadonlySet<string>;
  /** Plain replies at the menu to an officer's question or to the SELESAI message. */
  citizenReplies?: CitizenReplies;
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

/** Thrown inside a fast-path step whose effect needs the command path (an answer to an officer, /status). */
class NeedsCommandPath extends Error {}

/** What one committed step produced. */
interface Outcome {
  replies: OutboundMessage[];
  /** The step may have written outbox rows (a filing, any command). */
  queued: boolean;
  filed: boolean;
}

const NOTHING: Outcome = { replies: [], queued: false, filed: false };
const commanded = (replies: OutboundMessage[]): Outcome => ({ replies, queued: true, filed: false });

/** How a message is routed, with the staff lookup made for it (undefined: not looked up yet). */
interface Route {
  commands: boolean;
  staff?: StaffRecord | null;
}

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
  private readonly groupCommit: GroupCommit;
  /** This run of the process: a repeat it handled itself was answered already; one handled before a crash was maybe not. */
  private readonly runId = randomUUID();
  private stopped = false;

  constructor(private readonly deps: RunnerDeps) {
    this.limiter = new RateLimiter(deps.rateLimitPerMinute, () => deps.clock().getTime());
    this.groupCommit = new GroupCommit(deps.store);
  }

  async handle(message: InboundMessage): Promise<OutboundMessage[]> {
    if (this.stopped) return [];
    this.deps.observer?.received(message.channel);
    const decision = this.deps.unlimitedChannels?.has(message.channel)
      ? "allow"
      : this.limiter.check(`${message.channel}:${message.userId}`);
    if (decision === "drop") return [];
    if (decision === "notify") return [{ text: NOTICES.rateLimited }];
    const input = parseInbound(message);
    return this.queue.run(`${message.channel}:${message.chatId}`, () => this.process(message, input));
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

  private async process(message: InboundMessage, input: ParsedInput): Promise<OutboundMessage[]> {
    // Fields per call rather than a child logger per message: a child costs an allocation even when unused.
    const log = this.deps.logger;
    const chat = { channel: message.channel, chatId: message.chatId };
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const route = this.route(message, input);
        const outcome = route.commands
          ? await this.slowPath(message, input, route)
          : await this.fastPath(message, input).catch((error: unknown) => {
              // Rolled back with its savepoint: the command path takes it.
              if (error instanceof NeedsCommandPath) return this.slowPath(message, input, route);
              throw error;
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

  private findStaff(message: InboundMessage): StaffRecord | null {
    const identity = `${message.channel}:${message.userId}`;
    // WhatsApp staff may be registered by phone number, since @lid ids are not known in advance.
    return this.deps.store.findStaff(message.phone ? [identity, `${message.channel}:${message.phone}`] : [identity]);
  }

  /**
   * Staff commands, citizen commands, buttons of pushed messages (their question ids carry a code),
   * captioned photos and replies to an officer's question need the command handlers; everything else
   * is the dialog's. Decided with cheap reads so form answers and /lapor stay on the fast path.
   */
  private route(message: InboundMessage, input: ParsedInput): Route {
    switch (input.kind) {
      case "choice":
        return { commands: input.questionId.includes(":") || input.questionId === "answerOrNew" };
      case "photo":
        return { commands: /LPR/i.test(input.caption) };
      case "command": {
        if (this.deps.citizenCommandWords.has(input.name)) return { commands: true };
        const staff = this.findStaff(message);
        return { commands: staff !== null, staff };
      }
      case "text": {
        if (this.deps.citizenReplies === undefined) return { commands: false };
        // Ratings are typed for as long as the complaint may be reopened; the prefilter is generous (calendar days).
        const since = new Date(this.deps.clock().getTime() - (this.deps.sla.reopenDays * 2 + 14) * 86_400_000);
        return { commands: this.deps.store.awaitsCitizenReply(message.channel, message.userId, since) };
      }
      default:
        return { commands: false };
    }
  }

  /** A message already handled: answered again only when another run (one that crashed) handled it. */
  private repeated(message: InboundMessage): Outcome | null {
    const prior = this.deps.store.processedMessage(message.channel, message.messageId);
    if (!prior) return null;
    if (prior.handledBy === this.runId || prior.replies === null) return NOTHING;
    return { replies: decodeReplies(prior.replies), queued: false, filed: false };
  }

  /** The dedup record and the replies, in the step's transaction: they commit together with its effects. */
  private recorded(message: InboundMessage, now: Date, outcome: Outcome): Outcome {
    this.deps.store.markProcessed(message.channel, message.messageId, now, this.runId, encodeReplies(outcome.replies));
    return outcome;
  }

  private async fastPath(message: InboundMessage, input: ParsedInput): Promise<Outcome> {
    const { store } = this.deps;
    return this.groupCommit.run(() => {
      const now = this.deps.clock();
      const repeated = this.repeated(message);
      if (repeated) return repeated;
      const result = runComplaintStep(store, { message, input, restored: loadDialog(store, message), now }, this.deps);
      if (result.officerAnswer || result.showOwnComplaints) throw new NeedsCommandPath();
      const filed = result.filedCode !== undefined;
      return this.recorded(message, now, { replies: result.replies, queued: filed, filed });
    });
  }

  private async slowPath(message: InboundMessage, input: ParsedInput, route: Route): Promise<Outcome> {
    return transaction(
      this.deps.prisma,
      async (db) => {
        const now = this.deps.clock();
        const repeated = this.repeated(message);
        if (repeated) return repeated;
        const staff = route.staff === undefined ? this.findStaff(message) : route.staff;
        const context: CommandContext = { db, message, input, identity: `${message.channel}:${message.userId}`, staff, now };
        return this.recorded(message, now, await this.commandStep(context));
      },
      { maxWait: 60_000, timeout: 30_000 },
    );
  }

  /** The citizen commands' answer to /status: for "Cek status" at the menu. */
  private async ownComplaints(context: CommandContext): Promise<OutboundMessage[]> {
    const asStatus: CommandContext = { ...context, input: { kind: "command", name: "status", args: "" }, staff: null };
    for (const handler of this.deps.citizenCommands) {
      const replies = await handler.handle(asStatus);
      if (replies) return replies;
    }
    return [];
  }

  /**
   * A command typed in the middle of a form (/status, a staff command) leaves the form open: its answer
   * says so and asks the form's question again, in the same message (one answer per message).
   */
  private remindOpenForm(restored: RestoredDialog, replies: OutboundMessage[]): OutboundMessage[] {
    const last = replies.at(-1);
    if (!last || last.options?.length) return replies;
    const question = currentQuestion(restored.snapshot);
    if (question === "menu") return replies;
    const again = renderQuestion(question, restored.snapshot.context, this.deps.readers.names);
    return [...replies.slice(0, -1), { ...again, text: `${last.text}\n\n${NOTICES.formStillOpen}\n\n${again.text}` }];
  }

  private async commandStep(context: CommandContext): Promise<Outcome> {
    const { store } = this.deps;
    const { db, message, input, now } = context;
    const restored = loadDialog(store, message);
    const handlers = context.staff ? [...this.deps.staffCommands, ...this.deps.citizenCommands] : this.deps.citizenCommands;
    for (const handler of handlers) {
      const replies = await handler.handle(context);
      if (replies) return commanded(this.remindOpenForm(restored, replies));
    }
    const replies = this.deps.citizenReplies;
    let pendingQuestion: string | undefined;
    if (replies && input.kind === "text" && currentQuestion(restored.snapshot) === "menu") {
      const feedback = await replies.feedback(db, message, input.text);
      if (feedback) return commanded(feedback);
      pendingQuestion = (await replies.pendingQuestion(db, message)) ?? undefined;
    }
    const result = runComplaintStep(store, { message, input, restored, now }, this.deps, pendingQuestion ? { pendingQuestion } : {});
    if (result.officerAnswer && replies) {
      return commanded(await replies.answer(db, message, result.officerAnswer.code, result.officerAnswer.text));
    }
    if (result.showOwnComplaints) return { replies: await this.ownComplaints(context), queued: false, filed: false };
    const filed = result.filedCode !== undefined;
    return { replies: result.replies, queued: filed, filed };
  }
}
