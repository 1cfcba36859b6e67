// Every message to the Cloud API, replies and outbox pushes alike, goes through here: one message at a
// time per chat (its parts stay together and in order), 5xx and network errors retried with backoff,
// throttling handed back to the outbox with a wait, permanent refusals reported with Meta's code.
// Outside the 24-hour window a push goes as the approved template notice and the message is held.
import type { Logger } from "pino";
import { KeyedQueue } from "../dialogs/keyed-queue.js";
import type { ChannelSender, DeliveryContext, OutboundMessage, SendResult } from "./channel.js";
import type { CloudMessage, GraphApi, GraphFailure } from "./whatsapp-cloud-api.js";
import { renderCloud, type CloudPart } from "./whatsapp-cloud-render.js";

export const WINDOW_MS = 24 * 3_600_000;

export interface CloudSenderTuning {
  /** Attempts for 5xx and network errors before the outbox takes over (default 4). */
  maxTransientAttempts: number;
  /** First backoff after a 5xx or network error, doubled each time (default 500 ms). */
  backoffBaseMs: number;
  /** Free text only while the window has at least this long left (default 10 min): a send takes time. */
  windowMarginMs: number;
}

export const DEFAULT_CLOUD_TUNING: CloudSenderTuning = {
  maxTransientAttempts: 4,
  backoffBaseMs: 500,
  windowMarginMs: 10 * 60_000,
};

export interface CloudSenderOptions {
  api: GraphApi;
  logger: Logger;
  /** The approved template for status notices outside the window; without it such pushes wait for the citizen. */
  template?: { name: string; language: string };
  clock?: () => Date;
  tuning?: Partial<CloudSenderTuning>;
}

