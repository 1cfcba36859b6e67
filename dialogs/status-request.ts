// A citizen asking after a complaint in their own words ("gimana laporan saya?", "cek laporan
// LPR-7K3M9QXA", "kok belum ada kabar", "kapan diperbaiki ya"): read as the /status command, so it is
// answered wherever the conversation is. Only short messages: a longer one tells something new. Pure.
import { findTrackingCode } from "../complaints/tracking-code.js";
import { normalizeAnswer } from "../nlp/answer-words.js";
import { stripOpening } from "../nlp/story-opening.js";

/** Past this many words a message is a story (or an answer), even when it mentions its report. */
const MAX_WORDS = 10;

/** "laporan", "laporanku yg kemarin", "aduan saya tadi". */
const MY_REPORT = String.raw`(?:laporan|aduan|pengaduan|keluhan)(?:\s*(?:nya|ku|saya|sy|aku|kami|gue|gw|yang|yg|kemarin|kmrn|tadi|itu|tsb)\b)*`;

const ASKING = [
  // "cek status", "cek laporan saya", "lihat status laporan", "status laporan"
  String.raw`^(?:tolong\s+|mau\s+|mo\s+|ingin\s+)?(?:cek|check|lihat|liat|tanya|nanya|menanyakan|status)\s+(?:status\s+)?${MY_REPORT}\b`,
  String.raw`^(?:cek|check|lihat|liat)\s+status\b`,
  // "gimana laporan saya", "bagaimana perkembangan laporan saya", "laporan saya sudah sampai mana"
  String.raw`\b(?:gimana|bagaimana|gmn|bgmn|piye|kumaha)\s+(?:(?:dengan|dgn|kabar|perkembangan|kelanjutan|tindak lanjut|progres|progress)\s+)?${MY_REPORT}`,
  String.raw`\b${MY_REPORT}\s+(?:sudah|udah|udh|sdh)?\s*(?:sampai|sampe|nyampe)\s+mana\b`,
  String.raw`^${MY_REPORT}\s+(?:gimana|bagaimana|gmn|bgmn|piye|kumaha)\b`,
  String.raw`^${MY_REPORT}\s+(?:sudah|udah|udh|sdh)\s+(?:di)?(?:proses|tanggapi|tindaklanjuti|terima|baca|teruskan)\b`,
  String.raw`\b(?:perkembangan|kelanjutan|tindak lanjut|progres|progress|status)\s+${MY_REPORT}`,
  String.raw`\b${MY_REPORT}\s+(?:kok\s+)?(?:belum|blm|gak|ga|tidak|tdk)\s+(?:ada\s+)?(?:kabar|tanggapan|balasan|respon|direspon|ditanggapi|diproses|ditindaklanjuti)\b`,
  // "kok belum ada kabar?", "kapan diperbaiki ya"
  String.raw`^(?:kok|koq|kenapa|knp|udah|sudah)?\s*(?:belum|blm)\s+ada\s+(?:kabar|tanggapan|balasan|respon)\b`,
  String.raw`^(?:kira[\s-]?kira\s+)?kapan\s+(?:di\s*)?(?:perbaiki|diperbaiki|tangani|ditangani|proses|diproses|tindaklanjuti|ditindaklanjuti|kerjakan|dikerjakan|beres|selesai)\b`,
].map((pattern) => new RegExp(pattern));

const STATUS_WORDS =
  /\b(?:cek|check|lihat|liat|status|gimana|bagaimana|kabar|perkembangan|sampai mana|sampe mana|sudah diproses|udah diproses|tindak lanjut)\b/;

const MISTYPED_CODE = /^lpr[\s-]?[a-z0-9]{1,12}$/i;

/** The status request a message makes, with the code it names (null: every complaint of the chat), or null. */
export function readStatusRequest(text: string): { code: string | null } | null {
  const code = findTrackingCode(text);
  // A mistyped code alone ("LPR-ABC", "lpr 7k3m9qx"): /status says what a code looks like.
  if (!code && MISTYPED_CODE.test(text.trim())) return { code: text.trim().toUpperCase().replace(/\s+/g, "-") };
  const said = normalizeAnswer(stripOpening(text));
  const words = said.split(" ").filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  // A bare code, or a code with a status word: "LPR-7K3M9QXA", "status LPR-7K3M9QXA dong".
  if (code && (words.length <= 2 || STATUS_WORDS.test(said))) return { code };
  return ASKING.some((pattern) => pattern.test(said)) ? { code } : null;
}
