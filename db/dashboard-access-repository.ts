// One-time login links and dashboard sessions, stored by hash only (complaints/dashboard-access.ts makes
// the secrets and hashes them; a copied database opens nothing).
import type { Db } from "./client.js";

export async function insertLoginToken(
  db: Db,
  token: { tokenHash: string; identity: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db.dashboardLoginToken.create({ data: token });
}

/**
 * Marks the token used if it is unused and unexpired; returns its identity, or null. The conditional
 * update is the single-use guarantee: of two concurrent uses exactly one counts.
 */
export async function useLoginToken(db: Db, tokenHash: string, now: Date): Promise<string | null> {
  const used = await db.dashboardLoginToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return null;
  const row = await db.dashboardLoginToken.findUnique({ where: { tokenHash }, select: { identity: true } });
  return row?.identity ?? null;
}

export async function insertSession(
  db: Db,
  session: { idHash: string; identity: string; csrfToken: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db.dashboardSession.create({ data: session });
}

export function findSession(
  db: Db,
  idHash: string,
): Promise<{ identity: string; csrfToken: string; expiresAt: Date; revokedAt: Date | null } | null> {
  return db.dashboardSession.findUnique({
    where: { idHash },
    select: { identity: true, csrfToken: true, expiresAt: true, revokedAt: true },
  });
}

export async function revokeSessionByHash(db: Db, idHash: string, now: Date): Promise<void> {
  await db.dashboardSession.updateMany({ where: { idHash, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of one identity and spends its unused links; returns how many sessions ended. */
export async function revokeSessionsOf(db: Db, identity: string, now: Date): Promise<number> {
  const result = await db.dashboardSession.updateMany({ where: { identity, revokedAt: null }, data: { revokedAt: now } });
  await db.dashboardLoginToken.updateMany({ where: { identity, usedAt: null }, data: { usedAt: now } });
  return result.count;
}

/** Removes links and sessions that ended before `before`. */
export async function deleteExpiredAccess(db: Db, before: Date): Promise<void> {
  await db.dashboardLoginToken.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.dashboardSession.deleteMany({ where: { expiresAt: { lt: before } } });
}
