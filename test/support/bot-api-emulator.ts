// A local Telegram Bot API server for tests (and the telegram bench): the methods our adapter calls,
// with Telegram's own error shapes, long polling, file downloads, fault injection and a record of
// every call. Updates are pushed by the test as the citizen's side of the conversation.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** What a faulty call answers instead of the real result. `drop` closes the socket (a network error). */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { status: 400 | 403; description: string; parameters?: Record<string, unknown> }
  | { drop: true };

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** Uploaded files by field name (multipart calls). */
  files: Record<string, { fileName: string; size: number; mimeType: string }>;
  status: number;
  at: number;
}

/** A message the bot delivered (a successful sendMessage, sendPhoto or sendDocument). */
export interface SentMessage {
  method: string;
  chatId: string;
  messageId: number;
  text?: string;
  caption?: string;
  parseMode?: unknown;
  replyMarkup?: Record<string, unknown>;
  fileName?: string;
  fileSize?: number;
}

export interface PhotoSizeSpec {
  width: number;
  height: number;
  data?: Buffer;
  /** Pretend the file is this large (to test the 20 MB limit without allocating it). */
  declaredSize?: number;
}

interface StoredFile {
  id: string;
  path: string;
  data: Buffer;
  size: number;
}

export type FaultRule = (method: string, count: number, payload: Record<string, unknown>) => Fault | undefined;

type Waiter = { respond: (status: number, body: unknown) => void; offset: number; limit: number; timer: NodeJS.Timeout };

