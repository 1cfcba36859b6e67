// Staff registrations keyed by channel identity (e.g. telegram:123456). The hot path's lookups by
// identity are prepared statements (db/sql-store.ts); these serve commands, the dashboard and the CLI.
import type { Db } from "./client.js";
import type { StaffRecord } from "./models.js";

/** The columns of a StaffRecord, for every read of staff through Prisma. */
export const STAFF_FIELDS = { identity: true, agencyCode: true, name: true } as const;

/** The same columns for raw SQL (the step stores): quoted, so both engines keep their case. */
export const STAFF_COLUMNS_SQL = Object.keys(STAFF_FIELDS)
  .map((field) => `"${field}"`)
  .join(", ");

export function findStaff(db: Db, identity: string): Promise<StaffRecord | null> {
  return db.staff.findUnique({ where: { identity }, select: STAFF_FIELDS });
}

/** Registers or updates (a second add moves the person to the new agency; a missing name keeps the old one). */
export async function upsertStaff(
  db: Db,
  input: { identity: string; agencyCode: string; name?: string | null },
): Promise<{ staff: StaffRecord; created: boolean }> {
  const existing = await findStaff(db, input.identity);
  const name = input.name ?? existing?.name ?? null;
  const staff = await db.staff.upsert({
    where: { identity: input.identity },
    create: { identity: input.identity, agencyCode: input.agencyCode, name },
    update: { agencyCode: input.agencyCode, name },
    select: STAFF_FIELDS,
  });
  return { staff, created: existing === null };
}

/** Also ends the person's dashboard sessions and links, so adding them again later revives nothing. */
export async function removeStaff(db: Db, identity: string): Promise<boolean> {
  const result = await db.staff.deleteMany({ where: { identity } });
  await db.dashboardSession.deleteMany({ where: { identity } });
  await db.dashboardLoginToken.deleteMany({ where: { identity } });
  return result.count > 0;
}

/** Everyone, by agency code and identity. */
export function allStaff(db: Db): Promise<StaffRecord[]> {
  return db.staff.findMany({ orderBy: [{ agencyCode: "asc" }, { identity: "asc" }], select: STAFF_FIELDS });
}

export function staffOfAgency(db: Db, agencyCode: string): Promise<StaffRecord[]> {
  return db.staff.findMany({ where: { agencyCode }, orderBy: { identity: "asc" }, select: STAFF_FIELDS });
}

/** The registered ones among these identities (people who left are simply missing). */
export function staffByIdentities(db: Db, identities: readonly string[]): Promise<StaffRecord[]> {
  return db.staff.findMany({ where: { identity: { in: [...identities] } }, select: STAFF_FIELDS });
}
