// A Cloud API webhook payload -> normalized InboundMessages and delivery receipts. Pure; images are
// only located here (media id) and fetched as the message's `complete`, in the chat's turn in the runner.
import type { DeliveryReceipt, DeliveryState } from "../complaints/outbox-delivery.js";
import type { InboundMessage, UnsupportedKind } from "./channel.js";
import { describeCloudError } from "./whatsapp-cloud-api.js";
import { decodeReplyId } from "./whatsapp-cloud-render.js";

/** The Cloud API's own limit for images; larger photos are answered with the "too large" notice. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The fields we read of Meta's webhook (messages and statuses of field "messages"). */
export interface CloudWebhookPayload {
  object?: string;
  entry?: Array<{ id?: string; changes?: Array<{ field?: string; value?: CloudChangeValue }> }>;
}

export interface CloudChangeValue {
  messaging_product?: string;
  metadata?: { phone_number_id?: string; display_phone_number?: string };
  contacts?: Array<{ wa_id?: string; profile?: { name?: string } }>;
  messages?: CloudInboundMessage[];
  statuses?: CloudStatus[];
}

export interface CloudInboundMessage {
  from: string;
  id: string;
  timestamp?: string;
  type: string;
  text?: { body?: string };
  interactive?: {
    type?: string;
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string; description?: string };
  };
  /** A quick-reply button of a template message. */
  button?: { text?: string; payload?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  image?: { id?: string; mime_type?: string; caption?: string };
  document?: { id?: string; mime_type?: string; filename?: string; caption?: string };
}

export interface CloudStatus {
  id: string;
  status: string;
  timestamp?: string;
  recipient_id?: string;
  errors?: Array<{ code?: number; title?: string; message?: string; error_data?: { details?: string } }>;
}

export interface ReadMessage {
  message: InboundMessage;
  /** When the person wrote (Meta's timestamp): the 24-hour window runs from here. */
  at: Date;
  /** An image to fetch by media id, or one announced as too large. */
  media?: { mediaId: string; mimeType: string; fileName?: string };
}

export interface ReadPayload {
  messages: ReadMessage[];
  receipts: DeliveryReceipt[];
}

const STATES: ReadonlySet<string> = new Set<DeliveryState>(["sent", "delivered", "read", "failed"]);
/** Notifications nobody typed (a number change, an unknown type Meta cannot show us): no answer. */
const IGNORED_TYPES: ReadonlySet<string> = new Set(["system", "ephemeral", "request_welcome"]);

/** The field when it is a string; Meta's shapes are typed, but nothing here may throw on a surprise. */
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function timeOf(timestamp: unknown, fallback: Date): Date {
  // Only a string or a number: Number() of an object calls its toString, which may throw.
  const seconds = typeof timestamp === "string" || typeof timestamp === "number" ? Number(timestamp) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : fallback;
}

function unsupportedKind(type: string): UnsupportedKind {
  switch (type) {
    case "audio":
    case "voice":
      return "voice";
    case "sticker":
      return "sticker";
    case "video":
      return "video";
    case "document":
      return "document";
    default:
      return "other"; // reaction, contacts, order, unsupported, ...
  }
}

