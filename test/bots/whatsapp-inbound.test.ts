import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  createIdentityResolver,
  MAX_PHOTO_BYTES,
  normalizeGroupId,
  routeMessage,
  toInboundMessage,
  type IdentityResolver,
} from "../../bots/whatsapp-inbound.js";
import {
  buildMessage,
  FakeWhatsAppClient,
  imageMessage,
  jpegMedia,
  locationMessage,
  mediaMessage,
  mediaOf,
  textMessage,
} from "../support/fake-whatsapp-client.js";
import { completeInbound } from "../../dialogs/inbound-message.js";

const logger = pino({ level: "silent" });
const CITIZEN = "6281234567890@c.us";
const LID = "118112233445566@lid";
const STAFF_GROUP = "120363025555555555@g.us";
const noPhone: IdentityResolver = { phoneOf: async () => undefined };

async function inbound(message: ReturnType<typeof buildMessage>, identity: IdentityResolver = noPhone) {
  const route = routeMessage(message);
  if (!route.accept) throw new Error(`message was not accepted: ${route.reason}`);
  // Completed the way the runner does in the chat's turn: the phone lookup and the photo download.
  return completeInbound(toInboundMessage(message, route, identity));
}

describe("routeMessage", () => {
  it("accepts private chats by phone id and by @lid", () => {
    expect(routeMessage(textMessage(CITIZEN, "halo"))).toEqual({ accept: true, chatId: CITIZEN, senderId: CITIZEN });
    expect(routeMessage(textMessage(LID, "halo"))).toEqual({ accept: true, chatId: LID, senderId: LID });
  });

  it("ignores the bot's own messages, status updates and system notifications", () => {
    expect(routeMessage(textMessage(CITIZEN, "halo", { fromMe: true }))).toMatchObject({ reason: "from_me" });
    expect(routeMessage(textMessage("status@broadcast", "story", { author: CITIZEN }))).toMatchObject({
      reason: "status",
    });
    expect(routeMessage(textMessage(CITIZEN, "story", { isStatus: true }))).toMatchObject({ reason: "status" });
    expect(routeMessage(buildMessage({ from: CITIZEN, type: "e2e_notification" }))).toMatchObject({ reason: "system" });
    expect(routeMessage(buildMessage({ from: CITIZEN, type: "revoked" }))).toMatchObject({ reason: "system" });
  });

  it("ignores groups, except the configured staff group where the author is the sender", () => {
    const inGroup = textMessage(STAFF_GROUP, "/antrian", { author: CITIZEN });
    expect(routeMessage(inGroup)).toMatchObject({ accept: false, reason: "group" });
    expect(routeMessage(textMessage("120363099999999999@g.us", "halo", { author: CITIZEN }), STAFF_GROUP)).toMatchObject({
      accept: false,
      reason: "group",
    });
    expect(routeMessage(inGroup, STAFF_GROUP)).toEqual({ accept: true, chatId: STAFF_GROUP, senderId: CITIZEN });
  });

  it("ignores channels and broadcast lists", () => {
    expect(routeMessage(textMessage("120363011111111111@newsletter", "berita"))).toMatchObject({ accept: false });
    expect(routeMessage(textMessage("1700000000@broadcast", "promo"))).toMatchObject({ accept: false });
  });

  it("normalizes a configured group number to a group id", () => {
    expect(normalizeGroupId("120363025555555555")).toBe(STAFF_GROUP);
    expect(normalizeGroupId(STAFF_GROUP)).toBe(STAFF_GROUP);
    expect(normalizeGroupId(undefined)).toBeUndefined();
  });
});