export interface CloudSender extends ChannelSender {
  /** The chat wrote at `at` (the adapter calls this for every inbound message). */
  noteInbound(chatId: string, at: Date): void;
  idle(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Outbox rows and staff records may hold "+62...", "62...@c.us" (WhatsApp Web) or the bare wa_id. */
export function recipientOf(chatId: string): string | null {
  const digits = chatId
    .replace(/@c\.us$/, "")
    .replace(/^\+/, "")
    .replace(/[\s-]/g, "");
  return /^\d{6,15}$/.test(digits) ? digits : null;
}

/** Template parameters may not hold newlines, tabs or more than four spaces in a row. */
function templateText(value: string): string {
  return (
    value
      .replace(/[\n\t\r]+/g, " ")
      .replace(/ {2,}/g, " ")
      .trim()
      .slice(0, 200) || "-"
  );
}

type Outcome = { ok: true; ids: string[] } | (GraphFailure & { ids: string[] });

export function createCloudSender(options: CloudSenderOptions): CloudSender {
  const tuning = { ...DEFAULT_CLOUD_TUNING, ...options.tuning };
  const { api, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const queue = new KeyedQueue();
  const lastInbound = new Map<string, number>();
  let warnedNoTemplate = false;

  /** One Graph call with its 5xx/network retries. */
  async function call<T>(attempt: () => Promise<T | GraphFailure>): Promise<T | GraphFailure> {
    for (let failures = 1; ; failures += 1) {
      const result = await attempt();
      if (
        (result as { ok: boolean }).ok ||
        (result as GraphFailure).kind !== "transient" ||
        failures >= tuning.maxTransientAttempts
      ) {
        return result;
      }
      const backoff = Math.min(30_000, tuning.backoffBaseMs * 2 ** (failures - 1));
      logger.warn(
        { attempt: failures, backoffMs: backoff, error: (result as GraphFailure).description },
        "whatsapp cloud call failed, retrying",
      );
      await sleep(backoff);
    }
  }

  async function sendPart(to: string, part: CloudPart): Promise<{ ok: true; messageId: string } | GraphFailure> {
    let message: CloudMessage;
    if (part.kind === "message") message = part.message;
    else {
      const upload = await call(() => api.uploadMedia(part.file.data, part.file.mimeType, part.file.fileName));
      if (!upload.ok) return upload;
      const caption = part.caption ? { caption: part.caption } : {};
      message = part.asDocument
        ? { type: "document", document: { id: upload.mediaId, filename: part.file.fileName, ...caption } }
        : { type: "image", image: { id: upload.mediaId, ...caption } };
    }
    return call(() => api.sendMessage(to, message));
  }

  async function sendParts(to: string, parts: CloudPart[]): Promise<Outcome> {
    const ids: string[] = [];
    for (const part of parts) {
      const result = await sendPart(to, part);
      if (!result.ok) return { ...result, ids };
      ids.push(result.messageId);
    }
    return { ok: true, ids };
  }

  function windowOpen(chatId: string, context: DeliveryContext): boolean {
    if (context.windowClosed) return false;
    const known = Math.max(context.lastInboundAt?.getTime() ?? 0, lastInbound.get(chatId) ?? 0);
    return clock().getTime() < known + WINDOW_MS - tuning.windowMarginMs;
  }

  /** The approved notice (code + status); the message itself is held until the citizen writes. */
  async function sendNotice(to: string, context: DeliveryContext): Promise<SendResult> {
    if (!options.template) {
      if (!warnedNoTemplate) {
        warnedNoTemplate = true;
        logger.warn("WHATSAPP_CLOUD_TEMPLATE_STATUS is not set: pushes outside the 24-hour window wait until the citizen writes");
      }
      return { ok: true, held: true };
    }
    const parameters = [context.complaint?.trackingCode ?? "-", context.complaint?.statusLabel ?? "Ada pesan baru untuk Anda"];
    const result = await sendParts(to, [
      {
        kind: "message",
        message: {
          type: "template",
          template: {
            name: options.template.name,
            language: { code: options.template.language },
            components: [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text: templateText(text) })) }],
          },
        },
      },
    ]);
    if (result.ok) return { ok: true, held: true, platformMessageIds: result.ids };
    return failure(result);
  }

  function failure(result: GraphFailure): SendResult {
    return {
      ok: false,
      permanent: result.kind === "permanent",
      error: result.description,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
      ...(result.code !== undefined ? { code: String(result.code) } : {}),
    };
  }

  async function sendNow(chatId: string, message: OutboundMessage, context?: DeliveryContext): Promise<SendResult> {
    const to = recipientOf(chatId);
    if (!to)
      return { ok: false, permanent: true, error: `WhatsApp: "${chatId}" bukan nomor WhatsApp`, code: "invalid_recipient" };
    if (context && !windowOpen(to, context)) return sendNotice(to, context);
    const result = await sendParts(to, renderCloud(message));
    if (result.ok) return { ok: true, platformMessageIds: result.ids };
    // Our clock said the window was open, Meta's did not: the notice instead (outbox pushes only).
    if (result.code === 131047 && context && result.ids.length === 0) return sendNotice(to, { ...context, windowClosed: true });
    logger.warn({ chatId: to, code: result.code, kind: result.kind, error: result.description }, "whatsapp cloud send gave up");
    return failure(result);
  }

  return {
    channel: "whatsapp",
    wantsDeliveryContext: true,
    send(chatId, message, context) {
      return queue.run(recipientOf(chatId) ?? chatId, () =>
        sendNow(chatId, message, context).catch((error: unknown): SendResult => {
          // Only a bug in rendering gets here; the outbox treats it as transient and tries later.
          const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          logger.error({ chatId, error: description }, "whatsapp cloud send crashed");
          return { ok: false, permanent: false, error: description };
        }),
      );
    },
    noteInbound(chatId, at) {
      const time = at.getTime();
      if ((lastInbound.get(chatId) ?? 0) >= time) return;
      lastInbound.set(chatId, time);
      // Entries older than the window say nothing any more; sweep now and then to bound memory.
      if (lastInbound.size > 50_000) {
        const cutoff = clock().getTime() - WINDOW_MS;
        for (const [id, seen] of lastInbound) if (seen < cutoff) lastInbound.delete(id);
      }
    },
    idle: () => queue.idle(),
  };
}
