// What a channel adapter says on its own, outside any dialog: to a caller (WhatsApp calls cannot be
// answered by a bot) and to a group chat (a complaint form is private, not for every member to see).

export const CALL_REJECTED_TEXT =
  "Maaf, nomor ini tidak menerima panggilan telepon atau video. Silakan tulis laporan Anda lewat pesan di sini, " +
  'misalnya: "Jalan di depan SDN 3 berlubang". Ketik /lapor untuk mulai atau /bantuan untuk petunjuk.';

export function groupPrivateText(botUsername: string): string {
  return (
    "Halo! Agar data Anda tidak terlihat anggota grup, laporan hanya bisa dibuat lewat chat pribadi. " +
    `Silakan buka https://t.me/${botUsername} lalu ketik /lapor.`
  );
}
