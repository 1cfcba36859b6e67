// An in-memory stand-in for the whatsapp-web.js Client: it emits the library's real event names and
// Message shapes (built as the library's own Message type, with its Location and MessageMedia classes)
// and records what the adapter sends.
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import wwebjs from "whatsapp-web.js";
import type { Call, ContactId, Message, MessageContent, MessageMedia, MessageSendOptions, MessageTypes } from "whatsapp-web.js";
import type { WhatsAppClientContext, WhatsAppClientEvents, WhatsAppClientLike } from "../../bots/whatsapp-client.js";

const { Location, MessageMedia: MediaClass } = wwebjs;

export const BOT_ID = "6280000000000@c.us";

export interface SentMessage {
  chatId: string;
  content: MessageContent;
  options?: MessageSendOptions;
  /** The text a person sees: the string content, or the media caption. */
  text: string;
  media?: MessageMedia;
  /** Date.now() when it was sent. */
  at: number;
}

export interface FakeClientOptions {
  /** What initialize() leads to: logged in ("ready"), a QR to scan, or nothing yet. */
  login?: "ready" | "qr" | "none";
  /** @lid -> phone id (`62812...@c.us`), as getContactLidAndPhone would answer. */
  lidToPhone?: Record<string, string>;
  lidLookupFails?: boolean;
  initializeFails?: Error;
  /** Phone numbers (digits) that are not on WhatsApp: getNumberId answers null, as the library does. */
  notOnWhatsApp?: string[];
  /** Chats sendMessage cannot resolve: it resolves undefined without throwing, as the library does. */
  unresolvableChats?: string[];
  /** How many pairing-code requests WhatsApp rejects before one succeeds. */
  pairingRejections?: number;
}

export class FakeWhatsAppClient implements WhatsAppClientLike {
  readonly sent: SentMessage[] = [];
  readonly pairingRequests: string[] = [];
  lidLookups = 0;
  initialized = false;
  /** Set once this client has emitted 'ready' (the adapter reacts synchronously). */
  loggedIn = false;
  destroyed = false;
  /** The next sendMessage calls throw these errors, in order. */
  readonly sendFailures: Error[] = [];
  /** While set, sendMessage never settles (a browser that stopped answering). */
  sendsHang = false;
  readonly rejectedCalls: string[] = [];
  private readonly emitter = new EventEmitter();

  constructor(
    readonly options: FakeClientOptions = {},
    readonly context?: WhatsAppClientContext,
  ) {}

  on<E extends keyof WhatsAppClientEvents>(event: E, listener: WhatsAppClientEvents[E]): this {
    this.emitter.on(event, listener);
    return this;
  }

  emit<E extends keyof WhatsAppClientEvents>(event: E, ...args: Parameters<WhatsAppClientEvents[E]>): void {
    if (event === "ready") this.loggedIn = true;
    this.emitter.emit(event, ...args);
  }

