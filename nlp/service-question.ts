// "ini bener layanan pengaduan ya?", "bisa lapor di sini?", "ini bot ya?", "ada admin?": the citizen asks
// what this chat is, or whether someone is there, before telling anything. Pure; whether the message
// also tells a problem is the caller's to check (the classifier's keywords).

/** Words for this service and the people behind it. */
const SERVICE =
  /\b(?:layanan|pelayanan|pengaduan|aduan|lapor|laporan|melapor|ngadu|mengadu|sp4n|lapor!|bot|robot|admin|mimin|petugas|operator|nomor|no|wa|whatsapp|akun|pemda|pemkot|pemkab|pemprov|resmi|orang|manusia|cs)\b/iu;

/** Asking about this chat: "ini ...?", "di sini", "-kah", or "ada ...?" for someone being there. */
const ABOUT_THIS = /\?|\b(?:ini|sini|disini|kah|apakah|bener(?:an)?|benar|betul|ada)\b/iu;

const MAX_WORDS = 10;

export function asksAboutService(text: string): boolean {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  return SERVICE.test(text) && ABOUT_THIS.test(text);
}
