// The polite opening of a chat message is not part of the complaint: "Selamat siang pak, saya mau
// lapor ...", "Assalamualaikum min, izin lapor:", "Punten, bade ngadu ...". Pure.

const GREETING =
  /^(?:kepada\s+yth\.?[^.\n]*(?=[.\n])|yth\.?\s+[^.\n,]*(?=[.,\n])|dengan\s+hormat|assalamu['’`]?\s?alaikum(?:\s+(?:wr\.?\s*wb\.?|warahmatullahi(?:\s+wabarakatuh)?))?|asalamualaikum|ass?wr\.?\s*wb\.?|salam(?:\s+sejahtera)?|shalom|om swastiastu|(?:selamat|slamat|met|sugeng|wilujeng)\s+(?:pagi|siang|sore|malam|malem|enjing|siyang|sonten|dalu|wengi|pagi2|siang2)|(?:pagi|siang|sore|malam|malem)(?=\s*(?:[,.!]|pak\b|bu\b|min\b|kak\b|mas\b|mbak\b|gan\b|$))|hallo+|halo+|hello+|hai+|hi+|hey+|permisi|punten|kulonuwun|kula nuwun|sampurasun|mohon maaf(?:\s+mengganggu(?:\s+waktunya)?)?|maaf(?:\s+mengganggu(?:\s+waktunya)?)?|ngapunten|nyuwun sewu|nuwun sewu|hapunten|izin|ijin|tabik)\b/iu;

/** "min", "gan", "sob" open chat messages to an admin; they are never the start of a complaint. */
const CHAT_ADDRESS = /^(?:min|mimin|minn|gan|agan|sob|admin\s+lapor)\b/iu;

const ADDRESS =
  /^(?:bapak\s*(?:\/|dan|&)?\s*ibu|bapak|ibu|pak|bu|min|mimin|admin|kak|kakak|mas|mbak|mba|gan|agan|bang|tim(?:\s+lapor)?)(?:\s+(?:sekalian|yth|yang terhormat))?(?=\s*[,.!:;]|\s*$|\s+(?:(?:saya|sy|aku|kami)\s+(?:mau|mo|ingin|izin|ijin|hendak|akan)|mau|mo|ingin|izin|ijin|lapor|mohon|maaf|tolong|numpang|punten|permisi)\b)/iu;

/** "saya mau lapor", "mau bikin laporan", "izin lapor", "saya ingin menyampaikan keluhan terkait", "mau ngadu soal", "pengaduan:", "bade ngadu" (Sundanese), "arep lapor" (Javanese). */
const INTENT =
  /^(?:(?:saya|sy|aku|aq|kami|kulo|kula|abdi|gue|gw)\s+)?(?:(?:mau|mo|mw|ingin|pengen|pingin|pgn|akan|hendak|bade|badhe|arep|ajeng|badé|kepengin)\s+)?(?:lapor(?:kan)?|melapor(?:kan)?|ngelapor|mengadu(?:kan)?|ngadu|ngadukeun|komplain|complain|matur|(?:menyampaikan|nyampein|nyampaikan)(?=\s*[:,])|(?:bikin|buat|membuat|nulis|menulis|kirim|ngirim|mengirim)\s+(?:laporan|aduan|pengaduan|keluhan)|(?:aduan|pengaduan|laporan|keluhan)(?=\s*[:!-])|menyampaikan\s+(?:keluhan|aduan|pengaduan|laporan)|sampaikan\s+keluhan)\b(?:\s*(?:nih|ya|pak|bu|min|kak))*[\s:,.!-]*(?:(?:soal|tentang|ttg|mengenai|masalah|perihal|bahwa|kalau|klo|kalo|terkait)\b\s*)?/iu;

const LEADING_PUNCTUATION = /^[\s,.;:!?\-–—)]+/u;

function stripOnce(text: string): string {
  for (const pattern of [GREETING, CHAT_ADDRESS, ADDRESS, INTENT]) {
    const match = pattern.exec(text);
    if (match && match[0].length > 0) return text.slice(match[0].length).replace(LEADING_PUNCTUATION, "");
  }
  return text;
}

/** The message without greetings, forms of address and "saya mau lapor" at its start. */
export function stripOpening(text: string): string {
  let rest = text.trim().replace(LEADING_PUNCTUATION, "");
  for (let i = 0; i < 8; i += 1) {
    const next = stripOnce(rest);
    if (next === rest) break;
    rest = next;
  }
  // The story starts with a capital, as staff read it: "lampu jalan ..." -> "Lampu jalan ...".
  return rest.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
}

/** True when the message says the sender wants to report something ("min mau ngadu", "izin lapor"). */
export function hasReportIntent(text: string): boolean {
  let rest = text.trim().replace(LEADING_PUNCTUATION, "");
  for (let i = 0; i < 8; i += 1) {
    const match = INTENT.exec(rest);
    if (match && match[0].trim().length > 0) return true;
    const next = stripOnce(rest);
    if (next === rest) return false;
    rest = next;
  }
  return false;
}

/** Words that may follow the thanks of a closing: "terima kasih banyak pak 🙏", "makasih atas bantuannya". */
const THANKS_TAIL = String.raw`(?:[\s,!.]+(?:banyak|ya|yah|pak|bu|bapak|ibu|min|mimin|admin|kak|mas|mbak|gan|sebelumnya|atas|perhatian(?:nya)?|bantuan(?:nya)?|respon(?:nya)?|kerja\s*sama(?:nya)?|[\p{Extended_Pictographic}\u200d\ufe0f]+))*`;

/**
 * A letter's or chat's closing after the story: a sentence that opens with "Demikian", "Atas
 * perhatiannya", "Wassalam" or "Hormat saya" and everything after it, or a thanks with nothing more
 * ("..., makasih min 🙏"). Only at the end: "kondisinya demikian parah" and "terima kasih bila ..." stay.
 */
const CLOSING = new RegExp(
  String.raw`(?:[.!?\n]\s*(?:demikian|atas\s+perhatian(?:nya)?|wassalam\w*|hormat\s+(?:saya|kami))\b[^]*|[\s,.;!]+(?:terima\s*kasih|makasih|trims|tks|thx|matur\s+nuwun|hatur\s+nuhun)${THANKS_TAIL}[\s.!?]*)$`,
  "iu",
);

/** The story without the closing words of a letter or chat. */
export function stripClosing(text: string): string {
  const match = CLOSING.exec(text);
  if (!match || match.index === 0) return text;
  const kept = text.slice(0, match.index).trimEnd();
  // Keep the sentence's own full stop, as it was typed.
  return /^[.!?]/.test(match[0]) ? `${kept}${match[0][0]}` : kept;
}
