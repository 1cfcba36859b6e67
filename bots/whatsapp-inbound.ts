// whatsapp-web.js Message -> InboundMessage: which messages we answer at all, who sent them, and
// what they carry (text, location pin, photo, or a kind we politely decline).
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import type { InboundDetails, InboundMessage, InboundPhoto, UnsupportedKind } from "./channel.js";
import type { WhatsAppClientLike } from "./whatsapp-client.js";

/** Same limit as Telegram's getFile, so both channels accept the same photos. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

export type WhatsAppRoute =
  | { accept: false; reason: "from_me" | "status" | "group" | "not_a_person" | "system" }
  | { accept: true; chatId: string; senderId: string };

// Protocol and notification messages that nobody typed: answering them would look like spam. An
// album is only the envelope; its photos arrive as separate image messages.
const SYSTEM_TYPES: ReadonlySet<string> = new Set([
  "album",
  "revoked",
  "ciphertext",
  "debug",
  "e2e_notification",
  "gp2",
  "group_notification",
  "notification",
  "notification_template",
  "protocol",
  "reaction",
  "call_log",
  "broadcast_notification",
  "unknown",
]);

/** Private chats are `<phone>@c.us` or `<privacy id>@lid`; groups end in @g.us. */
function isPersonId(id: string): boolean {
  return id.endsWith("@c.us") || id.endsWith("@lid");
}

/** Decides, without any I/O, whether a message is ours to answer and under which chat and sender. */
export function routeMessage(message: Message, staffGroupId?: string): WhatsAppRoute {
  if (message.fromMe || message.id.fromMe) return { accept: false, reason: "from_me" };
  if (message.isStatus || message.from === "status@broadcast" || message.id.remote === "status@broadcast") {
    return { accept: false, reason: "status" };
  }
  if (SYSTEM_TYPES.has(message.type)) return { accept: false, reason: "system" };
  if (message.from.endsWith("@g.us")) {
    if (!staffGroupId || message.from !== staffGroupId || !message.author) return { accept: false, reason: "group" };
    return { accept: true, chatId: message.from, senderId: message.author };
  }
  if (!isPersonId(message.from)) return { accept: false, reason: "not_a_person" };
  return { accept: true, chatId: message.from, senderId: message.from };
}

/** Accepts "1203...@g.us" or the bare group number from the configuration. */
export function normalizeGroupId(groupId: string | undefined): string | undefined {
  if (!groupId) return undefined;
  return groupId.includes("@") ? groupId : `${groupId}@g.us`;
}

export interface IdentityResolver {
  /** The sender's phone number (digits only) when WhatsApp reveals it; never throws. */
  phoneOf(senderId: string): Promise<string | undefined>;
}

/**
 * `@lid` ids hide the phone number; the client can map them back when the contact allows it. The
 * user id stays the id WhatsApp reports (stable for the chat), the phone is extra information.
 * Successful lookups are cached, so a conversation costs one browser round trip.
 */
export function createIdentityResolver(
  getClient: () => WhatsAppClientLike | undefined,
  logger: Logger,
  maxEntries = 10_000,
): IdentityResolver {
  const cache = new Map<string, string>();
  return {
    async phoneOf(senderId) {
      if (senderId.endsWith("@c.us")) return digitsOf(senderId);
      const cached = cache.get(senderId);
      if (cached) return cached;
      const client = getClient();
      if (!client) return undefined;
      try {
        const [entry] = await client.getContactLidAndPhone([senderId]);
        const phone = entry?.pn ? digitsOf(entry.pn) : undefined;
        if (phone) {
          if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
          cache.set(senderId, phone);
        }
        return phone;
      } catch (error) {
        logger.debug({ err: error }, "whatsapp: could not resolve the phone number of a @lid sender");
        return undefined;
      }
    },
  };
}

function digitsOf(id: string): string | undefined {
  const user = id.split("@")[0] ?? "";
  return /^\d{6,15}$/.test(user) ? user : undefined;
}

/** The sender's push name, which whatsapp-web.js only exposes in the raw message data. */
function displayNameOf(message: Message): string | undefined {
  const raw = message.rawData as { notifyName?: unknown } | undefined;
  const name = raw?.notifyName;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

function rawField(message: Message, field: "size" | "mimetype"): unknown {
  return (message.rawData as Record<string, unknown> | undefined)?.[field];
}

export async function downloadPhoto(message: Message): Promise<InboundPhoto> {
  const announcedSize = rawField(message, "size");
  if (typeof announcedSize === "number" && announcedSize > MAX_PHOTO_BYTES) return { ok: false, reason: "too_large" };
  if (!message.hasMedia) return { ok: false, reason: "download_failed" };
  try {
    // Typed as always returning media, but the library returns undefined when WhatsApp expired it.
    const media = (await message.downloadMedia()) as Awaited<ReturnType<Message["downloadMedia"]>> | undefined;
    if (!media || typeof media.data !== "string" || media.data === "") return { ok: false, reason: "download_failed" };
    const data = Buffer.from(media.data, "base64");
    if (data.length > MAX_PHOTO_BYTES) return { ok: false, reason: "too_large" };
    return {
      ok: true,
      data,
      mimeType: media.mimetype || "image/jpeg",
      ...(media.filename ? { fileName: media.filename } : {}),
    };
  } catch {
    return { ok: false, reason: "download_failed" };
  }
}

function unsupportedKindOf(type: string): UnsupportedKind {
  switch (type) {
    case "ptt":
    case "audio":
      return "voice";
    case "sticker":
      return "sticker";
    case "document":
      return "document";
    case "video":
      return "video";
    default:
      return "other";
  }
}

function isImageDocument(message: Message): boolean {
  const mime = rawField(message, "mimetype");
  return message.type === "document" && typeof mime === "string" && mime.startsWith("image/");
}

/**
 * Builds the InboundMessage for an accepted message. The phone lookup (a browser round trip) and the
 * photo download are its `complete`, run by the runner in the chat's turn.
 */
export function toInboundMessage(
  message: Message,
  route: Extract<WhatsAppRoute, { accept: true }>,
  identity: IdentityResolver,
): InboundMessage {
  const displayName = displayNameOf(message);
  const isPhoto = message.type === "image" || isImageDocument(message);
  const complete = async (): Promise<InboundDetails> => {
    const phone = await identity.phoneOf(route.senderId);
    return { ...(phone ? { phone } : {}), ...(isPhoto ? { photo: await downloadPhoto(message) } : {}) };
  };
  const inbound: InboundMessage = {
    channel: "whatsapp",
    chatId: route.chatId,
    userId: route.senderId,
    messageId: message.id._serialized,
    ...(displayName ? { displayName } : {}),
    complete,
  };
  // For media, body is the caption; for a location pin it is a base64 thumbnail, never text.
  const caption = message.body.trim();
  if (message.type === "chat") return { ...inbound, text: message.body };
  if (message.type === "location") {
    const latitude = Number(message.location?.latitude);
    const longitude = Number(message.location?.longitude);
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) return { ...inbound, location: { latitude, longitude } };
    return { ...inbound, unsupported: "other" };
  }
  if (isPhoto) return { ...inbound, ...(caption ? { text: caption } : {}) };
  return { ...inbound, unsupported: unsupportedKindOf(message.type) };
}
