// The statuses a complaint moves through, and the moves the rules allow.
export const STATUS = {
  BARU: "BARU",
  DITERUSKAN: "DITERUSKAN",
  DIPROSES: "DIPROSES",
  SELESAI: "SELESAI",
  DITOLAK: "DITOLAK",
  DIBUKA_KEMBALI: "DIBUKA_KEMBALI",
} as const;

export type ComplaintStatus = (typeof STATUS)[keyof typeof STATUS];

export const OPEN_STATUSES: readonly ComplaintStatus[] = [STATUS.BARU, STATUS.DITERUSKAN, STATUS.DIPROSES, STATUS.DIBUKA_KEMBALI];

export type Privacy = "biasa" | "rahasia" | "anonim";

/** What the citizen reads for each status: a name and what happens next. */
export const STATUS_LABEL: Record<ComplaintStatus, string> = {
  BARU: "Baru (menunggu verifikasi)",
  DITERUSKAN: "Diteruskan ke instansi",
  DIPROSES: "Sedang diproses",
  SELESAI: "Selesai",
  DITOLAK: "Ditolak",
  DIBUKA_KEMBALI: "Dibuka kembali",
};

export const ACTOR = { CITIZEN: "CITIZEN", STAFF: "STAFF", SYSTEM: "SYSTEM" } as const;
export type ActorType = (typeof ACTOR)[keyof typeof ACTOR];

/** ComplaintEvent.type values; reports (monev) count on these names. */
export const EVENT = {
  FILED: "FILED",
  FORWARDED: "FORWARDED",
  PROCESSING: "PROCESSING",
  REPLY: "REPLY",
  NOTE: "NOTE",
  FINISHED: "FINISHED",
  REJECTED: "REJECTED",
  NOT_AUTHORITY: "NOT_AUTHORITY",
  QUESTION: "QUESTION",
  ANSWER: "ANSWER",
  REOPENED: "REOPENED",
  RATED: "RATED",
  /** The citizen said whether the problem is really fixed ("sudah beres" / "belum"). */
  CONFIRMED: "CONFIRMED",
  /** A photo the citizen sent for an existing complaint (e.g. the state after a reopen). */
  PHOTO: "PHOTO",
} as const;
export type EventType = (typeof EVENT)[keyof typeof EVENT];