describe("toInboundMessage", () => {
  it("maps a text message with its id, sender, phone and push name", async () => {
    const message = textMessage(CITIZEN, "jalan rusak di depan sekolah", { notifyName: "Budi" });
    const phones = createIdentityResolver(() => undefined, logger);
    expect(await inbound(message, phones)).toEqual({
      channel: "whatsapp",
      chatId: CITIZEN,
      userId: CITIZEN,
      messageId: message.id._serialized,
      displayName: "Budi",
      phone: "6281234567890",
      text: "jalan rusak di depan sekolah",
    });
  });

  it("takes a location pin's coordinates and never its thumbnail body as text", async () => {
    const result = await inbound(locationMessage(CITIZEN, -6.9175, 107.6191));
    expect(result.location).toEqual({ latitude: -6.9175, longitude: 107.6191 });
    expect(result.text).toBeUndefined();
  });

  it("downloads a photo and keeps its caption", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const result = await inbound(imageMessage(CITIZEN, jpegMedia(bytes), { body: "ini fotonya" }));
    expect(result.photo).toEqual({ ok: true, data: bytes, mimeType: "image/jpeg", fileName: "foto.jpg" });
    expect(result.text).toBe("ini fotonya");
  });

  it("reports a photo that cannot be downloaded", async () => {
    expect((await inbound(imageMessage(CITIZEN, undefined))).photo).toEqual({ ok: false, reason: "download_failed" });
    expect((await inbound(imageMessage(CITIZEN, new Error("media expired")))).photo).toEqual({
      ok: false,
      reason: "download_failed",
    });
    expect((await inbound(imageMessage(CITIZEN, jpegMedia(Buffer.alloc(0))))).photo).toEqual({
      ok: false,
      reason: "download_failed",
    });
  });

  it("refuses photos over 20 MB, by announced size before downloading and by actual size after", async () => {
    const announced = imageMessage(CITIZEN, new Error("must not download"), { size: MAX_PHOTO_BYTES + 1 });
    expect((await inbound(announced)).photo).toEqual({ ok: false, reason: "too_large" });
    const big = imageMessage(CITIZEN, jpegMedia(Buffer.alloc(MAX_PHOTO_BYTES + 1)), { size: undefined });
    expect((await inbound(big)).photo).toEqual({ ok: false, reason: "too_large" });
  });

  it("takes an image sent as a document as a photo", async () => {
    const bytes = Buffer.from("png-bytes");
    const message = buildMessage({
      from: CITIZEN,
      type: "document",
      mimetype: "image/png",
      media: mediaOf(bytes, "image/png", "scan.png"),
    });
    expect((await inbound(message)).photo).toEqual({
      ok: true,
      data: bytes,
      mimeType: "image/png",
      fileName: "scan.png",
    });
  });

  it("names the media kinds it does not accept", async () => {
    const kinds = await Promise.all(
      (
        [
          ["ptt", "audio/ogg; codecs=opus"],
          ["audio", "audio/mpeg"],
          ["sticker", "image/webp"],
          ["document", "application/pdf"],
          ["video", "video/mp4"],
          ["vcard", "text/vcard"],
        ] as const
      ).map(async ([type, mime]) => (await inbound(mediaMessage(CITIZEN, type, mime))).unsupported),
    );
    expect(kinds).toEqual(["voice", "voice", "sticker", "document", "video", "other"]);
  });
});

describe("createIdentityResolver", () => {
  it("resolves an @lid sender's phone number through the client and caches it", async () => {
    const client = new FakeWhatsAppClient({ lidToPhone: { [LID]: "6289876543210@c.us" } });
    const resolver = createIdentityResolver(() => client, logger);
    const message = textMessage(LID, "halo");
    const result = await inbound(message, resolver);
    expect(result).toMatchObject({ chatId: LID, userId: LID, phone: "6289876543210" });
    await resolver.phoneOf(LID);
    expect(client.lidLookups).toBe(1);
  });

  it("keeps the @lid id and no phone when the lookup fails or finds nothing", async () => {
    const failing = createIdentityResolver(() => new FakeWhatsAppClient({ lidLookupFails: true }), logger);
    const result = await inbound(textMessage(LID, "halo"), failing);
    expect(result.userId).toBe(LID);
    expect(result.phone).toBeUndefined();
    const unknown = createIdentityResolver(() => new FakeWhatsAppClient({ lidToPhone: {} }), logger);
    expect(await unknown.phoneOf(LID)).toBeUndefined();
    const offline = createIdentityResolver(() => undefined, logger);
    expect(await offline.phoneOf(LID)).toBeUndefined();
  });
});
