// The weekly digest for coordinators: last week's figures and the agencies with the most overdue
// complaints now. One outbox row per coordinator per ISO week.
//
// Idempotency without a schema change: the digest's first line names the ISO week, and the outbox
// payload is JSON that starts with the text, so a row whose payload starts with that line marks the
// week as sent to that chat. (If sent outbox rows are ever pruned, a small DigestRun table keyed by
// week would be the sturdier marker.)
import type { Db, PrismaClient } from "../db/database.js";
import { chatHasPushStartingWith } from "../db/outbox-repository.js";
import { staffOfAgency } from "../db/staff-repository.js";
import { transaction } from "../db/transaction.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { Clock } from "./clock.js";
import { computeMonev } from "./monev-figures.js";
import { overdueByAgency } from "./monev-overdue.js";
import { previousIsoWeek, type IsoWeek } from "./monev-period.js";
import { agencyLines, formatPeriod, overdueLines, totalsLines, type AgencyNames } from "./monev-text.js";
import { encodePayload, enqueueMessages, type OutboxItem } from "./outbox.js";
import type { SlaPolicy } from "./sla.js";
import { parseIdentity } from "./staff-directory.js";

export interface DigestOptions {
  now: Date;
  sla: SlaPolicy;
  agencyName: AgencyNames;
}

const MAX_AGENCY_LINES = 10;
const MAX_OVERDUE_LINES = 5;

function headline(week: IsoWeek, utcOffsetMinutes: number): string {
  return `Ringkasan mingguan LAPOR, minggu ${week.label} (${formatPeriod(week.period, utcOffsetMinutes)})`;
}

/** The payload prefix every digest of this week starts with (encodePayload writes `text` first). */
function payloadPrefix(week: IsoWeek): string {
  const json = encodePayload({ text: `Ringkasan mingguan LAPOR, minggu ${week.label} ` });
  return json.slice(0, json.length - 2); // drop the closing quote and brace
}

async function digestText(db: Db, week: IsoWeek, options: DigestOptions): Promise<string> {
  const offset = options.sla.calendar.utcOffsetMinutes;
  const figures = await computeMonev(db, { ...week.period, now: options.now, sla: options.sla });
  const overdue = await overdueByAgency(db, { now: options.now, sla: options.sla });
  const sections = [
    headline(week, offset),
    ["Laporan yang masuk minggu itu (keadaan sekarang):", ...totalsLines(figures.totals)].join("\n"),
  ];
  if (figures.totals.received > 0) {
    sections.push(
      ["Tindak lanjut per instansi (terendah dulu):", ...agencyLines(figures, options.agencyName, MAX_AGENCY_LINES)].join("\n"),
    );
  }
  sections.push(
    [
      "Instansi dengan laporan terlambat terbanyak saat ini:",
      ...overdueLines(overdue, options.agencyName, MAX_OVERDUE_LINES),
    ].join("\n"),
  );
  sections.push("Ketik /laporan untuk grafik dan file CSV 30 hari terakhir.");
  return sections.join("\n\n");
}

/**
 * Enqueues last week's digest for every registered coordinator who has not got it yet; returns how
 * many rows were written. Run it inside one transaction so the check and the insert are atomic.
 */
export async function enqueueWeeklyDigest(db: Db, options: DigestOptions): Promise<number> {
  const week = previousIsoWeek(options.now, options.sla.calendar.utcOffsetMinutes);
  const coordinators = await staffOfAgency(db, COORDINATOR_CODE);
  const prefix = payloadPrefix(week);
  const recipients: { channel: OutboxItem["channel"]; chatId: string }[] = [];
  for (const staff of coordinators) {
    const target = parseIdentity(staff.identity);
    if (!target) continue;
    const already = await chatHasPushStartingWith(db, target.channel, target.chatId, prefix);
    if (!already && !recipients.some((r) => r.channel === target.channel && r.chatId === target.chatId)) {
      recipients.push({ channel: target.channel, chatId: target.chatId });
    }
  }
  if (recipients.length === 0) return 0;
  const text = await digestText(db, week, options);
  await enqueueMessages(
    db,
    recipients.map((recipient) => ({ ...recipient, message: { text } })),
    options.now,
  );
  return recipients.length;
}

/** Monday before this local hour: too early, the digest waits for office hours. */
export function digestDue(now: Date, utcOffsetMinutes: number, sendHour: number): boolean {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return !(local.getUTCDay() === 1 && local.getUTCHours() < sendHour);
}

export interface DigestSchedulerDeps {
  prisma: PrismaClient;
  clock: Clock;
  sla: SlaPolicy;
  agencyName: AgencyNames;
  /** How often to check (default 15 minutes). */
  intervalMs?: number;
  /** Local hour on Monday from which last week's digest goes out (default 7). */
  sendHour?: number;
  onError?(error: unknown): void;
  onSent?(count: number): void;
}

export interface DigestScheduler {
  /** One check now (also what the timer runs); resolves to the rows enqueued. */
  tick(): Promise<number>;
  /** Stops the timer and waits for a check in flight. */
  stop(): Promise<void>;
}

/**
 * Checks periodically and enqueues last week's digest once per coordinator. Because the enqueue is
 * idempotent per week, a restart or a late start (say Wednesday) still delivers it exactly once.
 */
export function startWeeklyDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  let running: Promise<number> | null = null;
  const tick = async (): Promise<number> => {
    const now = deps.clock();
    if (!digestDue(now, deps.sla.calendar.utcOffsetMinutes, deps.sendHour ?? 7)) return 0;
    const options = { now, sla: deps.sla, agencyName: deps.agencyName };
    const count = await transaction(deps.prisma, (tx) => enqueueWeeklyDigest(tx, options));
    if (count > 0) deps.onSent?.(count);
    return count;
  };
  const guarded = (): Promise<number> => {
    // Never two checks at once: the second would wait on the transaction lock for nothing.
    running ??= tick().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(
    () => {
      guarded().catch((error: unknown) => deps.onError?.(error));
    },
    deps.intervalMs ?? 15 * 60_000,
  );
  timer.unref();
  return {
    tick: guarded,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
