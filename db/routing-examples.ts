// Routing examples (labelled complaint texts) in the database: written by staff decisions inside their
// own transaction and by imports in one transaction; read by the classifier's refresher and the CLI.
import { executeSql, joinSql, sqlText } from "./raw-sql.js";
import type { Db } from "./client.js";
import type { SqlStore } from "./sql-store.js";

export const ROUTING_SOURCE = {
  /** The coordinator forwarded a complaint to this agency. */
  FORWARD: "FORWARD",
  /** Forwarded again after an agency said "bukan wewenang". */
  REROUTE: "REROUTE",
  /** The agency finished the complaint without saying "bukan wewenang". */
  FINISHED: "FINISHED",
  /** `npm run routing -- import`. */
  IMPORT: "IMPORT",
} as const;
export type RoutingSource = (typeof ROUTING_SOURCE)[keyof typeof ROUTING_SOURCE];

export interface NewRoutingExample {
  key: string;
  text: string;
  agencyCode: string;
  source: RoutingSource;
  batch?: string | null;
  complaintId?: string | null;
  actorIdentity?: string | null;
  createdAt: Date;
}

export interface StoredExample {
  id: number;
  text: string;
  agencyCode: string;
}

const CHUNK = 200;

/**
 * Inserts the examples whose key is new; returns how many were inserted. One multi-row
 * INSERT ... ON CONFLICT DO NOTHING per 200 rows (Prisma's createMany costs about a millisecond a row
 * here, and 10,000 imported rows must take seconds, not tens of seconds).
 */
export async function insertNewExamples(db: Db, examples: NewRoutingExample[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < examples.length; i += CHUNK) {
    const [open, comma, close] = [sqlText("("), sqlText(", "), sqlText(")")];
    const rows = examples.slice(i, i + CHUNK).map((e) => {
      const fields = [
        e.key,
        e.text,
        e.agencyCode,
        e.source,
        e.batch ?? null,
        e.complaintId ?? null,
        e.actorIdentity ?? null,
        e.createdAt,
      ];
      return [open, ...fields.flatMap((field, index) => (index === 0 ? [field] : [comma, field])), close];
    });
    inserted += await executeSql(
      db,
    )`INSERT INTO "RoutingExample" ("key", "text", "agencyCode", "source", "batch", "complaintId", "actorIdentity", "createdAt")
      VALUES ${joinSql(rows)} ON CONFLICT ("key") DO NOTHING`;
  }
  return inserted;
}

/** Removes the staff examples of one complaint for one agency (that agency said it was the wrong one). */
export async function deleteComplaintExamples(db: Db, complaintId: string, agencyCode: string): Promise<number> {
  return (await db.routingExample.deleteMany({ where: { complaintId, agencyCode } })).count;
}

/** A cheap fingerprint: it changes whenever an example is added or removed. */
export async function exampleSignature(db: Db): Promise<{ count: number; maxId: number }> {
  const result = await db.routingExample.aggregate({ _count: { _all: true }, _max: { id: true } });
  return { count: result._count._all, maxId: result._max.id ?? 0 };
}

export async function examplesAfter(db: Db, afterId: number): Promise<StoredExample[]> {
  return db.routingExample.findMany({
    where: { id: { gt: afterId } },
    select: { id: true, text: true, agencyCode: true },
    orderBy: { id: "asc" },
  });
}

export async function exampleCounts(db: Db): Promise<{ agencyCode: string; source: string; count: number }[]> {
  const rows = await db.routingExample.groupBy({ by: ["agencyCode", "source"], _count: { _all: true } });
  return rows.map((row) => ({ agencyCode: row.agencyCode, source: row.source, count: row._count._all }));
}

export async function importBatches(db: Db): Promise<{ batch: string; count: number; createdAt: Date }[]> {
  const rows = await db.routingExample.groupBy({
    by: ["batch"],
    where: { batch: { not: null } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return rows
    .map((row) => ({ batch: row.batch as string, count: row._count._all, createdAt: row._min.createdAt as Date }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function deleteBatch(db: Db, batch: string): Promise<number> {
  return (await db.routingExample.deleteMany({ where: { batch } })).count;
}

export async function allExamples(db: Db) {
  return db.routingExample.findMany({
    select: { text: true, agencyCode: true, source: true, batch: true, createdAt: true },
    orderBy: { id: "asc" },
  });
}

/**
 * Every example and the fingerprint, read synchronously on the store's connection: for start-up, before
 * any transaction can be open (Prisma's first query would add ~150 ms to every start).
 */
export function readAllExamplesAtStart(store: SqlStore): { rows: StoredExample[]; count: number; maxId: number } {
  const rows = store.raw
    .prepare(`SELECT "id", "text", "agencyCode" FROM "RoutingExample" ORDER BY "id"`)
    .all() as StoredExample[];
  return { rows, count: rows.length, maxId: rows.at(-1)?.id ?? 0 };
}
