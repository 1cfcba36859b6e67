// The values Complaint.status holds, and which of them are open: queries filter on these (db/ and
// complaints/ alike). Which move leads from one to another is the lifecycle's (complaints/lifecycle-rules.ts).
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

export const CLOSED_STATUSES: readonly ComplaintStatus[] = [STATUS.SELESAI, STATUS.DITOLAK];

export const ALL_STATUSES: readonly ComplaintStatus[] = [...OPEN_STATUSES, ...CLOSED_STATUSES];
