// The Cloud API webhook: a plain node:http server on /whatsapp/webhook. GET answers Meta's verification
// challenge when the verify token matches. POST must carry X-Hub-Signature-256, the HMAC-SHA256 of the
// raw body with the app secret (compared in constant time), or it is refused with 401 and not read
// further. A valid post is answered 200 at once (Meta resends slow answers) and handed on afterwards.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { readBody, reply, secretMatches, type WebhookServer } from "./telegram-webhook.js";
import { closeServer, listen } from "./http-listen.js";

export const WEBHOOK_PATH = "/whatsapp/webhook";
export const SIGNATURE_HEADER = "x-hub-signature-256";

export interface CloudWebhookOptions {
  port: number;
  host?: string;
  path?: string;
  appSecret: string;
  verifyToken: string;
  logger: Logger;
  /** Called after the 200 went out; must not throw (errors are logged). */
  onPayload(payload: unknown): Promise<void>;
}

/** `sha256=<hex>` over the exact bytes received; any other form, or a wrong digest, is false. */
export function signatureMatches(header: string | string[] | undefined, rawBody: Buffer, appSecret: string): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice("sha256=".length).trim(), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

export async function startCloudWebhook(options: CloudWebhookOptions): Promise<WebhookServer> {
  const path = options.path ?? WEBHOOK_PATH;
  const { logger } = options;
  let closing = false;

  function verify(url: URL, response: ServerResponse): void {
    const params = url.searchParams;
    if (
      params.get("hub.mode") === "subscribe" &&
      secretMatches(params.get("hub.verify_token") ?? undefined, options.verifyToken)
    ) {
      logger.info("whatsapp cloud webhook verified by Meta");
      return reply(response, 200, params.get("hub.challenge") ?? "");
    }
    logger.warn({ remote: response.req.socket.remoteAddress }, "whatsapp cloud webhook: wrong verify token");
    return reply(response, 403, "forbidden");
  }

  async function receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (closing) {
      request.resume();
      return reply(response, 503, "stopping", true); // Meta retries later
    }
    const body = await readBody(request);
    if (body === "too_large") return reply(response, 413, "too large");
    if (!signatureMatches(request.headers[SIGNATURE_HEADER], body, options.appSecret)) {
      logger.warn({ remote: request.socket.remoteAddress }, "whatsapp cloud webhook: missing or wrong signature");
      return reply(response, 401, "invalid signature");
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      return reply(response, 400, "invalid json");
    }
    reply(response, 200, "ok");
    options.onPayload(payload).catch((error: unknown) => {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, "whatsapp cloud webhook payload failed");
    });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      request.resume();
      return reply(response, 404, "not found");
    }
    if (request.method === "GET") return verify(url, response);
    if (request.method !== "POST") {
      request.resume();
      return reply(response, 405, "method not allowed");
    }
    receive(request, response).catch((error: unknown) => {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, "whatsapp cloud webhook request failed");
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
