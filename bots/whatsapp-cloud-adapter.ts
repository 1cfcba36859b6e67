// The WhatsApp Cloud API channel (the official Business Platform): signed webhooks in, Graph API calls
// out. The runner's queue keeps each chat in order (recording the open window and fetching an image run
// in the chat's turn there) while chats run in parallel; it drops a message id (wamid) it has seen, so
// Meta's redeliveries are processed once. Delivery receipts go to the outbox through onReceipt.
import type { Logger } from "pino";
import type { DeliveryReceipt } from "../complaints/outbox-delivery.js";
import { TaskTracker } from "./task-tracker.js";
import { APOLOGY_TEXT } from "./apology.js";
import type { InboundDetails, InboundPhoto, MessageHandler, OutboundMessage, RunningChannel } from "./channel.js";
import { createGraphApi, type GraphApi } from "./whatsapp-cloud-api.js";
import { MAX_IMAGE_BYTES, readPayload, type ReadMessage } from "./whatsapp-cloud-inbound.js";
import { createCloudSender, type CloudSender, type CloudSenderTuning } from "./whatsapp-cloud-sender.js";
import type { WebhookServer } from "./telegram-webhook.js";
import { startCloudWebhook, WEBHOOK_PATH } from "./whatsapp-cloud-webhook.js";

export interface WhatsAppCloudOptions {
  token: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  /** Default https://graph.facebook.com/v21.0; tests point it at the Graph API emulator. */
  apiRoot: string;
  webhook: { port: number; host?: string; path?: string };
  /** The approved status-notice template for pushes outside the 24-hour window. */
  template?: { name: string; language: string };
  handler: MessageHandler;
  logger: Logger;
  /** A reply that still failed after the sender's retries (not a permanent refusal): hand it to the outbox. */
  onUndelivered?: (chatId: string, message: OutboundMessage, retryAfterMs?: number) => Promise<void>;
  /** The citizen wrote at `at`: the window is open again and held pushes may go. */
  onInbound?: (chatId: string, at: Date) => Promise<void>;
  /** Meta's receipt for a message we sent (sent, delivered, read, failed with its code). */
  onReceipt?: (receipt: DeliveryReceipt) => Promise<void>;
  clock?: () => Date;
  sender?: Partial<CloudSenderTuning>;
  maxImageBytes?: number;
  /** How long stop() waits for queued replies to go out (default 15 s). */
  stopTimeoutMs?: number;
}

export interface WhatsAppCloudChannel extends RunningChannel {
  readonly sender: CloudSender;
  /** The bound webhook port (tests listen on port 0). */
  readonly webhookPort: number;
}

async function fetchImage(api: GraphApi, media: NonNullable<ReadMessage["media"]>, maxBytes: number): Promise<InboundPhoto> {
  const info = await api.getMedia(media.mediaId);
  if (!info.ok) return { ok: false, reason: "download_failed" };
  if ((info.fileSize ?? 0) > maxBytes) return { ok: false, reason: "too_large" };
  const file = await api.download(info.url, maxBytes);
  if (!file.ok) return { ok: false, reason: file.kind === "too_large" ? "too_large" : "download_failed" };
  if (file.data.length === 0) return { ok: false, reason: "download_failed" };
  return {
    ok: true,
    data: file.data,
    mimeType: info.mimeType || media.mimeType,
    ...(media.fileName ? { fileName: media.fileName } : {}),
  };
}

export async function startWhatsAppCloud(options: WhatsAppCloudOptions): Promise<WhatsAppCloudChannel> {
  const { logger, handler } = options;
  const clock = options.clock ?? (() => new Date());
  const maxImageBytes = options.maxImageBytes ?? MAX_IMAGE_BYTES;
  const api = createGraphApi({ apiRoot: options.apiRoot, token: options.token, phoneNumberId: options.phoneNumberId });
  const sender = createCloudSender({
    api,
    logger,
    clock,
    ...(options.template ? { template: options.template } : {}),
    ...(options.sender ? { tuning: options.sender } : {}),
  });
  // Messages in the runner, and sends and receipts: a graceful stop waits for both.
  const inFlight = new TaskTracker();
  const sideTasks = new TaskTracker();
  const track = (task: Promise<unknown>) => sideTasks.track(task);
  const logError = (what: string) => (error: unknown) =>
    logger.error({ error: error instanceof Error ? error.message : String(error) }, what);

  /** The chat's turn in the runner starts here: the window recorded before the step, then the image. */
  async function complete(read: ReadMessage): Promise<InboundDetails> {
    // Before the reply: a push held for this chat goes out now that the window is open again.
    await options.onInbound?.(read.message.chatId, read.at).catch(logError("whatsapp cloud: recording the window failed"));
    return read.media ? { photo: await fetchImage(api, read.media, maxImageBytes) } : {};
  }

  async function handleMessage(read: ReadMessage): Promise<void> {
    const chatId = read.message.chatId;
    const started = performance.now();
    try {
      const replies = await handler.handle({ ...read.message, complete: () => complete(read) });
      // Handed over at once, nothing awaited in between: the runner resolves one chat's messages in order.
      for (const reply of replies) {
        track(
          sender.send(chatId, reply).then(async (result) => {
            if (!result.ok && !result.permanent) await options.onUndelivered?.(chatId, reply, result.retryAfterMs);
          }),
        );
      }
      logger.debug(
        { chatId, replies: replies.length, ms: Math.round(performance.now() - started) },
        "whatsapp cloud message handled",
      );
    } catch (error) {
      logError("whatsapp cloud message failed")(error);
      track(sender.send(chatId, { text: APOLOGY_TEXT }));
    }
  }

  async function onPayload(payload: unknown): Promise<void> {
    const read = readPayload(payload, options.phoneNumberId, clock());
    for (const receipt of read.receipts) {
      track((options.onReceipt?.(receipt) ?? Promise.resolve()).catch(logError("whatsapp cloud: recording a receipt failed")));
    }
    // Handed to the runner in payload order; not awaited, so one slow chat never holds another.
    for (const message of read.messages) {
      // In memory and at once: the sender knows the window is open before any push to this chat is tried.
      sender.noteInbound(message.message.chatId, message.at);
      inFlight.track(handleMessage(message));
    }
  }

  const webhook: WebhookServer = await startCloudWebhook({
    port: options.webhook.port,
    ...(options.webhook.host ? { host: options.webhook.host } : {}),
    path: options.webhook.path ?? WEBHOOK_PATH,
    appSecret: options.appSecret,
    verifyToken: options.verifyToken,
    logger,
    onPayload,
  });
  logger.info(
    { port: webhook.port, path: options.webhook.path ?? WEBHOOK_PATH, template: options.template?.name ?? null },
    "whatsapp cloud webhook started",
  );
  let stopping = false;

  return {
    sender,
    webhookPort: webhook.port,
    async stop() {
      if (stopping) return;
      stopping = true;
      await webhook.close();
      await inFlight.idle();
      // Replies already queued go out; a chat stuck in retries does not hold the stop forever.
      await sideTasks.settle(options.stopTimeoutMs ?? 15_000);
      logger.info({ pendingSends: sideTasks.size }, "whatsapp cloud stopped");
    },
  };
}
