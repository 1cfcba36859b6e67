// Downloads a photo the citizen sent: getFile for its path, then the file route of the Bot API server.
// Never throws: the dialog goes on with a clear message when the file is too large or unreachable.
import type { Logger } from "pino";
import type { Telegram } from "telegraf";
import type { InboundPhoto } from "./channel.js";
import { describeTelegramError } from "./telegram-errors.js";
import { MAX_DOWNLOAD_BYTES, type PhotoToFetch } from "./telegram-inbound.js";
import { timeoutSignal } from "./telegram-sender.js";

export interface DownloadOptions {
  telegram: Telegram;
  apiRoot: string;
  logger: Logger;
  maxBytes?: number;
  timeoutMs?: number;
}

/** Reads the body but stops as soon as it passes the limit (a lying or missing Content-Length). */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer | "too_large"> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return "too_large";
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) return "too_large";
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export async function downloadPhoto(photo: PhotoToFetch, options: DownloadOptions, chatId: string): Promise<InboundPhoto> {
  if ("tooLarge" in photo) return { ok: false, reason: "too_large" };
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const token = options.telegram.token;
  try {
    const file = await options.telegram.callApi("getFile", { file_id: photo.fileId }, { signal: timeoutSignal(timeoutMs) });
    if ((file.file_size ?? 0) > maxBytes) return { ok: false, reason: "too_large" };
    if (!file.file_path) return { ok: false, reason: "download_failed" };
    const root = options.apiRoot.replace(/\/+$/, "");
    const response = await fetch(`${root}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      options.logger.warn({ chatId, status: response.status }, "telegram photo download failed");
      return { ok: false, reason: "download_failed" };
    }
    const data = await readCapped(response, maxBytes);
    if (data === "too_large") return { ok: false, reason: "too_large" };
    if (data.length === 0) return { ok: false, reason: "download_failed" };
    return { ok: true, data, mimeType: photo.mimeType, ...(photo.fileName ? { fileName: photo.fileName } : {}) };
  } catch (error) {
    const description = describeTelegramError(error, token);
    if (/file is too big/i.test(description)) return { ok: false, reason: "too_large" };
    options.logger.warn({ chatId, error: description }, "telegram photo download failed");
    return { ok: false, reason: "download_failed" };
  }
}