  async initialize(): Promise<void> {
    this.initialized = true;
    if (this.options.initializeFails) throw this.options.initializeFails;
    // The real client emits these from the browser after initialize() has started.
    setImmediate(() => {
      const pairingNumber = this.context?.pairingNumber;
      if (this.options.login === "qr" && pairingNumber) {
        // Pairing mode: `code` and never `qr`, requested WITHOUT await, exactly as Client.js inject() does.
        void this.requestPairingCode(pairingNumber);
      } else if (this.options.login === "qr") this.emit("qr", `2@${randomBytes(12).toString("base64")},fakekey==,fakeid==`);
      else if (this.options.login !== "none") {
        this.emit("authenticated");
        this.emit("ready");
      }
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: MessageContent, options?: MessageSendOptions): Promise<Message | undefined> {
    if (this.destroyed) throw new Error("Protocol error (Runtime.callFunctionOn): Session closed.");
    if (this.sendsHang) return new Promise<never>(() => undefined);
    const failure = this.sendFailures.shift();
    if (failure) throw failure;
    if (this.options.unresolvableChats?.includes(chatId)) return undefined;
    const media = content instanceof MediaClass ? content : undefined;
    const text = typeof content === "string" ? content : (options?.caption ?? "");
    this.sent.push({
      chatId,
      content,
      text,
      at: Date.now(),
      ...(options ? { options } : {}),
      ...(media ? { media } : {}),
    });
    return buildMessage({ from: BOT_ID, to: chatId, fromMe: true, body: text, type: media ? "image" : "chat" });
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    if (this.pairingRequests.length <= (this.options.pairingRejections ?? 0)) {
      throw new Error("Evaluation failed: Error: rate-overlimit");
    }
    const code = "ABCD1234";
    this.emit("code", code);
    return code;
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    this.lidLookups += 1;
    if (this.options.lidLookupFails) throw new Error("Evaluation failed: TypeError: Cannot read properties of undefined");
    // The library answers undefined fields for ids it cannot map; the declared type says string.
    return userIds.map((id) => ({ lid: id, pn: this.options.lidToPhone?.[id] as string }));
  }

  async getNumberId(number: string): Promise<ContactId | null> {
    const user = number.replace(/@c\.us$/, "");
    if (this.options.notOnWhatsApp?.includes(user)) return null;
    return { server: "c.us", user, _serialized: `${user}@c.us` };
  }

  /** Somebody phones the bot, as the 'call' event reports it. */
  ring(from: string, fields: Partial<Pick<Call, "isGroup" | "isVideo">> = {}): Call {
    const call: Call = {
      id: randomBytes(8).toString("hex").toUpperCase(),
      from,
      timestamp: Math.floor(Date.now() / 1000),
      isVideo: fields.isVideo ?? false,
      isGroup: fields.isGroup ?? false,
      fromMe: false,
      canHandleLocally: false,
      webClientShouldHandle: false,
      participants: {},
      reject: async () => void this.rejectedCalls.push(from),
    };
    this.emit("call", call);
    return call;
  }

  /** Delivers an incoming message, as the 'message' event does. */
  receive(message: Message): void {
    this.emit("message", message);
  }

  textsTo(chatId: string): string[] {
    return this.sent.filter((sent) => sent.chatId === chatId).map((sent) => sent.text);
  }
}

/** A factory for startWhatsApp({ createClient }) that keeps every client it made. */
export function fakeClientFactory(options: FakeClientOptions | ((index: number) => FakeClientOptions) = {}) {
  const clients: FakeWhatsAppClient[] = [];
  return {
    clients,
    latest(): FakeWhatsAppClient {
      const client = clients[clients.length - 1];
      if (!client) throw new Error("no WhatsApp client was created");
      return client;
    },
    createClient(context: WhatsAppClientContext): FakeWhatsAppClient {
      const clientOptions = typeof options === "function" ? options(clients.length) : options;
      const client = new FakeWhatsAppClient(clientOptions, context);
      clients.push(client);
      return client;
    },
  };
}

export interface MessageFields {
  from: string;
  to?: string;
  body?: string;
  type?: `${MessageTypes}`;
  fromMe?: boolean;
  author?: string;
  isStatus?: boolean;
  hasMedia?: boolean;
  location?: InstanceType<typeof Location>;
  notifyName?: string;
  /** What downloadMedia() gives: media, undefined (expired), or an error to throw; a promise for a slow download. */
  media?: MessageMedia | undefined | Error | Promise<MessageMedia>;
  mimetype?: string;
  size?: number;
}

/** A Message with every field the library sets, the way whatsapp-web.js builds it from raw data. */
export function buildMessage(fields: MessageFields): Message {
  const fromMe = fields.fromMe ?? false;
  const remote = fields.from;
  const key = randomBytes(10).toString("hex").toUpperCase();
  const serialized = `${fromMe}_${remote}_${key}${fields.author ? `_${fields.author}` : ""}`;
  const id = { fromMe, remote, id: key, _serialized: serialized };
  const type = (fields.type ?? "chat") as MessageTypes;
  const hasMedia = fields.hasMedia ?? "media" in fields;
  const rawData = {
    id,
    type,
    body: fields.body ?? "",
    from: fields.from,
    to: fields.to ?? BOT_ID,
    author: fields.author,
    notifyName: fields.notifyName,
    t: Math.floor(Date.now() / 1000),
    mimetype: fields.mimetype,
    size: fields.size,
    isStatusV3: fields.isStatus ?? false,
  };
  const unsupported = () => Promise.reject(new Error("not supported by the fake WhatsApp client"));
  const message: Message = {
    ack: 1,
    author: fields.author,
    deviceType: "android",
    body: fields.body ?? "",
    broadcast: false,
    isStatus: fields.isStatus ?? remote === "status@broadcast",
    isGif: false,
    isEphemeral: false,
    from: fields.from,
    fromMe,
    hasMedia,
    hasQuotedMsg: false,
    hasReaction: false,
    duration: "",
    id,
    isForwarded: false,
    forwardingScore: 0,
    isStarred: false,
    // The library leaves location undefined for other types although its type says Location.
    location: fields.location as InstanceType<typeof Location>,
    vCards: [],
    mentionedIds: [],
    groupMentions: [],
    timestamp: rawData.t,
    to: rawData.to,
    type,
    links: [],
    orderId: "",
    rawData,
    pollName: "",
    pollOptions: [],
    allowMultipleAnswers: false,
    eventStartTime: 0,
    isEventCaneled: false,
    reload: unsupported,
    acceptGroupV4Invite: unsupported,
    delete: unsupported,
    downloadMedia: async () => {
      const media = await fields.media;
      if (media instanceof Error) throw media;
      // The real method resolves undefined when the media expired; its declared type omits that.
      return media as MessageMedia;
    },
    getChat: unsupported,
    getContact: unsupported,
    getMentions: unsupported,
    getGroupMentions: unsupported,
    getQuotedMessage: unsupported,
    reply: unsupported,
    react: unsupported,
    forward: unsupported,
    star: unsupported,
    unstar: unsupported,
    pin: unsupported,
    unpin: unsupported,
    getInfo: unsupported,
    getOrder: unsupported,
    getPayment: unsupported,
    getPollVotes: unsupported,
    getReactions: unsupported,
    edit: unsupported,
    editScheduledEvent: unsupported,
    vote: unsupported,
  };
  return message;
}

export function textMessage(from: string, body: string, extra: Partial<MessageFields> = {}): Message {
  return buildMessage({ from, body, type: "chat", ...extra });
}

export function locationMessage(from: string, latitude: number, longitude: number, extra: Partial<MessageFields> = {}): Message {
  return buildMessage({
    ...extra,
    from,
    type: "location",
    // A pin's body is its JPEG thumbnail in base64, never something the citizen typed.
    body: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT",
    location: new Location(latitude, longitude),
  });
}

export function imageMessage(from: string, media: MessageFields["media"], extra: Partial<MessageFields> = {}): Message {
  return buildMessage({ from, type: "image", media, mimetype: "image/jpeg", hasMedia: true, ...extra });
}

export function mediaOf(bytes: Buffer, mimeType: string, fileName: string): MessageMedia {
  return new MediaClass(mimeType, bytes.toString("base64"), fileName, bytes.length);
}

export function jpegMedia(bytes: Buffer, fileName = "foto.jpg"): MessageMedia {
  return mediaOf(bytes, "image/jpeg", fileName);
}

/** Voice notes, stickers, documents, videos: media we decline politely. */
export function mediaMessage(from: string, type: `${MessageTypes}`, mimetype = "application/octet-stream"): Message {
  return buildMessage({ from, type, hasMedia: true, mimetype, media: undefined });
}
