// OutboundMessage -> the WhatsApp messages that carry it. WhatsApp Web buttons are unreliable, so
// options become a numbered list the citizen answers by typing the number (or the words).
import type { OutboundFile, OutboundMessage, OutboundOption } from "./channel.js";

export type WhatsAppPart =
  { kind: "text"; text: string } | { kind: "media"; file: OutboundFile; caption?: string; asDocument: boolean };

export const LOCATION_HELP =
  "Cara mengirim lokasi di WhatsApp: ketuk ikon Lampirkan (📎), pilih Lokasi, lalu Kirim lokasi Anda saat ini.";

/** Longer captions are cut by WhatsApp clients; such text goes in its own message instead. */
const MAX_CAPTION_LENGTH = 1000;

/** "Balas 1.", "Balas 1 atau 2.", "Balas 1, 2 atau 3.", and for longer lists "Balas dengan angka 1-7." */
export function answerHint(count: number): string {
  if (count <= 1) return "Balas 1.";
  if (count > 4) return `Balas dengan angka 1-${count}.`;
  const numbers = Array.from({ length: count }, (_, index) => String(index + 1));
  return `Balas ${numbers.slice(0, -1).join(", ")} atau ${numbers[numbers.length - 1]}.`;
}

export function renderOptions(options: readonly OutboundOption[]): string {
  const lines = options.map((option, index) => `${index + 1}. ${option.label}`);
  return `${lines.join("\n")}\n\n${answerHint(options.length)}`;
}

/** The full text of a message as WhatsApp shows it: body, numbered options, location help. */
export function renderText(message: OutboundMessage): string {
  const blocks = [message.text.trim()];
  if (message.options && message.options.length > 0) blocks.push(renderOptions(message.options));
  if (message.requestLocation) blocks.push(LOCATION_HELP);
  return blocks.filter((block) => block !== "").join("\n\n");
}

/**
 * The parts to send, in order. A photo carries the text as its caption when it fits (one bubble);
 * documents follow as files after the text.
 */
export function renderWhatsApp(message: OutboundMessage): WhatsAppPart[] {
  const text = renderText(message);
  const parts: WhatsAppPart[] = [];
  if (message.photo && text.length <= MAX_CAPTION_LENGTH) {
    parts.push({ kind: "media", file: message.photo, asDocument: false, ...(text ? { caption: text } : {}) });
  } else {
    if (message.photo) parts.push({ kind: "media", file: message.photo, asDocument: false });
    if (text) parts.push({ kind: "text", text });
  }
  for (const document of message.documents ?? []) {
    parts.push({ kind: "media", file: document, asDocument: true });
  }
  return parts;
}
