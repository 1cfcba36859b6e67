// The command menus Telegram shows next to the text field: citizens everywhere (default scope), and
// in each registered staff member's private chat their own commands (chat scope). The menu only lists
// commands; what they do and who may use them is decided by dialogs/ as for typed commands.

export interface MenuCommand {
  command: string;
  description: string;
}

export const CITIZEN_COMMANDS: readonly MenuCommand[] = [
  { command: "lapor", description: "Buat laporan atau pengaduan baru" },
  { command: "status", description: "Cek status laporan (mis. /status LPR-XXXXXXXX)" },
  { command: "batal", description: "Batalkan laporan yang sedang diisi" },
  { command: "bantuan", description: "Petunjuk penggunaan" },
];

export const STAFF_COMMANDS: readonly MenuCommand[] = [
  { command: "antrian", description: "Laporan terbuka, yang terlambat di atas" },
  { command: "lihat", description: "Detail laporan: /lihat KODE" },
  { command: "proses", description: "Mulai menindaklanjuti: /proses KODE [catatan]" },
  { command: "balas", description: "Pesan ke pelapor: /balas KODE pesan" },
  { command: "tanya", description: "Minta info tambahan: /tanya KODE pertanyaan" },
  { command: "catatan", description: "Catatan internal: /catatan KODE teks" },
  { command: "selesai", description: "Selesaikan dengan jawaban: /selesai KODE jawaban" },
  { command: "tolak", description: "Tolak dengan alasan: /tolak KODE alasan" },
  { command: "teruskan", description: "Teruskan ke instansi lain: /teruskan KODE INSTANSI" },
  { command: "bukanwewenang", description: "Kembalikan ke koordinator: /bukanwewenang KODE alasan" },
  { command: "statistik", description: "Angka tindak lanjut: /statistik [hari]" },
  { command: "bantuan", description: "Daftar perintah petugas" },
];

export const COORDINATOR_COMMANDS: readonly MenuCommand[] = [
  ...STAFF_COMMANDS.slice(0, -1),
  { command: "laporan", description: "Grafik dan CSV monev: /laporan [hari] [INSTANSI]" },
  { command: "staf", description: "Kelola petugas: /staf tambah|hapus|daftar" },
  STAFF_COMMANDS[STAFF_COMMANDS.length - 1] as MenuCommand,
];

/** A registered staff member reachable on Telegram (their private chat id is their user id). */
export interface TelegramStaffMember {
  chatId: string;
  coordinator: boolean;
}
