// What a person sees in a text: characters counted as graphemes ("👍🏽" is one, not four UTF-16
// units), and whether it carries real words at all (not emoji, punctuation or "aaaaaaa"). Pure.

// Made on first use: constructing it loads ICU's break data (~18 ms), and most texts take the ASCII path.
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string) => (segmenter ??= new Intl.Segmenter("id", { granularity: "grapheme" })).segment(text);
const INVISIBLE = /^[\s\p{Cf}\p{Cc}]+$/u;
// ASCII without CR+LF pairs, which are one grapheme of two characters.
const ASCII = /^(?:(?!\r\n)[\x00-\x7f])*$/;

/** Characters a reader sees: graphemes, without spaces and invisible format characters. */
export function visibleLength(text: string): number {
  // Plain ASCII (most messages): one character is one grapheme; the segmenter is only needed beyond it.
  if (ASCII.test(text)) return text.replace(/[\s\x00-\x1f\x7f]+/g, "").length;
  let count = 0;
  for (const { segment } of graphemes(text)) if (!INVISIBLE.test(segment)) count += 1;
  return count;
}

/** The first `max` graphemes of a text, cut at the last word boundary when one is near. */
export function truncateGraphemes(text: string, max: number): string {
  const parts: string[] = [];
  for (const { segment } of graphemes(text)) {
    if (parts.length >= max) break;
    parts.push(segment);
  }
  const cut = parts.join("");
  if (cut.length === text.length) return text;
  const space = cut.lastIndexOf(" ");
  return (space > cut.length * 0.9 ? cut.slice(0, space) : cut).trimEnd();
}

/** Graphemes in the whole text, spaces included (what "maksimal 4000 karakter" means). */
export function graphemeLength(text: string): number {
  if (ASCII.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes(text)) count += 1;
  return count;
}

/**
 * True when the text has at least two different words a person wrote: letters with a vowel, not one
 * letter stretched ("aaaaaa") or laughter ("wkwkwk", "hahaha"). Emoji and punctuation alone are not words.
 */
export function hasRealWords(text: string): boolean {
  return new Set(realWords(text)).size >= 2;
}

/** True when the text has at least one real word ("sampah"): a start, not yet a description. */
export function hasARealWord(text: string): boolean {
  return realWords(text).length > 0;
}

function realWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{2,}/gu) ?? []).filter(
    (word) =>
      /[aiueo]/.test(word) &&
      !/^(.)\1+$/.test(word) &&
      !/^(wk|ha|he|hi|xi|ck|kw)+[a-z]?$/.test(word) &&
      !/^(.{1,3})\1{2,}$/.test(word),
  );
}
