// A database with a known set of complaints for the monev tests (January 2026, WIB). Every figure
// the tests expect is worked out by hand in the comments below; due dates are literal values, so a
// mistake in the working-day arithmetic shows up as a failing figure, not as a silently shifted one.
//
// Calendar: WIB (UTC+7), holidays 2026-01-01 (Thu) and 2026-01-16 (Fri). "now" = Fri 30 Jan 10:00.
//
// code          agency       status          notes
// LPR-0000000J  DPUPR        DITERUSKAN      filed Wed 31 Dec 23:30 - just BEFORE the period; overdue
// LPR-0000000A  DPUPR        SELESAI         filed Thu 1 Jan 00:30 (holiday); routed 5 Jan 10:00,
//                                            PROCESSING 6 Jan 10:00 (24 h), rating 4
// LPR-0000000B  DPUPR        DIBUKA_KEMBALI  ANONIM, filed Sat 3 Jan; routed 5 Jan 08:00, REPLY 7 Jan
//                                            08:00 (48 h), SELESAI 9 Jan, rating 2, reopened 12 Jan;
//                                            new responseDue 20 Jan 09:00 -> overdue (response)
// LPR-0000000C  DPUPR        DITERUSKAN      rahasia; routed 12 Jan 11:00, responseDue 20 Jan 11:00
//                                            (16 Jan holiday + weekend) -> overdue, not followed up
// LPR-0000000D  DLH          DIPROSES        routed Thu 15 Jan 13:00, PROCESSING event Mon 19 Jan 13:00
//                                            (96 h) but firstResponseAt missing (older row)
// LPR-0000000E  DLH          DITOLAK         rejected by DLH, no follow-up
// LPR-0000000L  DLH          DITERUSKAN      misrouted: DISHUB processed it 21 Jan, the coordinator moved
//                                            it to DLH 22 Jan 09:00 -> DISHUB's follow-up does not count
//                                            for DLH; responseDue 29 Jan 09:00 -> overdue
// LPR-0000000G  KOORDINATOR  BARU            went to DISHUB, DISHUB processed, then "bukan wewenang":
//                                            back at the coordinator, routeDue 28 Jan -> overdue
// LPR-0000000F  KOORDINATOR  BARU            filed Mon 26 Jan, routeDue Thu 29 Jan 09:00 -> overdue
// LPR-0000000H  KOORDINATOR  DITOLAK         rejected by the coordinator
// LPR-0000000K  DPUPR        DIPROSES        routed 28 Jan 09:30, reply 11:30 (2 h)
//
// January figures (J excluded):
//   DPUPR        received 4, followed up 3 (75 %), finished 1 (25 %), rejected 0, open 3,
//                median hours [24, 48, 2] = 24, overdue 2 (B, C), ratings 4, 2 -> 3.0
//   DLH          received 3, followed up 1 (33.3 %), finished 0, rejected 1, open 2, median 96,
//                overdue 1 (L)
//   KOORDINATOR  received 3, followed up 0, finished 0, rejected 1, open 2, median -, overdue 2 (F, G)
//   TOTAL        received 10, followed up 4 (40 %), finished 1 (10 %), rejected 2, open 7,
//                median [2, 24, 48, 96] = 36, overdue 5, rating 3.0 of 2
// Overdue now, all periods: DPUPR 3 (J 14 working days late, B and C 8), KOORDINATOR 2 (G 2, F 1),
// DLH 1 (L 1).
import { expect } from "vitest";
import { ACTOR, EVENT, STATUS } from "../../complaints/complaint-status.js";
import { DEFAULT_SLA, type SlaPolicy } from "../../complaints/sla.js";
import { openDatabase, type OpenedDatabase, type PrismaClient } from "../../db/database.js";
import { createTestDatabase } from "../support/test-database.js";

export const SLA: SlaPolicy = {
  ...DEFAULT_SLA,
  calendar: { utcOffsetMinutes: 420, holidays: new Set(["2026-01-01", "2026-01-16"]) },
};