function readMessage(raw: CloudInboundMessage, names: Map<string, string>, now: Date): ReadMessage | null {
  if (typeof raw.from !== "string" || typeof raw.id !== "string" || typeof raw.type !== "string") return null;
  if (IGNORED_TYPES.has(raw.type)) return null;
  const name = names.get(raw.from);
  // The wa_id is the phone number: staff registered as whatsapp:<number> are recognised on both transports.
  const base: InboundMessage = {
    channel: "whatsapp",
    chatId: raw.from,
    userId: raw.from,
    phone: raw.from,
    messageId: raw.id,
    ...(name ? { displayName: name } : {}),
  };
  const at = timeOf(raw.timestamp, now);
  const read = (message: InboundMessage, media?: ReadMessage["media"]): ReadMessage => ({
    message,
    at,
    ...(media ? { media } : {}),
  });
  switch (raw.type) {
    case "text":
      return read({ ...base, text: typeof raw.text?.body === "string" ? raw.text.body : "" });
    case "interactive": {
      const reply = raw.interactive?.button_reply ?? raw.interactive?.list_reply;
      const id = str(reply?.id);
      if (!id) return read({ ...base, unsupported: "other" });
      const decoded = decodeReplyId(id, str(reply?.title) ?? "");
      return read("choice" in decoded ? { ...base, choice: decoded.choice } : { ...base, text: decoded.text });
    }
    case "button":
      return read({ ...base, text: str(raw.button?.text) ?? str(raw.button?.payload) ?? "" });
    case "location": {
      const latitude = Number(raw.location?.latitude);
      const longitude = Number(raw.location?.longitude);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return read({ ...base, unsupported: "other" });
      return read({ ...base, location: { latitude, longitude } });
    }
    case "image":
    case "document": {
      const file = raw.type === "image" ? raw.image : raw.document;
      const mimeType = str(file?.mime_type) ?? (raw.type === "image" ? "image/jpeg" : "");
      const mediaId = str(file?.id);
      // A photo sent "as a document" keeps its quality; citizens do this, so it counts as the photo it is.
      if (!mediaId || !mimeType.startsWith("image/")) return read({ ...base, unsupported: unsupportedKind(raw.type) });
      const caption = str(file?.caption)?.trim();
      const fileName = str(raw.document?.filename);
      return read(caption ? { ...base, text: caption } : base, { mediaId, mimeType, ...(fileName ? { fileName } : {}) });
    }
    default:
      return read({ ...base, unsupported: unsupportedKind(raw.type) });
  }
}

function readStatus(raw: CloudStatus, now: Date): DeliveryReceipt | null {
  if (typeof raw.id !== "string" || typeof raw.status !== "string" || !STATES.has(raw.status)) return null;
  const error = Array.isArray(raw.errors) && raw.errors[0] && typeof raw.errors[0] === "object" ? raw.errors[0] : undefined;
  const code = typeof error?.code === "number" ? error.code : undefined;
  return {
    channel: "whatsapp",
    platformMessageId: raw.id,
    state: raw.status as DeliveryState,
    at: timeOf(raw.timestamp, now),
    ...(raw.status === "failed"
      ? {
          errorCode: String(code ?? "?"),
          errorTitle: describeCloudError(code, str(error?.error_data?.details) ?? str(error?.title) ?? str(error?.message) ?? ""),
        }
      : {}),
  };
}

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** Reads the changes addressed to our phone number id; anything else in the payload is skipped. */
export function readPayload(payload: unknown, phoneNumberId: string, now: Date = new Date()): ReadPayload {
  const result: ReadPayload = { messages: [], receipts: [] };
  const body = payload as CloudWebhookPayload | null;
  if (!body || typeof body !== "object" || !Array.isArray(body.entry)) return result;
  // Signed by Meta, but read defensively: one odd field skips that item, never the whole payload.
  for (const entry of body.entry) {
    for (const change of list(entry?.changes)) {
      const value = change?.value;
      if (change?.field !== "messages" || !value || typeof value !== "object") continue;
      if (value.metadata?.phone_number_id && value.metadata.phone_number_id !== phoneNumberId) continue;
      const names = new Map<string, string>();
      for (const contact of list(value.contacts)) {
        const name = contact?.profile?.name;
        if (typeof contact?.wa_id === "string" && typeof name === "string" && name.trim()) names.set(contact.wa_id, name.trim());
      }
      for (const raw of list(value.messages)) {
        const read = raw && typeof raw === "object" ? readMessage(raw, names, now) : null;
        if (read) result.messages.push(read);
      }
      for (const raw of list(value.statuses)) {
        const receipt = raw && typeof raw === "object" ? readStatus(raw, now) : null;
        if (receipt) result.receipts.push(receipt);
      }
    }
  }
  return result;
}
