// Turns chat Indonesian into plain lowercase tokens: "Jln dpn sklh rusakkk parahh, udh 3bln!!" ->
// ["jalan", "depan", "sekolah", "rusak", "parah", "sudah", "3", "bulan"]. Slang lives in data/slang.json.
import { readFileSync } from "node:fs";
import Tokenizer from "natural/lib/natural/tokenizers/aggressive_tokenizer_id.js";
import { isRootWord, stem } from "./indonesian-stem.js";

interface SlangFile {
  map: Record<string, string>;
}

const slangFile = JSON.parse(readFileSync(new URL("./data/slang.json", import.meta.url), "utf8")) as SlangFile;
const SLANG = new Map(Object.entries(slangFile.map));
const tokenizer = new Tokenizer();

/** Lowercase text with accents, links, punctuation and glued numbers taken apart (no slang yet). */
export function cleanText(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/https?:\/\/\S+|www\.\S+|\S+@\S+\.\S+/g, " ")
      // "jalan2" and "anak2" are written reduplication: "jalan jalan".
      .replace(/\b([a-z]{2,})2(?![0-9])/g, "$1 $1")
      .replace(/([a-z])([0-9])/g, "$1 $2")
      .replace(/([0-9])([a-z])/g, "$1 $2")
      // Hyphens and slashes join words in chat ("ktp-el", "tps/tpa", "rt/rw"); treat them as spaces.
      .replace(/[^a-z0-9 ]+/g, " ")
  );
}

/** "rusakkk" -> "rusak", "tinggggi" -> "tinggi", "maaaf" -> "maaf": a run of 3+ letters becomes 1 or 2. */
export function squeezeRepeats(token: string): string {
  if (!/(.)\1\1/.test(token)) return token;
  const single = token.replace(/(.)\1{2,}/g, "$1");
  const double = token.replace(/(.)\1{2,}/g, "$1$1");
  // Both can be words ("tingi" is in the dictionary, rarely meant): the doubled form wins then.
  if (SLANG.has(double) || isRootWord(double)) return double;
  if (SLANG.has(single) || isRootWord(single)) return single;
  if (isRootWord(stem(single))) return single;
  if (isRootWord(stem(double))) return double;
  // Then trailing stretched letters ("parahh") are dropped, mostly right for chat.
  return single;
}

function known(word: string): boolean {
  return SLANG.has(word) || isRootWord(word) || isRootWord(stem(word));
}

/** Slang expansion of one token (may return several words), or the token itself. */
export function expandSlang(token: string): string[] {
  const squeezed = squeezeRepeats(token);
  let expanded = SLANG.get(squeezed);
  // "parahh", "rusakk": one doubled final letter that is not a word, but is without it.
  if (expanded === undefined && /(.)\1$/.test(squeezed) && squeezed.length > 3 && !known(squeezed)) {
    const trimmed = squeezed.slice(0, -1);
    expanded = SLANG.get(trimmed) ?? (known(trimmed) ? trimmed : undefined);
  }
  const result = expanded ?? squeezed;
  return result.includes(" ") ? result.split(" ") : [result];
}

export function normalizeTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of tokenizer.tokenize(cleanText(text))) {
    if (raw === "") continue;
    for (const token of expandSlang(raw)) tokens.push(token);
  }
  return tokens;
}

export function normalizeText(text: string): string {
  return normalizeTokens(text).join(" ");
}
