// A thin typed client for the few Graph API calls the Cloud API channel makes (send a message, upload
// a file, look up and download a citizen's image), over Node's fetch. Every failure comes back as a
// value saying whether to retry, wait or give up, with Meta's error code; nothing here throws.

/** The message objects we send (POST /{phone-number-id}/messages), as Meta documents them. */
export type CloudMessage =
  | { type: "text"; text: { body: string; preview_url: false } }
  | { type: "image"; image: { id: string; caption?: string } }
  | { type: "document"; document: { id: string; filename: string; caption?: string } }
  | { type: "interactive"; interactive: CloudInteractive }
  | { type: "template"; template: CloudTemplate };

export type CloudInteractive =
  | {
      type: "button";
      body: { text: string };
      action: { buttons: Array<{ type: "reply"; reply: { id: string; title: string } }> };
    }
  | {
      type: "list";
      body: { text: string };
      action: {
        button: string;
        sections: Array<{ title?: string; rows: Array<{ id: string; title: string; description?: string }> }>;
      };
    }
  | { type: "location_request_message"; body: { text: string }; action: { name: "send_location" } };

export interface CloudTemplate {
  name: string;
  language: { code: string };
  components: Array<{ type: "body"; parameters: Array<{ type: "text"; text: string }> }>;
}

/** What a failed call means for the next try. */
export interface GraphFailure {
  ok: false;
  kind: "rate_limited" | "transient" | "permanent";
  /** HTTP status (0: no answer at all). */
  status: number;
  /** Meta's error code, e.g. 131026, 132001, 130429; undefined for network errors. */
  code?: number;
  /** Safe for logs and the outbox: no token, no message content. */
  description: string;
  retryAfterMs?: number;
}

export type GraphResult<T> = ({ ok: true } & T) | GraphFailure;

export interface GraphApiOptions {
  /** e.g. https://graph.facebook.com/v21.0, or a local emulator in tests. */
  apiRoot: string;
  token: string;
  phoneNumberId: string;
  /** One call may take this long before it counts as a network error (default 30 s). */
  timeoutMs?: number;
}

/** Throughput and pair limits: wait and try again later (no Retry-After from Meta; these are its documented paces). */
const RATE_LIMIT_WAIT_MS: Record<number, number> = {
  130429: 2_000, // Cloud API throughput reached
  131056: 6_000, // too many messages to one recipient (pair rate limit)
  131048: 60_000, // spam rate limit
  80007: 60_000, // WhatsApp Business Account rate limit
  4: 60_000, // application request limit
  613: 60_000, // calls exceed the rate limit
};

/** Meta's own "try again later" codes besides 5xx. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 133004, 190]);

/** What staff read in /lihat for the failures they can act on (call the citizen, fix the template). */
const EXPLANATION: Record<number, string> = {
  131026: "nomor tidak dapat menerima pesan WhatsApp",
  131047: "lebih dari 24 jam sejak pesan terakhir penerima",
  132001: "template tidak ada atau belum disetujui",
  132000: "jumlah parameter template tidak cocok",
  131051: "jenis pesan tidak didukung",
  131030: "nomor belum diizinkan sebagai penerima uji",
  131031: "akun WhatsApp Business dikunci",
  131049: "dibatasi Meta",
  131021: "penerima sama dengan pengirim",
  133010: "nomor pengirim belum terdaftar di Cloud API",
};

/** "WhatsApp 131026: nomor tidak dapat menerima pesan WhatsApp (Message undeliverable)". */
export function describeCloudError(code: number | undefined, metaText: string): string {
  const explanation = code !== undefined ? EXPLANATION[code] : undefined;
  const meta = metaText.replace(/\s+/g, " ").trim().slice(0, 160);
  const parts = [explanation, meta ? (explanation ? `(${meta})` : meta) : undefined].filter(Boolean).join(" ");
  return `WhatsApp ${code ?? "?"}${parts ? `: ${parts}` : ""}`;
}

interface GraphErrorBody {
  error?: { code?: number; message?: string; error_subcode?: number; error_data?: { details?: string } };
}

