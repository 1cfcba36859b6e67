// Tracking codes: "LPR-" + 8 random Crockford base32 characters (40 bits): /status cannot be enumerated.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const TRACKING_PREFIX = "LPR-";
const BODY_LENGTH = 8;

export function newTrackingCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(BODY_LENGTH);
  let body = "";
  for (let i = 0; i < BODY_LENGTH; i += 1) body += ALPHABET[(bytes[i] ?? 0) & 31];
  return TRACKING_PREFIX + body;
}

/**
 * Reads a code as a person types it: any case, with or without "LPR-", spaces or dashes inside,
 * and the Crockford look-alikes (O->0, I/L->1). Returns null when it cannot be a code.
 */
export function parseTrackingCode(input: string): string | null {
  let text = input.trim().toUpperCase().replace(/[\s-]/g, "");
  if (text.startsWith("LPR")) text = text.slice(3);
  text = text.replace(/O/g, "0").replace(/[IL]/g, "1");
  if (text.length !== BODY_LENGTH) return null;
  for (const char of text) if (!ALPHABET.includes(char)) return null;
  return TRACKING_PREFIX + text;
}

/** Finds the first thing that looks like a tracking code inside a sentence. */
export function findTrackingCode(text: string): string | null {
  const match = /\bLPR[\s-]?([0-9A-Z]{8})\b/i.exec(text);
  return match?.[1] ? parseTrackingCode(match[1]) : null;
}