const TOO_BIG = 20 * 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function apiError(code: number, description: string, parameters?: Record<string, unknown>) {
  return { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function maybeJson(value: string): unknown {
  if (!/^[[{"]|^(true|false|null|-?\d+(\.\d+)?)$/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export class BotApiEmulator {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  private readonly sentByChat = new Map<string, SentMessage[]>();
  /** Every update queued for getUpdates, in order. */
  readonly pushed: Array<{ update_id: number } & Record<string, unknown>> = [];
  webhook: { url: string; secretToken?: string } | null = null;
  commands: unknown = null;
  private readonly queue: Array<{ update_id: number } & Record<string, unknown>> = [];
  private nextUpdateId = 100_000;
  private readonly files = new Map<string, StoredFile>();
  private readonly faults = new Map<string, Fault[]>();
  private faultRule: FaultRule | undefined;
  private readonly methodCounts = new Map<string, number>();
  private readonly blocked = new Set<string>();
  private readonly missing = new Set<string>();
  private readonly nextMessageId = new Map<string, number>();
  private waiter: Waiter | undefined;
  private heldDownloads: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  private server!: Server;
  apiRoot = "";

  private constructor(
    readonly token: string,
    readonly botId: number,
    readonly username: string,
  ) {}

  static async start(options: { botId?: number; username?: string } = {}): Promise<BotApiEmulator> {
    const botId = options.botId ?? 7_000_000_001;
    const emulator = new BotApiEmulator(
      `${botId}:TEST-${randomBytes(12).toString("hex")}`,
      botId,
      options.username ?? "lapor_test_bot",
    );
    emulator.server = createServer((req, res) => {
      emulator.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, apiError(500, `Internal Server Error: ${String(error)}`));
      });
    });
    await new Promise<void>((resolve) => emulator.server.listen(0, "127.0.0.1", resolve));
    emulator.apiRoot = `http://127.0.0.1:${(emulator.server.address() as AddressInfo).port}`;
    return emulator;
  }

  async close(): Promise<void> {
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.respond(200, { ok: true, result: [] });
      this.waiter = undefined;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- fault injection -------------------------------------------------------------------------

  /** The next `times` calls of `method` (or "file" for downloads) answer with the fault. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array.from({ length: times }, () => fault)]);
  }

  /** A rule asked for every call: the method, how many calls of it came before (0-based), its payload. */
  setFaultRule(rule: FaultRule | undefined): void {
    this.faultRule = rule;
  }

  /** File downloads wait (recorded, unanswered) until the returned release is called: a slow download. */
  holdDownloads(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.heldDownloads = held;
    return () => {
      if (this.heldDownloads === held) this.heldDownloads = undefined;
      release();
    };
  }

  /** The user blocked the bot: 403 for every send. */
  blockChat(chatId: number | string): void {
    this.blocked.add(String(chatId));
  }

  /** 400 chat not found for every send. */
  forgetChat(chatId: number | string): void {
    this.missing.add(String(chatId));
  }

  // ---- updates (the citizen's side) -----------------------------------------------------------

  /** Queues an update for getUpdates; returns it with its update_id. */
  pushUpdate(body: Record<string, unknown>, updateId?: number): { update_id: number } & Record<string, unknown> {
    const update = { update_id: updateId ?? this.nextUpdateId++, ...body };
    this.queue.push(update);
    this.pushed.push(update);
    this.wakeWaiter();
    return update;
  }

  /** An update object not queued (for webhook posts). */
  makeUpdate(body: Record<string, unknown>): { update_id: number } & Record<string, unknown> {
    return { update_id: this.nextUpdateId++, ...body };
  }

  message(user: TgUser, content: Record<string, unknown>, chatId: number = user.id): Record<string, unknown> {
    const chat =
      chatId === user.id
        ? { id: chatId, type: "private", first_name: user.first_name }
        : { id: chatId, type: "group", title: "Grup" };
    return {
      message: {
        message_id: this.messageIdFor(String(chatId)),
        date: Math.floor(Date.now() / 1000),
        chat,
        from: { ...user, is_bot: false },
        ...content,
      },
    };
  }

  text(user: TgUser, text: string, chatId?: number) {
    return this.pushUpdate(
      this.message(
        user,
        {
          text,
          ...(text.startsWith("/")
            ? { entities: [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }] }
            : {}),
        },
        chatId,
      ),
    );
  }

  location(user: TgUser, latitude: number, longitude: number) {
    return this.pushUpdate(this.message(user, { location: { latitude, longitude } }));
  }

  /** A photo in several sizes (smallest first, like Telegram); returns the update. */
  photo(user: TgUser, sizes: PhotoSizeSpec[]) {
    const photo = sizes.map((size) => {
      const file = this.addFile(size.data ?? randomBytes(16), "photos", size.declaredSize);
      return { file_id: file.id, file_unique_id: `u${file.id}`, width: size.width, height: size.height, file_size: file.size };
    });
    return this.pushUpdate(this.message(user, { photo }));
  }

  document(user: TgUser, data: Buffer, fileName: string, mimeType: string) {
    const file = this.addFile(data, "documents");
    return this.pushUpdate(
      this.message(user, {
        document: {
          file_id: file.id,
          file_unique_id: `u${file.id}`,
          file_name: fileName,
          mime_type: mimeType,
          file_size: file.size,
        },
      }),
    );
  }

  voice(user: TgUser) {
    const file = this.addFile(randomBytes(32), "voice");
    return this.pushUpdate(
      this.message(user, { voice: { file_id: file.id, file_unique_id: `u${file.id}`, duration: 3, mime_type: "audio/ogg" } }),
    );
  }

  /** A press on an inline button under one of the bot's messages. */
  callback(user: TgUser, data: string, messageId = 1) {
    return this.pushUpdate({
      callback_query: {
        id: `cb${randomBytes(6).toString("hex")}`,
        from: { ...user, is_bot: false },
        chat_instance: "ci",
        data,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: user.id, type: "private" },
          text: "...",
        },
      },
    });
  }

  addFile(data: Buffer, folder: string, declaredSize?: number): StoredFile {
    const id = `F${randomBytes(8).toString("hex")}`;
    const file = { id, path: `${folder}/file_${this.files.size}.jpg`, data, size: declaredSize ?? data.length };
    this.files.set(id, file);
    return file;
  }

  get pendingUpdates(): number {
    return this.queue.length;
  }

  // ---- observation ------------------------------------------------------------------------------

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  sentTo(chatId: number | string): SentMessage[] {
    return [...(this.sentByChat.get(String(chatId)) ?? [])];
  }

  /** Resolves when the predicate holds (checked after every call); rejects after the timeout. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: timed out waiting for ${what}; last sent: ${JSON.stringify(this.sent.slice(-3))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(attempt);
      };
      this.listeners.add(attempt);
      attempt();
    });
  }

  /** Waits until the chat has received at least `count` messages in all; returns them. */
  waitForSent(chatId: number | string, count: number, timeoutMs = 10_000): Promise<SentMessage[]> {
    const sentCount = () => this.sentByChat.get(String(chatId))?.length ?? 0;
    return this.waitFor(
      () => (sentCount() >= count ? this.sentTo(chatId) : undefined),
      timeoutMs,
      `${count} messages to ${chatId}`,
    );
  }

  /** Posts an update the way Telegram calls a webhook. */
  async postUpdate(url: string, update: unknown, secret?: string): Promise<{ status: number; body: string }> {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}),
      },
      body: JSON.stringify(update),
    });
    return { status: response.status, body: await response.text() };
  }

  // ---- the server --------------------------------------------------------------------------------

  private messageIdFor(chatId: string): number {
    const next = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, next);
    return next;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private wakeWaiter(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const ready = this.queue.filter((update) => update.update_id >= waiter.offset).slice(0, waiter.limit);
    if (ready.length === 0) return;
    clearTimeout(waiter.timer);
    this.waiter = undefined;
    waiter.respond(200, { ok: true, result: ready });
  }

  private takeFault(method: string, payload: Record<string, unknown> = {}): Fault | undefined {
    const count = this.methodCounts.get(method) ?? 0;
    this.methodCounts.set(method, count + 1);
    const queued = this.faults.get(method);
    if (queued && queued.length > 0) return queued.shift();
    return this.faultRule?.(method, count, payload);
  }

  private async parsePayload(
    req: IncomingMessage,
    url: URL,
  ): Promise<{ payload: Record<string, unknown>; files: RecordedCall["files"] }> {
    const payload: Record<string, unknown> = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, maybeJson(v)]));
    const files: RecordedCall["files"] = {};
    const body = await readBody(req);
    const type = req.headers["content-type"] ?? "";
    if (body.length === 0) return { payload, files };
    if (type.startsWith("application/json")) {
      Object.assign(payload, JSON.parse(body.toString("utf8")) as Record<string, unknown>);
    } else if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
      for (const [key, value] of form.entries()) {
        if (typeof value === "string") payload[key] = maybeJson(value);
        else {
          files[key] = { fileName: value.name, size: value.size, mimeType: value.type };
          payload[key] = `attach:${value.name}`;
        }
      }
    }
    return { payload, files };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute) return this.serveFile(fileRoute[1] ?? "", decodeURIComponent(fileRoute[2] ?? ""), res);
    const apiRoute = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!apiRoute) return sendJson(res, 404, apiError(404, "Not Found"));
    const [, token, method = ""] = apiRoute;
    const { payload, files } = await this.parsePayload(req, url);
    const record: RecordedCall = { method, payload, files, status: 200, at: Date.now() };
    this.calls.push(record);
    this.notify();
    const answer = (status: number, body: unknown) => {
      record.status = status;
      if (!res.writableEnded && !res.destroyed) sendJson(res, status, body);
      this.notify();
    };
    if (token !== this.token) return answer(401, apiError(401, "Unauthorized"));

    const fault = this.takeFault(method, payload);
    if (fault) {
      if ("drop" in fault) {
        record.status = 0;
        req.socket.destroy();
        this.notify();
        return;
      }
      if (fault.status === 429) {
        return answer(
          429,
          apiError(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter }),
        );
      }
      if (fault.status === 400 || fault.status === 403)
        return answer(fault.status, apiError(fault.status, fault.description, fault.parameters));
      return answer(fault.status, apiError(fault.status, "Internal Server Error"));
    }
    this.handle(method, payload, files, answer, req);
  }

  private handle(
    method: string,
    payload: Record<string, unknown>,
    files: RecordedCall["files"],
    answer: (status: number, body: unknown) => void,
    req: IncomingMessage,
  ): void {
    const ok = (result: unknown) => answer(200, { ok: true, result });
    switch (method) {
      case "getMe":
        return ok({
          id: this.botId,
          is_bot: true,
          first_name: "Lapor Test",
          username: this.username,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case "getUpdates":
        return this.getUpdates(payload, answer, req);
      case "setWebhook":
        this.webhook = {
          url: String(payload.url ?? ""),
          ...(payload.secret_token ? { secretToken: String(payload.secret_token) } : {}),
        };
        return ok(true);
      case "deleteWebhook":
        this.webhook = null;
        return ok(true);
      case "setMyCommands":
        if (!Array.isArray(payload.commands)) return answer(400, apiError(400, "Bad Request: commands must be an array"));
        this.commands = payload.commands;
        return ok(true);
      case "editMessageReplyMarkup":
        return payload.chat_id !== undefined && payload.message_id !== undefined
          ? ok(true)
          : answer(400, apiError(400, "Bad Request: message identifier is not specified"));
      case "answerCallbackQuery":
        return payload.callback_query_id
          ? ok(true)
          : answer(400, apiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"));
      case "getFile": {
        const file = this.files.get(String(payload.file_id ?? ""));
        if (!file) return answer(400, apiError(400, "Bad Request: invalid file_id"));
        if (file.size > TOO_BIG) return answer(400, apiError(400, "Bad Request: file is too big"));
        return ok({ file_id: file.id, file_unique_id: `u${file.id}`, file_size: file.size, file_path: file.path });
      }
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument":
        return this.send(method, payload, files, answer);
      default:
        return answer(404, apiError(404, "Not Found: method not found"));
    }
  }

  private getUpdates(
    payload: Record<string, unknown>,
    answer: (status: number, body: unknown) => void,
    req: IncomingMessage,
  ): void {
    if (this.webhook)
      return answer(
        409,
        apiError(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
    const offset = Number(payload.offset ?? 0);
    const limit = Math.min(100, Number(payload.limit ?? 100));
    const timeout = Number(payload.timeout ?? 0);
    // Telegram forgets every update below the offset: that is the confirmation.
    if (offset > 0) {
      for (let i = this.queue.length - 1; i >= 0; i -= 1) if ((this.queue[i]?.update_id ?? 0) < offset) this.queue.splice(i, 1);
    }
    if (this.waiter) {
      const previous = this.waiter;
      clearTimeout(previous.timer);
      this.waiter = undefined;
      previous.respond(
        409,
        apiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
      );
    }
    const ready = this.queue.filter((update) => update.update_id >= offset).slice(0, limit);
    if (ready.length > 0 || timeout <= 0) return answer(200, { ok: true, result: ready });
    const waiter: Waiter = {
      offset,
      limit,
      respond: answer,
      timer: setTimeout(() => {
        if (this.waiter === waiter) this.waiter = undefined;
        answer(200, { ok: true, result: [] });
      }, timeout * 1000),
    };
    this.waiter = waiter;
    req.socket.once("close", () => {
      if (this.waiter === waiter) {
        clearTimeout(waiter.timer);
        this.waiter = undefined;
      }
    });
  }

  private send(
    method: string,
    payload: Record<string, unknown>,
    files: RecordedCall["files"],
    answer: (status: number, body: unknown) => void,
  ): void {
    const chatId = String(payload.chat_id ?? "");
    if (chatId === "") return answer(400, apiError(400, "Bad Request: chat_id is empty"));
    if (this.blocked.has(chatId)) return answer(403, apiError(403, "Forbidden: bot was blocked by the user"));
    if (this.missing.has(chatId)) return answer(400, apiError(400, "Bad Request: chat not found"));
    const markup = payload.reply_markup as Record<string, unknown> | undefined;
    const inline = (markup?.inline_keyboard ?? []) as Array<Array<{ callback_data?: string }>>;
    if (inline.flat().some((button) => Buffer.byteLength(button.callback_data ?? "", "utf8") > 64 || !button.callback_data)) {
      return answer(400, apiError(400, "Bad Request: BUTTON_DATA_INVALID"));
    }
    const sent: SentMessage = {
      method,
      chatId,
      messageId: 0,
      ...(payload.parse_mode !== undefined ? { parseMode: payload.parse_mode } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    };
    if (method === "sendMessage") {
      const text = typeof payload.text === "string" ? payload.text : "";
      if (text.trim() === "") return answer(400, apiError(400, "Bad Request: message text is empty"));
      if (text.length > 4096) return answer(400, apiError(400, "Bad Request: message is too long"));
      sent.text = text;
    } else {
      const field = method === "sendPhoto" ? "photo" : "document";
      const file = files[field];
      if (!file) return answer(400, apiError(400, `Bad Request: there is no ${field} in the request`));
      const caption = typeof payload.caption === "string" ? payload.caption : undefined;
      if (caption && caption.length > 1024) return answer(400, apiError(400, "Bad Request: message caption is too long"));
      Object.assign(sent, { fileName: file.fileName, fileSize: file.size, ...(caption ? { caption } : {}) });
    }
    sent.messageId = this.messageIdFor(chatId);
    this.sent.push(sent);
    const chatLog = this.sentByChat.get(chatId) ?? [];
    chatLog.push(sent);
    this.sentByChat.set(chatId, chatLog);
    answer(200, {
      ok: true,
      result: {
        message_id: sent.messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: "private" },
        ...(sent.text ? { text: sent.text } : {}),
      },
    });
  }

  /** Downloads are recorded as method "file" (fault injection uses the same name). */
  private async serveFile(token: string, filePath: string, res: ServerResponse): Promise<void> {
    const record: RecordedCall = { method: "file", payload: { path: filePath }, files: {}, status: 200, at: Date.now() };
    this.calls.push(record);
    if (this.heldDownloads) {
      this.notify();
      await this.heldDownloads;
    }
    const fail = (status: number, description: string) => {
      record.status = status;
      sendJson(res, status, apiError(status, description));
      this.notify();
    };
    if (token !== this.token) return fail(401, "Unauthorized");
    const fault = this.takeFault("file", { path: filePath });
    if (fault && "drop" in fault) {
      record.status = 0;
      res.socket?.destroy();
      return;
    }
    if (fault) return fail(fault.status, "file fault");
    const file = [...this.files.values()].find((candidate) => candidate.path === filePath);
    if (!file) return fail(404, "Not Found");
    res.writeHead(200, { "content-type": "image/jpeg", "content-length": file.data.length });
    res.end(file.data);
    this.notify();
  }
}
