// The terminal chat: the same dialog as Telegram and WhatsApp over stdin/stdout, for trying the bot
// without tokens and for scripted runs (`printf '/lapor\n...' | npm run chat`).
// Extra inputs a terminal cannot send natively: "/lokasi -6.9,107.6" and "/foto path/to/file.jpg".
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ChannelSender, InboundMessage, MessageHandler, OutboundMessage, RunningChannel } from "./channel.js";

export interface TerminalOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  handler: MessageHandler;
  /** Who is typing: a citizen by default; `--as budi` lets staff try their commands. */
  userId: string;
  displayName?: string;
  /** Show a "> " prompt (interactive terminals only). */
  prompt: boolean;
}

export interface TerminalChannel extends RunningChannel {
  /** Resolves when the input ends (EOF) and every line has been answered. */
  readonly finished: Promise<void>;
}

const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
const MIME: Record<string, string> = { ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp" };

export function renderForTerminal(message: OutboundMessage): string {
  const lines = [message.text];
  if (message.options?.length) {
    lines.push(...message.options.map((option, index) => `  ${index + 1}. ${option.label}`));
    const count = message.options.length;
    lines.push(count === 1 ? "(Balas 1)" : `(Balas dengan angka 1-${count})`);
  }
  if (message.requestLocation) lines.push("(Di terminal, kirim titik lokasi dengan: /lokasi -6.9175,107.6191)");
  if (message.photo) lines.push(`[gambar: ${message.photo.fileName}]`);
  for (const document of message.documents ?? []) lines.push(`[berkas: ${document.fileName}]`);
  return lines.join("\n");
}

async function readPhoto(file: string): Promise<InboundMessage["photo"]> {
  try {
    const data = await readFile(file);
    if (data.length > MAX_PHOTO_BYTES) return { ok: false, reason: "too_large" };
    return { ok: true, data, mimeType: MIME[path.extname(file).toLowerCase()] ?? "image/jpeg", fileName: path.basename(file) };
  } catch {
    return { ok: false, reason: "download_failed" };
  }
}

export function toInbound(line: string, options: Pick<TerminalOptions, "userId" | "displayName">): InboundMessage {
  const base: InboundMessage = {
    channel: "terminal",
    chatId: options.userId,
    userId: options.userId,
    messageId: randomUUID(),
    ...(options.displayName ? { displayName: options.displayName } : {}),
  };
  const location = /^\/lokasi\s+(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(line);
  if (location) return { ...base, location: { latitude: Number(location[1]), longitude: Number(location[2]) } };
  const photo = /^\/foto\s+(.+)$/i.exec(line);
  // Read in the chat's turn in the runner, like every channel's download.
  const file = photo?.[1]?.trim();
  if (file) return { ...base, complete: async () => ({ photo: await readPhoto(file) }) };
  return { ...base, text: line };
}

export function startTerminal(options: TerminalOptions): TerminalChannel {
  const write = (text: string) => options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, terminal: false });
  let stopping = false;

  // Notifications for other terminal identities wait for their own session (`--as` that name).
  const sender: ChannelSender = {
    channel: "terminal",
    reachableChats: [options.userId],
    async send(chatId, message) {
      if (chatId !== options.userId) return { ok: false, permanent: false, error: "not in this terminal session" };
      write(`\n[Pemberitahuan]\n${renderForTerminal(message)}\n`);
      return { ok: true };
    },
  };

  const finished = (async () => {
    if (options.prompt) options.output.write("> ");
    for await (const raw of rl) {
      if (stopping) break;
      // An empty line is answered too (the dialog's short hint): every message gets one answer.
      const line = raw.replace(/\r$/, "");
      const replies = await options.handler.handle(toInbound(line, options));
      for (const reply of replies) write(`\n${renderForTerminal(reply)}\n`);
      if (options.prompt) options.output.write("> ");
    }
  })();

  return {
    sender,
    finished,
    async stop() {
      stopping = true;
      rl.close();
      await finished.catch(() => undefined);
    },
  };
}
