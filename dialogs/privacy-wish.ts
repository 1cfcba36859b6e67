// A wish for privacy typed in a message ("tolong rahasiakan nama saya", "anonim aja pak"), wherever it
// comes: alone (the citizen says it before the story) or inside the story. Pure.
import type { Privacy } from "../complaints/complaint-status.js";
import { coreAnswer, isFillerWord } from "../nlp/answer-words.js";
import { PRIVACY_OPTIONS } from "./complaint-questions.js";
import { optionMentioned, wordsOf } from "./option-matcher.js";

/** "Biasa" is the default and too common a word ("seperti biasa") to read as a wish. */
const WISHES = PRIVACY_OPTIONS.filter((option) => option.value !== "biasa");

/** Inside a story only a wish to hide counts: "nomor anonim menelpon saya" is no wish. */
const HIDING =
  /\b(?:di)?(?:rahasiakan|sembunyikan)\b|\bjangan\s+(?:di)?(?:sebut|tampilkan|cantumkan)|\btanpa\s+nama\b|\banonim\s+(?:aja|saja|ya)\b/iu;

// prettier-ignore
/** Words around a wish that say nothing more: "tolong ... ya", "saya minta ...", "biar ... aja". */
const AROUND = new Set([
  "tolong", "minta", "saya", "sy", "aku", "kami", "ya", "iya", "yang", "yg", "biar", "agar", "supaya", "tapi", "juga",
  "dan", "laporan", "laporannya", "lapor", "identitas", "nama", "data", "pribadi", "ini", "buat", "untuk", "mau", "ingin",
  "pengen", "dibuat", "jadi", "sebagai", "dengan", "secara", "pelapor", "pelapornya", "takut", "khawatir", "karena",
  "soalnya", "aman",
]);

export interface PrivacyWish {
  privacy: Privacy;
  /** The message says nothing else: no story to take from it. */
  only: boolean;
}

export function readPrivacyWish(text: string): PrivacyWish | null {
  const privacy = optionMentioned(text, WISHES) as Privacy | null;
  if (!privacy) return null;
  let rest = ` ${coreAnswer(text)} `;
  const phrases = WISHES.flatMap(wordsOf).sort((a, b) => b.length - a.length);
  for (const phrase of phrases) rest = rest.split(` ${phrase} `).join(" ");
  const only = rest.split(" ").every((word) => word === "" || AROUND.has(word) || isFillerWord(word));
  if (!only && !HIDING.test(text)) return null;
  return { privacy, only };
}