export function classifyGraphError(status: number, body: unknown, retryAfterHeader?: string | null): GraphFailure {
  const error = (body as GraphErrorBody | undefined)?.error;
  const code = typeof error?.code === "number" ? error.code : undefined;
  const description =
    code !== undefined
      ? describeCloudError(code, error?.message ?? "")
      : `WhatsApp HTTP ${status}${error?.message ? `: ${error.message.slice(0, 160)}` : ""}`;
  const base = { ok: false as const, status, description, ...(code !== undefined ? { code } : {}) };
  const header = Number(retryAfterHeader ?? "");
  if (code !== undefined && code in RATE_LIMIT_WAIT_MS) {
    return { ...base, kind: "rate_limited", retryAfterMs: RATE_LIMIT_WAIT_MS[code] };
  }
  if (status === 429) return { ...base, kind: "rate_limited", retryAfterMs: header > 0 ? header * 1000 : 5_000 };
  // 401 / 190: an expired token is the operator's to fix; the message is kept and tried again.
  if (status >= 500 || status === 401 || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return { ...base, kind: "transient" };
  }
  return { ...base, kind: "permanent" };
}

export interface MediaInfo {
  url: string;
  mimeType: string;
  fileSize?: number;
}

export interface GraphApi {
  sendMessage(to: string, message: CloudMessage): Promise<GraphResult<{ messageId: string }>>;
  uploadMedia(data: Buffer, mimeType: string, fileName: string): Promise<GraphResult<{ mediaId: string }>>;
  getMedia(mediaId: string): Promise<GraphResult<MediaInfo>>;
  /** The media bytes, stopping as soon as they pass maxBytes. */
  download(url: string, maxBytes: number): Promise<GraphResult<{ data: Buffer }> | { ok: false; kind: "too_large" }>;
}

function networkFailure(error: unknown): GraphFailure {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: "transient", status: 0, description: `network: ${name}: ${message}`.slice(0, 300) };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function createGraphApi(options: GraphApiOptions): GraphApi {
  const root = options.apiRoot.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 30_000;
  const auth = { authorization: `Bearer ${options.token}` };

  async function call(url: string, init: RequestInit): Promise<{ ok: true; body: unknown } | GraphFailure> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, { ...init, headers: { ...auth, ...init.headers }, signal: controller.signal });
      const body = await readJson(response);
      if (!response.ok) return classifyGraphError(response.status, body, response.headers.get("retry-after"));
      return { ok: true, body };
    } catch (error) {
      return networkFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async sendMessage(to, message) {
      const result = await call(`${root}/${options.phoneNumberId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to, ...message }),
      });
      if (!result.ok) return result;
      const id = (result.body as { messages?: Array<{ id?: string }> } | undefined)?.messages?.[0]?.id;
      if (typeof id !== "string")
        return { ok: false, kind: "transient", status: 200, description: "WhatsApp: answer without a message id" };
      return { ok: true, messageId: id };
    },

    async uploadMedia(data, mimeType, fileName) {
      const form = new FormData();
      form.set("messaging_product", "whatsapp");
      form.set("type", mimeType);
      form.set("file", new Blob([new Uint8Array(data)], { type: mimeType }), fileName);
      const result = await call(`${root}/${options.phoneNumberId}/media`, { method: "POST", body: form });
      if (!result.ok) return result;
      const id = (result.body as { id?: string } | undefined)?.id;
      if (typeof id !== "string")
        return { ok: false, kind: "transient", status: 200, description: "WhatsApp: upload without a media id" };
      return { ok: true, mediaId: id };
    },

    async getMedia(mediaId) {
      const result = await call(`${root}/${encodeURIComponent(mediaId)}`, { method: "GET" });
      if (!result.ok) return result;
      const body = result.body as { url?: string; mime_type?: string; file_size?: number } | undefined;
      if (typeof body?.url !== "string")
        return { ok: false, kind: "permanent", status: 200, description: "WhatsApp: media without a URL" };
      return {
        ok: true,
        url: body.url,
        mimeType: body.mime_type ?? "image/jpeg",
        ...(typeof body.file_size === "number" ? { fileSize: body.file_size } : {}),
      };
    },

    async download(url, maxBytes) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs * 2);
      try {
        // The media URL needs the same bearer token; without it Meta answers with an HTML error page.
        const response = await fetch(url, { headers: auth, signal: controller.signal });
        if (!response.ok) return classifyGraphError(response.status, await readJson(response));
        if (Number(response.headers.get("content-length") ?? "0") > maxBytes) {
          await response.body?.cancel();
          return { ok: false, kind: "too_large" };
        }
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of response.body ?? []) {
          total += chunk.byteLength;
          if (total > maxBytes) {
            controller.abort();
            return { ok: false, kind: "too_large" };
          }
          chunks.push(Buffer.from(chunk));
        }
        return { ok: true, data: Buffer.concat(chunks) };
      } catch (error) {
        return networkFailure(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