/** Local WIB time "2026-01-05 09:00" as an instant. */
export function wib(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+07:00`);
}

export const NOW = wib("2026-01-30 10:00");
export const JANUARY = { from: wib("2026-01-01 00:00"), to: wib("2026-02-01 00:00") };
const FAR = wib("2026-04-30 09:00");

export const ANONYMOUS = { displayName: "Siti Rahayu Anonim", phone: "6281299990000", userId: "555000111" };
export const NAMED = { displayName: "Budi Santoso", phone: "6281211112222", userId: "777000222" };

export const NASTY_DESCRIPTION = 'Jalan "Merdeka" rusak, berlubang\nsudah 2 minggu, tolong segera';
export const FORMULA_LOCATION = '=HYPERLINK("http://contoh.invalid","klik")';

interface Seed {
  code: string;
  citizen: "named" | "anonymous";
  privacy: "biasa" | "rahasia" | "anonim";
  agency: string | null;
  status: string;
  filedAt: string;
  routedAt?: string;
  firstResponseAt?: string;
  finishedAt?: string;
  routeDueAt: string;
  responseDueAt?: string;
  rating?: number;
  reopenCount?: number;
  notAuthorityCount?: number;
  description?: string;
  locationText?: string;
  events: [type: string, at: string, actorType?: string, agencyCode?: string][];
}

const SEEDS: Seed[] = [
  {
    code: "LPR-0000000J",
    citizen: "named",
    privacy: "biasa",
    agency: "DPUPR",
    status: STATUS.DITERUSKAN,
    filedAt: "2025-12-31 23:30",
    routedAt: "2026-01-02 09:00",
    routeDueAt: "2026-01-06 23:30",
    responseDueAt: "2026-01-09 09:00",
    events: [
      [EVENT.FILED, "2025-12-31 23:30", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-02 09:00"],
    ],
  },
  {
    code: "LPR-0000000A",
    citizen: "named",
    privacy: "biasa",
    agency: "DPUPR",
    status: STATUS.SELESAI,
    filedAt: "2026-01-01 00:30",
    routedAt: "2026-01-05 10:00",
    firstResponseAt: "2026-01-06 10:00",
    finishedAt: "2026-01-12 10:00",
    routeDueAt: "2026-01-06 00:30",
    responseDueAt: "2026-01-12 10:00",
    rating: 4,
    description: NASTY_DESCRIPTION,
    locationText: FORMULA_LOCATION,
    events: [
      [EVENT.FILED, "2026-01-01 00:30", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-05 10:00"],
      [EVENT.PROCESSING, "2026-01-06 10:00"],
      [EVENT.FINISHED, "2026-01-12 10:00"],
      [EVENT.RATED, "2026-01-12 12:00", ACTOR.CITIZEN],
    ],
  },
  {
    code: "LPR-0000000B",
    citizen: "anonymous",
    privacy: "anonim",
    agency: "DPUPR",
    status: STATUS.DIBUKA_KEMBALI,
    filedAt: "2026-01-03 20:00",
    routedAt: "2026-01-05 08:00",
    firstResponseAt: "2026-01-07 08:00",
    routeDueAt: "2026-01-07 20:00",
    responseDueAt: "2026-01-20 09:00",
    rating: 2,
    reopenCount: 1,
    events: [
      [EVENT.FILED, "2026-01-03 20:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-05 08:00"],
      [EVENT.REPLY, "2026-01-07 08:00"],
      [EVENT.FINISHED, "2026-01-09 08:00"],
      [EVENT.RATED, "2026-01-09 09:00", ACTOR.CITIZEN],
      [EVENT.REOPENED, "2026-01-12 09:00", ACTOR.CITIZEN],
    ],
  },
  {
    code: "LPR-0000000C",
    citizen: "named",
    privacy: "rahasia",
    agency: "DPUPR",
    status: STATUS.DITERUSKAN,
    filedAt: "2026-01-12 10:00",
    routedAt: "2026-01-12 11:00",
    routeDueAt: "2026-01-15 10:00",
    responseDueAt: "2026-01-20 11:00",
    events: [
      [EVENT.FILED, "2026-01-12 10:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-12 11:00"],
      [EVENT.NOTE, "2026-01-13 09:00"],
    ],
  },
  {
    code: "LPR-0000000D",
    citizen: "named",
    privacy: "biasa",
    agency: "DLH",
    status: STATUS.DIPROSES,
    filedAt: "2026-01-15 09:00",
    routedAt: "2026-01-15 13:00",
    routeDueAt: "2026-01-21 09:00",
    responseDueAt: "2026-01-23 13:00",
    events: [
      [EVENT.FILED, "2026-01-15 09:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-15 13:00"],
      [EVENT.PROCESSING, "2026-01-19 13:00"],
    ],
  },
  {
    code: "LPR-0000000E",
    citizen: "named",
    privacy: "biasa",
    agency: "DLH",
    status: STATUS.DITOLAK,
    filedAt: "2026-01-20 09:00",
    routedAt: "2026-01-20 10:00",
    routeDueAt: "2026-01-23 09:00",
    responseDueAt: "2026-01-27 10:00",
    events: [
      [EVENT.FILED, "2026-01-20 09:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-20 10:00"],
      [EVENT.REJECTED, "2026-01-21 09:00"],
    ],
  },
  {
    code: "LPR-0000000L",
    citizen: "named",
    privacy: "biasa",
    agency: "DLH",
    status: STATUS.DITERUSKAN,
    filedAt: "2026-01-21 09:00",
    routedAt: "2026-01-22 09:00",
    routeDueAt: "2026-01-26 09:00",
    responseDueAt: "2026-01-29 09:00",
    events: [
      [EVENT.FILED, "2026-01-21 09:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-21 10:00", ACTOR.STAFF, "DISHUB"],
      [EVENT.PROCESSING, "2026-01-21 11:00", ACTOR.STAFF, "DISHUB"],
      [EVENT.FORWARDED, "2026-01-22 09:00", ACTOR.STAFF, "DLH"],
    ],
  },
  {
    code: "LPR-0000000G",
    citizen: "anonymous",
    privacy: "anonim",
    agency: null,
    status: STATUS.BARU,
    filedAt: "2026-01-22 09:00",
    routeDueAt: "2026-01-28 09:00",
    notAuthorityCount: 1,
    events: [
      [EVENT.FILED, "2026-01-22 09:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-22 10:00", ACTOR.STAFF, "DISHUB"],
      [EVENT.PROCESSING, "2026-01-22 12:00", ACTOR.STAFF, "DISHUB"],
      [EVENT.NOT_AUTHORITY, "2026-01-23 09:00", ACTOR.STAFF, "DISHUB"],
    ],
  },
  {
    code: "LPR-0000000F",
    citizen: "named",
    privacy: "biasa",
    agency: null,
    status: STATUS.BARU,
    filedAt: "2026-01-26 09:00",
    routeDueAt: "2026-01-29 09:00",
    events: [[EVENT.FILED, "2026-01-26 09:00", ACTOR.CITIZEN]],
  },
  {
    code: "LPR-0000000H",
    citizen: "named",
    privacy: "biasa",
    agency: null,
    status: STATUS.DITOLAK,
    filedAt: "2026-01-27 09:00",
    routeDueAt: "2026-01-30 09:00",
    events: [
      [EVENT.FILED, "2026-01-27 09:00", ACTOR.CITIZEN],
      [EVENT.REJECTED, "2026-01-27 11:00"],
    ],
  },
  {
    code: "LPR-0000000K",
    citizen: "named",
    privacy: "biasa",
    agency: "DPUPR",
    status: STATUS.DIPROSES,
    filedAt: "2026-01-28 09:00",
    routedAt: "2026-01-28 09:30",
    firstResponseAt: "2026-01-28 11:30",
    routeDueAt: "2026-02-02 09:00",
    responseDueAt: "2026-02-04 09:30",
    events: [
      [EVENT.FILED, "2026-01-28 09:00", ACTOR.CITIZEN],
      [EVENT.FORWARDED, "2026-01-28 09:30"],
      [EVENT.REPLY, "2026-01-28 11:30"],
    ],
  },
];

export interface MonevDatabase {
  db: OpenedDatabase;
  prisma: PrismaClient;
  /** A temp folder for files the test writes. */
  dir: string;
  /** DATABASE_URL for a child process (the report CLI). */
  url: string;
  close(): Promise<void>;
}

/** Opens a fresh temporary database of the engine under test and fills it with the seeds above. */
export async function createMonevDatabase(): Promise<MonevDatabase> {
  const testDatabase = await createTestDatabase("monev");
  const db = await openDatabase(testDatabase.url);
  const { prisma } = db;
  const named = await prisma.citizen.create({
    data: {
      channel: "telegram",
      userId: NAMED.userId,
      chatId: NAMED.userId,
      displayName: NAMED.displayName,
      phone: NAMED.phone,
    },
  });
  const anonymous = await prisma.citizen.create({
    data: {
      channel: "whatsapp",
      userId: ANONYMOUS.userId,
      chatId: ANONYMOUS.userId,
      displayName: ANONYMOUS.displayName,
      phone: ANONYMOUS.phone,
    },
  });
  for (const seed of SEEDS) {
    const citizen = seed.citizen === "named" ? named : anonymous;
    const at = (value: string | undefined) => (value === undefined ? null : wib(value));
    const complaint = await prisma.complaint.create({
      data: {
        trackingCode: seed.code,
        submissionId: `submission-${seed.code}`,
        citizenId: citizen.id,
        channel: citizen.channel,
        chatId: citizen.chatId,
        reportType: "pengaduan",
        description: seed.description ?? `Uraian laporan ${seed.code}`,
        suggestedAgency: seed.agency ?? "DISHUB",
        suggestedConfidence: 0.8,
        assignedAgency: seed.agency,
        locationText: seed.locationText ?? "Jl. Sudirman, Bandung",
        privacy: seed.privacy,
        status: seed.status,
        filedAt: wib(seed.filedAt),
        routedAt: at(seed.routedAt),
        firstResponseAt: at(seed.firstResponseAt),
        finishedAt: at(seed.finishedAt),
        routeDueAt: wib(seed.routeDueAt),
        responseDueAt: at(seed.responseDueAt),
        finishDueAt: FAR,
        rating: seed.rating ?? null,
        reopenCount: seed.reopenCount ?? 0,
        notAuthorityCount: seed.notAuthorityCount ?? 0,
      },
    });
    for (const [type, eventAt, actorType, agencyCode] of seed.events) {
      await prisma.complaintEvent.create({
        data: {
          complaintId: complaint.id,
          type,
          actorType: actorType ?? ACTOR.STAFF,
          actorIdentity: (actorType ?? ACTOR.STAFF) === ACTOR.STAFF ? "telegram:1" : null,
          agencyCode: agencyCode ?? seed.agency,
          createdAt: wib(eventAt),
        },
      });
    }
  }
  return {
    db,
    prisma,
    dir: testDatabase.dir,
    url: testDatabase.url,
    close: async () => {
      await db.close();
      await testDatabase.drop();
    },
  };
}

/** Every way the anonymous reporter could leak into a file or message. */
export function expectNoAnonymousTrace(text: string): string[] {
  return [ANONYMOUS.displayName, "Siti", ANONYMOUS.phone, ANONYMOUS.userId].filter((needle) => text.includes(needle));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks the PNG signature and returns width and height from the IHDR chunk, which must come first. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
