// Delivers outbox rows through the channel senders: in order per chat, chats in parallel, transient
// failures retried with backoff, permanent ones (blocked, chat gone) recorded and not retried.
// A row is marked SENT right after the send: a crash in that gap resends once (at-least-once).
// Every read and write is a unit of work of its own (db/transactions.ts), so it never sees rows of a
// step that has not committed and may yet roll back. Sends happen between units, never inside one.
import type { Logger } from "pino";
import type { ChannelSender, DeliveryContext, SendResult } from "./push-message.js";
import { lastInboundAt } from "../db/chat-activity-repository.js";
import { complaintSummary } from "../db/complaint-repository.js";
import {
  claimDueOutboxRows,
  releaseOutboxRows,
  updateOutboxRow,
  type DueOutboxRow,
  type OutboxRowChanges,
} from "../db/outbox-repository.js";
import type { Transactions } from "../db/transactions.js";
import type { Clock } from "./clock.js";
import { decodePayload } from "./outbox.js";
import { STATUS_LABEL } from "./complaint-status.js";
import { isStatus } from "./lifecycle-rules.js";
import { OUTBOX_STATUS, WINDOW_CLOSED_CODE } from "./outbox-delivery.js";

export const OUTBOX_MAX_ATTEMPTS = 25;
const BATCH = 200;
const PARALLEL_CHATS = 16;
/** How long a claimed row is this dispatcher's: longer than any send may take (a stuck one times out at 45 s). */
const CLAIM_LEASE_MS = 2 * 60_000;

function backoffMs(attempts: number): number {
  return Math.min(10 * 60_000, 1000 * 2 ** Math.min(attempts, 10));
}

export type DeliveryOutcome = "sent" | "failed" | "retry";

type Row = DueOutboxRow;

export class OutboxDispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private timer: NodeJS.Timeout | undefined;
  /** Drains run one after another, never two at once (that could send a row twice). */
  private chain: Promise<unknown> = Promise.resolve();
  /** A nudge's drain is queued and not started yet: further nudges need no drain of their own. */
  private nudgeQueued = false;

  constructor(
    private readonly transactions: Transactions,
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
      sender.reachableChats ? { channel: sender.channel, chatIds: sender.reachableChats } : { channel: sender.channel },
    );
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    const rows = await this.transactions.run((tx) => claimDueOutboxRows(tx, { now, leaseUntil, reachable, limit: BATCH }));
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
          for (const [index, row] of chatRows.entries()) {
            const outcome = await this.deliver(row);
            this.onDelivery?.(row.channel, outcome);
            progress += 1;
            if (outcome === "sent") sent += 1;
            // Keep the chat's order: a later message waits while an earlier one is retried (its claim ends now).
            if (outcome === "retry") {
              const waiting = chatRows.slice(index + 1).map((later) => later.id);
              await this.transactions.run(({ db }) => releaseOutboxRows(db, waiting, this.clock()));
              break;
            }
          }
        }),
      );
    }
    return { fetched: rows.length, sent, progress };
  }

  private async record(id: number, changes: OutboxRowChanges): Promise<void> {
    await this.transactions.run(({ db }) => updateOutboxRow(db, id, changes));
  }

  /** For channels with a service window (WhatsApp Cloud API): when the recipient last wrote, and what the push is about. */
  private async deliveryContext(row: Row): Promise<DeliveryContext> {
    const { inboundAt, complaint } = await this.transactions.run(async ({ db }) => ({
      inboundAt: await lastInboundAt(db, row.channel, row.chatId),
      complaint: row.complaintId ? await complaintSummary(db, row.complaintId) : null,
    }));
    return {
      lastInboundAt: inboundAt,
      complaint: complaint
        ? {
            trackingCode: complaint.trackingCode,
            statusLabel: isStatus(complaint.status) ? STATUS_LABEL[complaint.status] : complaint.status,
          }
        : null,
      windowClosed: row.errorCode === WINDOW_CLOSED_CODE,
    };
  }

  private async deliver(row: Row): Promise<DeliveryOutcome> {
    const sender = this.senders.get(row.channel);
    if (!sender) return "retry";
    let result: SendResult;
    let context: DeliveryContext | undefined;
    try {
      context = sender.wantsDeliveryContext ? await this.deliveryContext(row) : undefined;
      result = await sender.send(row.chatId, decodePayload(row.payload), context);
    } catch (error) {
      result = { ok: false as const, permanent: false, error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock();
    if (result.ok) {
      const platformMessageId = result.platformMessageIds?.at(-1) ?? null;
      if (result.held) {
        // Only the notice went out; the message itself waits for the recipient's next message (recordInbound).
        const seenBefore = context?.lastInboundAt?.getTime() ?? 0;
        await this.transactions.run(async ({ db }) => {
          await updateOutboxRow(db, row.id, {
            status: OUTBOX_STATUS.HELD,
            attempts: row.attempts + 1,
            platformMessageId,
            deliveryStatus: null,
          });
          // The recipient wrote while the notice was on its way: release at once instead of waiting for the next message.
          const inboundAt = await lastInboundAt(db, row.channel, row.chatId);
          if (inboundAt && inboundAt.getTime() > seenBefore) {
            await updateOutboxRow(db, row.id, { status: OUTBOX_STATUS.PENDING, nextAttemptAt: now, errorCode: null });
          }
        });
        return "sent";
      }
      await this.record(row.id, {
        status: OUTBOX_STATUS.SENT,
        sentAt: now,
        attempts: row.attempts + 1,
        platformMessageId,
        deliveryStatus: null,
        errorCode: null,
      });
      return "sent";
    }
    const attempts = row.attempts + 1;
    const failed = result.permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
    await this.record(row.id, {
      status: failed ? OUTBOX_STATUS.FAILED : OUTBOX_STATUS.PENDING,
      attempts,
      lastError: result.error.slice(0, 500),
      errorCode: result.code ?? null,
      nextAttemptAt: new Date(now.getTime() + (result.retryAfterMs ?? backoffMs(attempts))),
    });
    this.logger.warn(
      { channel: row.channel, chatId: row.chatId, outboxId: row.id, attempts, permanent: failed },
      "outbox delivery failed",
    );
    return failed ? "failed" : "retry";
  }
}
