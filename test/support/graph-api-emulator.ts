// A local WhatsApp Cloud API (Graph API) for tests: the calls our channel makes (send, upload, media
// lookup and download), Meta's error shapes and limits, and Meta's side of the webhook: it posts signed
// citizen messages and delivery receipts to the adapter. Like Meta, it accepts free text outside the
// 24-hour window and then reports it failed (131047), and reports undeliverable numbers (131026).
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface WaUser {
  waId: string;
  name: string;
}

/** A fault answered instead of the real result; `drop` closes the socket (a network error). */
export type GraphFault = { status: number; code?: number; message?: string } | { drop: true };

export interface SentCloudMessage {
  to: string;
  wamid: string;
  type: string;
  body: Record<string, unknown>;
  /** Text, interactive body or caption, whichever the message shows. */
  text: string;
}

export interface Template {
  name: string;
  language: string;
  parameters: number;
}

const WINDOW_MS = 24 * 3_600_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const graphError = (code: number, message: string, type = "OAuthException") => ({
  error: { message, type, code, error_data: { messaging_product: "whatsapp", details: message }, fbtrace_id: "Aemu" },
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Check = string | null;
const within = (value: unknown, min: number, max: number): boolean =>
  typeof value === "string" && value.length >= min && value.length <= max;

/** Meta's limits for the interactive messages we send; a violation is error 100 like the real API. */
function checkInteractive(interactive: Record<string, unknown>): Check {
  const body = (interactive.body as { text?: unknown } | undefined)?.text;
  const action = interactive.action as Record<string, unknown> | undefined;
  if (interactive.type === "button") {
    const buttons = (action?.buttons ?? []) as Array<{ type?: string; reply?: { id?: string; title?: string } }>;
    if (!within(body, 1, 1024)) return "interactive.body.text must be 1-1024 characters";
    if (buttons.length < 1 || buttons.length > 3) return "buttons must be 1-3";
    if (!buttons.every((b) => b.type === "reply" && within(b.reply?.title, 1, 20) && within(b.reply?.id, 1, 256))) {
      return "button title must be 1-20 characters, id 1-256";
    }
    if (new Set(buttons.map((b) => b.reply?.title)).size !== buttons.length) return "button titles must be unique";
    return null;
  }
  if (interactive.type === "list") {
    const sections = (action?.sections ?? []) as Array<{ rows?: Array<{ id?: string; title?: string; description?: string }> }>;
    const rows = sections.flatMap((section) => section.rows ?? []);
    if (!within(body, 1, 4096)) return "interactive.body.text must be 1-4096 characters";
    if (!within(action?.button, 1, 20)) return "list button must be 1-20 characters";
    if (rows.length < 1 || rows.length > 10) return "list rows must be 1-10";
    if (
      !rows.every(
        (r) => within(r.title, 1, 24) && within(r.id, 1, 200) && (r.description === undefined || within(r.description, 0, 72)),
      )
    ) {
      return "row title must be 1-24 characters, description up to 72";
    }
    if (new Set(rows.map((r) => r.id)).size !== rows.length) return "row ids must be unique";
    return null;
  }
  if (interactive.type === "location_request_message") {
    if (!within(body, 1, 1024)) return "interactive.body.text must be 1-1024 characters";
    return action?.name === "send_location" ? null : "action.name must be send_location";
  }
  return `unknown interactive type ${String(interactive.type)}`;
}

export class GraphApiEmulator {
  readonly sent: SentCloudMessage[] = [];
  readonly uploads = new Map<string, { data: Buffer; mimeType: string }>();
  /** Every request: method, path, HTTP status answered. */
  readonly calls: Array<{ method: string; path: string; status: number }> = [];
  readonly templates: Template[] = [];
  /** Users whose number cannot receive WhatsApp messages: sends succeed, then fail with 131026. */
  readonly undeliverable = new Set<string>();
  /** Delivery receipts are posted to the adapter after each accepted send. */
  autoReceipts = true;
  webhookUrl = "";
  apiRoot = "";
  private readonly lastInbound = new Map<string, number>();
  private readonly media = new Map<string, { data: Buffer; mimeType: string; declaredSize?: number }>();
  private readonly faults: Array<{ path: RegExp; fault: GraphFault }> = [];
  private readonly listeners = new Set<() => void>();
  private readonly posting = new Set<Promise<unknown>>();
  private counter = 0;
  private server!: Server;

  private constructor(
    readonly token: string,
    readonly phoneNumberId: string,
    readonly appSecret: string,
    readonly now: () => Date,
  ) {}

  static async start(options: { now?: () => Date } = {}): Promise<GraphApiEmulator> {
    const emulator = new GraphApiEmulator(
      `EAAG${randomBytes(12).toString("hex")}`,
      "106540352242922",
      randomBytes(16).toString("hex"),
      options.now ?? (() => new Date()),
    );
    emulator.server = createServer((req, res) => {
      emulator.route(req, res).catch((error: unknown) => sendJson(res, 500, graphError(1, String(error))));
    });
    await new Promise<void>((resolve) => emulator.server.listen(0, "127.0.0.1", resolve));
    emulator.apiRoot = `http://127.0.0.1:${(emulator.server.address() as AddressInfo).port}/v21.0`;
    return emulator;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.posting]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The next `count` calls whose path matches answer with this fault. */
  failNext(path: RegExp, fault: GraphFault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ path, fault });
  }

  approveTemplate(template: Template): void {
    this.templates.push(template);
  }

  sentTo(waId: string): SentCloudMessage[] {
    return this.sent.filter((message) => message.to === waId);
  }

  async waitForSent(waId: string, count: number, timeoutMs = 10_000): Promise<SentCloudMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sentTo(waId).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${waId}, got ${this.sentTo(waId).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.listeners.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.listeners.clear();
    }
    return this.sentTo(waId);
  }

  // ---- Meta's side of the webhook: the citizen writes ----

  private wamid(): string {
    this.counter += 1;
    return `wamid.HBgN${this.counter.toString().padStart(6, "0")}${randomBytes(6).toString("hex").toUpperCase()}`;
  }

  /** Signs and posts a body to the adapter's webhook; returns the HTTP status. */
  async post(body: unknown, signature: string | null = "valid"): Promise<number> {
    const raw = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature === "valid")
      headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", this.appSecret).update(raw).digest("hex")}`;
    else if (signature !== null) headers["x-hub-signature-256"] = signature;
    const response = await fetch(this.webhookUrl, { method: "POST", headers, body: raw });
    await response.arrayBuffer();
    return response.status;
  }

  private envelope(value: Record<string, unknown>) {
    return {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "6281100001708", phone_number_id: this.phoneNumberId },
                ...value,
              },
            },
          ],
        },
      ],
    };
  }

  /** A citizen's message of any type (the type's own object in `content`); returns its wamid and the body posted. */
  message(user: WaUser, type: string, content: Record<string, unknown>): { wamid: string; body: unknown } {
    const at = this.now();
    this.lastInbound.set(user.waId, at.getTime());
    const wamid = this.wamid();
    const body = this.envelope({
      contacts: [{ profile: { name: user.name }, wa_id: user.waId }],
      messages: [{ from: user.waId, id: wamid, timestamp: String(Math.floor(at.getTime() / 1000)), type, ...content }],
    });
    return { wamid, body };
  }

  async send(user: WaUser, type: string, content: Record<string, unknown>): Promise<string> {
    const { wamid, body } = this.message(user, type, content);
    const status = await this.post(body);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return wamid;
  }

  text = (user: WaUser, body: string) => this.send(user, "text", { text: { body } });
  press = (user: WaUser, id: string, title: string) =>
    this.send(user, "interactive", { interactive: { type: "button_reply", button_reply: { id, title } } });
  pick = (user: WaUser, id: string, title: string) =>
    this.send(user, "interactive", { interactive: { type: "list_reply", list_reply: { id, title } } });
  location = (user: WaUser, latitude: number, longitude: number) =>
    this.send(user, "location", { location: { latitude, longitude, name: "Lokasi", address: "Jl. Sukajadi" } });

  /** A photo the citizen sends: stored for GET /{media-id}; declaredSize pretends it is that large. */
  image(user: WaUser, data: Buffer, options: { caption?: string; declaredSize?: number } = {}): Promise<string> {
    const id = `${1_000_000 + this.media.size}`;
    this.media.set(id, { data, mimeType: "image/jpeg", ...(options.declaredSize ? { declaredSize: options.declaredSize } : {}) });
    return this.send(user, "image", {
      image: { id, mime_type: "image/jpeg", sha256: "emu", ...(options.caption ? { caption: options.caption } : {}) },
    });
  }

  /** Posts a receipt for a message we sent (statuses may arrive late and out of order, as from Meta). */
  receipt(message: SentCloudMessage, status: string, errors?: unknown[]): void {
    const body = this.envelope({
      statuses: [
        {
          id: message.wamid,
          status,
          timestamp: String(Math.floor(this.now().getTime() / 1000)),
          recipient_id: message.to,
          ...(errors ? { errors } : {}),
        },
      ],
    });
    const task = this.post(body).catch(() => 0);
    this.posting.add(task);
    void task.finally(() => this.posting.delete(task));
  }

  // ---- the Graph API ----

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const answer = (status: number, body: unknown) => {
      this.calls.push({ method: req.method ?? "", path, status });
      sendJson(res, status, body);
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      await readBody(req);
      return answer(401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));
    }
    const faultIndex = this.faults.findIndex((entry) => entry.path.test(path));
    if (faultIndex >= 0) {
      const fault = (this.faults.splice(faultIndex, 1)[0] as { fault: GraphFault }).fault;
      await readBody(req);
      if ("drop" in fault) {
        this.calls.push({ method: req.method ?? "", path, status: 0 });
        req.socket.destroy();
        return;
      }
      return answer(fault.status, graphError(fault.code ?? fault.status, fault.message ?? "emulated fault"));
    }
    const download = /^\/download\/(\w+)$/.exec(path);
    if (download && req.method === "GET") {
      const media = this.media.get(download[1] ?? "");
      if (!media) return answer(404, graphError(100, "media not found"));
      this.calls.push({ method: "GET", path, status: 200 });
      res.writeHead(200, { "content-type": media.mimeType, "content-length": media.data.length });
      res.end(media.data);
      return;
    }
    if (path === `/v21.0/${this.phoneNumberId}/messages` && req.method === "POST") {
      return this.messages(JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>, answer);
    }
    if (path === `/v21.0/${this.phoneNumberId}/media` && req.method === "POST") {
      const form = await new Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": req.headers["content-type"] ?? "" },
        body: new Uint8Array(await readBody(req)),
      }).formData();
      const file = form.get("file");
      if (form.get("messaging_product") !== "whatsapp" || !(file instanceof Blob))
        return answer(400, graphError(100, "Invalid parameter"));
      const id = `${2_000_000 + this.uploads.size}`;
      this.uploads.set(id, { data: Buffer.from(await file.arrayBuffer()), mimeType: String(form.get("type") ?? file.type) });
      return answer(200, { id });
    }
    const mediaLookup = /^\/v21\.0\/(\d+)$/.exec(path);
    if (mediaLookup && req.method === "GET") {
      const id = mediaLookup[1] ?? "";
      const media = this.media.get(id);
      if (!media) return answer(404, graphError(100, "Unsupported get request."));
      return answer(200, {
        messaging_product: "whatsapp",
        url: `${this.apiRoot.replace(/\/v21\.0$/, "")}/download/${id}`,
        mime_type: media.mimeType,
        sha256: "emu",
        file_size: media.declaredSize ?? media.data.length,
        id,
      });
    }
    return answer(404, graphError(100, `Unknown path ${path}`));
  }

  private messages(body: Record<string, unknown>, answer: (status: number, body: unknown) => void): void {
    const invalid = (message: string) => answer(400, graphError(100, `(#100) Invalid parameter: ${message}`));
    const to = String(body.to ?? "");
    if (body.messaging_product !== "whatsapp" || !/^\d{6,15}$/.test(to)) return invalid("to / messaging_product");
    const type = String(body.type ?? "");
    const content = (body[type] ?? {}) as Record<string, unknown>;
    let text = "";
    if (type === "text") {
      text = String((content as { body?: unknown }).body ?? "");
      if (!within(text, 1, 4096)) return invalid("text.body must be 1-4096 characters");
    } else if (type === "interactive") {
      const problem = checkInteractive(content);
      if (problem) return invalid(problem);
      text = String((content.body as { text?: string } | undefined)?.text ?? "");
    } else if (type === "image" || type === "document") {
      if (!this.uploads.has(String(content.id ?? ""))) return invalid("media id");
      text = String(content.caption ?? "");
      if (text.length > 1024) return invalid("caption too long");
    } else if (type === "template") {
      const name = String(content.name ?? "");
      const language = String((content.language as { code?: string } | undefined)?.code ?? "");
      const template = this.templates.find((t) => t.name === name && t.language === language);
      if (!template) return answer(404, graphError(132001, "Template name does not exist in the translation"));
      const components = (content.components ?? []) as Array<{ parameters?: Array<{ text?: string }> }>;
      const parameters = components.flatMap((component) => component.parameters ?? []);
      if (parameters.length !== template.parameters)
        return answer(400, graphError(132000, "Number of parameters does not match"));
      text = parameters.map((parameter) => parameter.text ?? "").join(" | ");
    } else {
      return invalid(`type ${type}`);
    }
    const message: SentCloudMessage = { to, wamid: this.wamid(), type, body, text };
    this.sent.push(message);
    answer(200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: message.wamid }] });
    for (const listener of this.listeners) listener();
    if (!this.autoReceipts) return;
    // Like Meta: accepted first, judged after. Free text outside the window and dead numbers fail later.
    const last = this.lastInbound.get(to);
    const windowClosed = type !== "template" && (last === undefined || this.now().getTime() - last > WINDOW_MS);
    if (this.undeliverable.has(to)) {
      this.receipt(message, "failed", [
        { code: 131026, title: "Message undeliverable", error_data: { details: "Message undeliverable." } },
      ]);
    } else if (windowClosed) {
      this.receipt(message, "failed", [
        {
          code: 131047,
          title: "Re-engagement message",
          error_data: { details: "More than 24 hours have passed since the recipient last replied." },
        },
      ]);
    } else {
      this.receipt(message, "sent");
      this.receipt(message, "delivered");
    }
  }
}
