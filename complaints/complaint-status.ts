// The statuses a complaint moves through (their values are the data layer's: db/complaint-statuses.ts),
// what citizens read for each, who acts, and the event types.
import type { ComplaintStatus } from "../db/complaint-statuses.js";

export { CLOSED_STATUSES, OPEN_STATUSES, STATUS, type ComplaintStatus } from "../db/complaint-statuses.js";

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
