// OutboundMessage -> the Cloud API messages that show it. Pure. Up to 3 options become reply buttons,
// 4-10 a list, more a numbered text (as on WhatsApp Web); a location question gets WhatsApp's own
// "send location" button. The button id carries the question id and value, so a press is a choice.
import type { OutboundFile, OutboundMessage, OutboundOption } from "./channel.js";
import type { CloudInteractive, CloudMessage } from "./whatsapp-cloud-api.js";
import { splitText } from "./telegram-render.js";
import { renderOptions } from "./whatsapp-render.js";

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
/** Body of a button or location-request message. */
export const MAX_INTERACTIVE_BODY = 1024;
export const MAX_BUTTONS = 3;
export const MAX_LIST_ROWS = 10;
export const MAX_BUTTON_TITLE = 20;
export const MAX_ROW_TITLE = 24;
export const MAX_ROW_DESCRIPTION = 72;
export const MAX_REPLY_ID = 256;
export const LIST_BUTTON = "Pilih jawaban";
const CHOOSE_PROMPT = "Silakan pilih salah satu:";
const OR_CHOOSE_PROMPT = "Atau pilih salah satu:";

export type CloudPart =
  | { kind: "message"; message: CloudMessage }
  /** A file to upload first (POST /media), then send by its media id. */
  | { kind: "file"; file: OutboundFile; asDocument: boolean; caption?: string };

/**
 * `${questionId}|${value}` for a choice; `|${label}` for an option without a question id, which is
 * matched like typed text. Ids longer than Meta's 256 characters fall back to the typed label.
 */
export function encodeReplyId(option: OutboundOption, questionId: string | undefined): string {
  const id = questionId && !questionId.includes("|") ? `${questionId}|${option.value}` : `|${option.label}`;
  return id.length <= MAX_REPLY_ID ? id : `|${option.label.slice(0, MAX_REPLY_ID - 1)}`;
}

export type DecodedReply = { choice: { questionId: string; value: string } } | { text: string };

export function decodeReplyId(id: string, title: string): DecodedReply {
  const bar = id.indexOf("|");
  if (bar > 0) return { choice: { questionId: id.slice(0, bar), value: id.slice(bar + 1) } };
  if (bar === 0 && id.length > 1) return { text: id.slice(1) };
  // Not ours (e.g. a template's quick reply): the title is what the person saw and pressed.
  return { text: title };
}

/** "Pengaduan (keluhan layanan)" -> "Pengaduan"; else cut at a word with "…". */
export function shortTitle(label: string, max: number): string {
  const trimmed = label.trim();
  if (trimmed.length <= max) return trimmed;
  const paren = trimmed.indexOf(" (");
  if (paren > 0 && paren <= max) return trimmed.slice(0, paren);
  const cut = trimmed.lastIndexOf(" ", max - 1);
  return `${trimmed.slice(0, cut > max / 2 ? cut : max - 1).trimEnd()}…`;
}

/** A title is "readable" when shortening kept a whole phrase (no "…"). */
const readable = (label: string, max: number) => !shortTitle(label, max).endsWith("…");

function choices(options: readonly OutboundOption[], questionId: string | undefined, body: string): CloudInteractive {
  if (options.length <= MAX_BUTTONS && options.every((option) => readable(option.label, MAX_BUTTON_TITLE))) {
    return {
      type: "button",
      body: { text: body },
      action: {
        buttons: options.map((option) => ({
          type: "reply",
          reply: { id: encodeReplyId(option, questionId), title: shortTitle(option.label, MAX_BUTTON_TITLE) },
        })),
      },
    };
  }
  return {
    type: "list",
    body: { text: body },
    action: {
      button: LIST_BUTTON,
      sections: [
        {
          rows: options.map((option) => {
            const title = shortTitle(option.label, MAX_ROW_TITLE);
            return {
              id: encodeReplyId(option, questionId),
              title,
              ...(title !== option.label.trim() ? { description: option.label.trim().slice(0, MAX_ROW_DESCRIPTION) } : {}),
            };
          }),
        },
      ],
    },
  };
}

const text = (body: string): CloudMessage => ({ type: "text", text: { body, preview_url: false } });

/** Sends `body` as text parts, keeping the last part for an interactive body when it fits `limit`. */
function textWithTail(body: string, limit: number): { parts: CloudMessage[]; tail: string | null } {
  if (body === "") return { parts: [], tail: null };
  const pieces = splitText(body, MAX_TEXT);
  const last = pieces.at(-1) ?? "";
  if (last.length <= limit) return { parts: pieces.slice(0, -1).map(text), tail: last };
  return { parts: pieces.map(text), tail: null };
}

export function renderCloud(message: OutboundMessage): CloudPart[] {
  let options = message.options ?? [];
  let body = message.text.trim();
  // More than a list holds: the numbered text WhatsApp Web users get, answered by typing the number.
  if (options.length > MAX_LIST_ROWS) {
    body = [body, renderOptions(options)].filter(Boolean).join("\n\n");
    options = [];
  }
  const interactiveLimit = message.requestLocation || options.length <= MAX_BUTTONS ? MAX_INTERACTIVE_BODY : MAX_TEXT;
  const parts: CloudPart[] = [];
  const plainOnly = options.length === 0 && !message.requestLocation;
  const captionFits = message.photo !== undefined && plainOnly && body.length <= MAX_CAPTION;
  if (message.photo) {
    parts.push({ kind: "file", file: message.photo, asDocument: false, ...(captionFits && body ? { caption: body } : {}) });
  }
  if (!captionFits) {
    if (plainOnly) {
      for (const piece of body === "" ? [] : splitText(body, MAX_TEXT)) parts.push({ kind: "message", message: text(piece) });
    } else {
      const { parts: lead, tail } = textWithTail(body, interactiveLimit);
      for (const piece of lead) parts.push({ kind: "message", message: piece });
      if (message.requestLocation) {
        parts.push({
          kind: "message",
          message: {
            type: "interactive",
            interactive: {
              type: "location_request_message",
              body: { text: tail ?? CHOOSE_PROMPT },
              action: { name: "send_location" },
            },
          },
        });
        if (options.length > 0) {
          parts.push({
            kind: "message",
            message: { type: "interactive", interactive: choices(options, message.questionId, OR_CHOOSE_PROMPT) },
          });
        }
      } else {
        parts.push({
          kind: "message",
          message: { type: "interactive", interactive: choices(options, message.questionId, tail ?? CHOOSE_PROMPT) },
        });
      }
    }
  }
  for (const document of message.documents ?? []) parts.push({ kind: "file", file: document, asDocument: true });
  return parts;
}
