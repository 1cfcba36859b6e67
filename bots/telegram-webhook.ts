// Webhook mode: a plain node:http server that accepts Telegram's POSTs. Every request must carry the
// secret given to setWebhook in X-Telegram-Bot-Api-Secret-Token (compared in constant time), or 403.
// The answer is sent once the update is recorded and handled, so a crash before that makes Telegram
// deliver it again (the runner drops the repeat by its update id).
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Update } from "telegraf/types";
import { closeServer, listen } from "./http-listen.js";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  port: number;
  host?: string;
  path: string;
  secret: string;
  logger: Logger;
  onUpdate(update: Update): Promise<void>;
}

export interface WebhookServer {
  /** The port actually bound (tests listen on port 0). */
  readonly port: number;
  /** Stops accepting, lets requests in progress finish. */
  close(): Promise<void>;
}

/** Hashing first makes both sides the same length, so the comparison leaks neither content nor length. */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readBody(request: IncomingMessage): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? "too_large" : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function reply(response: ServerResponse, status: number, body = "", close = false): void {
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    // While stopping, a kept-alive socket would hold server.close() open.
    ...(close ? { connection: "close" } : {}),
  });
  response.end(body);
}

function isUpdate(value: unknown): value is Update {
  return typeof value === "object" && value !== null && Number.isInteger((value as { update_id?: unknown }).update_id);
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  let closing = false;
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
      if (pathname !== options.path) return reply(response, 404, "not found");
      if (request.method !== "POST") return reply(response, 405, "method not allowed");
      if (!secretMatches(request.headers[SECRET_HEADER], options.secret)) {
        options.logger.warn({ remote: request.socket.remoteAddress }, "telegram webhook: wrong secret token");
        request.resume();
        return reply(response, 403, "forbidden");
      }
      // Telegram retries later; better than half-handling an update while shutting down.
      if (closing) return reply(response, 503, "stopping", true);
      const body = await readBody(request);
      if (body === "too_large") return reply(response, 413, "too large");
      let update: unknown;
      try {
        update = JSON.parse(body.toString("utf8"));
      } catch {
        return reply(response, 400, "invalid json");
      }
      if (!isUpdate(update)) return reply(response, 400, "not an update");
      await options.onUpdate(update);
      reply(response, 200, "ok", closing);
    })().catch((error: unknown) => {
      options.logger.error({ error: error instanceof Error ? error.message : String(error) }, "telegram webhook request failed");
      if (!response.headersSent) reply(response, 500, "error");
    });
  });
  const port = await listen(server, options.port, options.host);
  return {
    port,
    async close() {
      closing = true;
      await closeServer(server);
    },
  };
}
