// Delivers outbox rows through the channel senders: in order per chat, chats in parallel, transient
// failures retried with backoff, permanent ones (blocked, chat gone) recorded and not retried.
// A row is marked SENT right after the send: a crash in that gap resends once (at-least-once).
import type { Logger } from "pino";
import type { ChannelSender } from "./push-message.js";
import type { PrismaClient } from "../db/database.js";
import type { Prisma } from "@prisma/client";
import type { Clock } from "./clock.js";
import { decodePayload } from "./outbox.js";

export const OUTBOX_MAX_ATTEMPTS = 25;
const BATCH = 200;
const PARALLEL_CHATS = 16;

function backoffMs(attempts: number): number {
  return Math.min(10 * 60_000, 1000 * 2 ** Math.min(attempts, 10));
}

export type DeliveryOutcome = "sent" | "failed" | "retry";

interface Row {
  id: number;
  channel: string;
  chatId: string;
  payload: string;
  attempts: number;
}

export class OutboxDispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private timer: NodeJS.Timeout | undefined;
  /** Drains run one after another, never two at once (that could send a row twice). */
  private chain: Promise<unknown> = Promise.resolve();
  /** A nudge's drain is queued and not started yet: further nudges need no drain of their own. */
  private nudgeQueued = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Counts for metrics (wired in app/compose.ts). */
    private readonly onDelivery?: (channel: string, outcome: DeliveryOutcome) => void,
  ) {}

  registerSender(sender: ChannelSender): void {
    this.senders.set(sender.channel, sender);
  }

  /** The channels this dispatcher delivers to (those with a registered sender). */
  get channels(): string[] {
    return [...this.senders.keys()];
  }

  /** Polls for due rows until stop(); nudge() after a commit delivers without waiting for the poll. */
  start(pollMs: number): void {
    this.timer = setInterval(() => this.nudge(), pollMs);
    this.timer.unref();
    this.nudge();
  }

  nudge(): void {
    if (this.nudgeQueued) return;
    this.nudgeQueued = true;
    this.drain(() => (this.nudgeQueued = false)).catch((error: unknown) =>
      this.logger.error({ err: error }, "outbox drain failed"),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** Delivers every due row whose channel has a sender; returns how many were sent. */
  drain(onStart?: () => void): Promise<number> {
    const run = this.chain.then(() => {
      onStart?.();
      return this.drainAll();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.drainBatch();
      total += sent.sent;
      if (sent.fetched < BATCH || sent.progress === 0) return total;
    }
  }

  private async drainBatch(): Promise<{ fetched: number; sent: number; progress: number }> {
    const senders = [...this.senders.values()];
    if (senders.length === 0) return { fetched: 0, sent: 0, progress: 0 };
    const reachable = senders.map((sender) =>
      sender.reachableChats
        ? { channel: sender.channel, chatId: { in: [...sender.reachableChats] } }
        : { channel: sender.channel },
    );
    const rows: Row[] = await this.prisma.outboxMessage.findMany({
      where: { status: "PENDING", nextAttemptAt: { lte: this.clock() }, OR: reachable },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, channel: true, chatId: true, payload: true, attempts: true },
    });
    const byChat = new Map<string, Row[]>();
    for (const row of rows) {
      const key = `${row.channel}:${row.chatId}`;
      byChat.set(key, [...(byChat.get(key) ?? []), row]);
    }
    let sent = 0;
    let progress = 0;
    const chats = [...byChat.values()];
    for (let i = 0; i < chats.length; i += PARALLEL_CHATS) {
      await Promise.all(
        chats.slice(i, i + PARALLEL_CHATS).map(async (chatRows) => {
          for (const row of chatRows) {
            const outcome = await this.deliver(row);
            this.onDelivery?.(row.channel, outcome);
            progress += 1;
            if (outcome === "sent") sent += 1;
            // Keep the chat's order: a later message waits while an earlier one is retried.
            if (outcome === "retry") break;
          }
        }),
      );
    }
    return { fetched: rows.length, sent, progress };
  }

  /** Its own transaction: on the shared connection a bare write could join another chat's open transaction. */
  private async record(id: number, data: Prisma.OutboxMessageUpdateInput): Promise<void> {
    await this.prisma.$transaction((tx) => tx.outboxMessage.update({ where: { id }, data }));
  }

  private async deliver(row: Row): Promise<DeliveryOutcome> {
    const sender = this.senders.get(row.channel);
    if (!sender) return "retry";
    let result;
    try {
      result = await sender.send(row.chatId, decodePayload(row.payload));
    } catch (error) {
      result = { ok: false as const, permanent: false, error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock();
    if (result.ok) {
      await this.record(row.id, { status: "SENT", sentAt: now, attempts: row.attempts + 1 });
      return "sent";
    }
    const attempts = row.attempts + 1;
    const failed = result.permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
    await this.record(row.id, {
      status: failed ? "FAILED" : "PENDING",
      attempts,
      lastError: result.error.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + (result.retryAfterMs ?? backoffMs(attempts))),
    });
    this.logger.warn(
      { channel: row.channel, chatId: row.chatId, outboxId: row.id, attempts, permanent: failed },
      "outbox delivery failed",
    );
    return failed ? "failed" : "retry";
  }
}
