// Dashboard access without passwords: a registered staff member asks for a one-time link (/dasbor in
// chat, or an operator runs `npm run staff -- link`); the link opens a session. Only hashes of the
// link token and of the session id are stored, so a copied database opens nothing. Every session read
// re-reads the Staff row: a removed staff member is logged out at once, a moved one sees the new agency.
import { createHash, randomBytes } from "node:crypto";
import {
  deleteExpiredAccess,
  findSession,
  insertLoginToken,
  insertSession,
  revokeSessionByHash,
  revokeSessionsOf,
  useLoginToken,
} from "../db/dashboard-access-repository.js";
import type { Db } from "../db/database.js";
import type { StaffRecord } from "../db/models.js";
import { findStaff } from "../db/staff-repository.js";

export const LOGIN_LINK_MINUTES = 10;
export const SESSION_HOURS = 8;

/** The one-time login link: the token travels in the path and is never logged by us. */
export function loginUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/masuk/${token}`;
}

const hash = (value: string): string => createHash("sha256").update(value).digest("hex");
const newSecret = (): string => randomBytes(32).toString("base64url");

export type LinkResult = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string };

/** A fresh single-use login token for a registered staff member. */
export async function issueLoginToken(db: Db, identity: string, now: Date): Promise<LinkResult> {
  const staff = await findStaff(db, identity);
  if (!staff)
    return {
      ok: false,
      message: `Petugas ${identity} tidak terdaftar. Daftarkan dulu dengan: npm run staff -- add ${identity} INSTANSI`,
    };
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await insertLoginToken(db, { tokenHash: hash(token), identity, expiresAt, createdAt: now });
  return { ok: true, token, expiresAt };
}

export interface OpenedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  staff: StaffRecord;
}

/** Uses the token (once, before it expires) and opens a session; null for anything else. */
export async function redeemLoginToken(db: Db, token: string, now: Date): Promise<OpenedSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const identity = await useLoginToken(db, hash(token), now);
  const staff = identity ? await findStaff(db, identity) : null;
  if (!staff) return null;
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(db, { idHash: hash(sessionId), identity: staff.identity, csrfToken, expiresAt, createdAt: now });
  return { sessionId, csrfToken, expiresAt, staff };
}

/** The staff member behind a live session, or null (unknown, expired, revoked, or staff removed). */
export async function sessionStaff(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<{ staff: StaffRecord; csrfToken: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(sessionId)) return null;
  const session = await findSession(db, hash(sessionId));
  if (!session || session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime()) return null;
  const staff = await findStaff(db, session.identity);
  return staff ? { staff, csrfToken: session.csrfToken } : null;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await revokeSessionByHash(db, hash(sessionId), now);
}

/** Ends every session of one staff member (logout everywhere, or an operator's revocation). */
export function revokeAllSessions(db: Db, identity: string, now: Date): Promise<number> {
  return revokeSessionsOf(db, identity, now);
}

/** Housekeeping: tokens and sessions long past their end. */
export function pruneDashboardAccess(db: Db, now: Date): Promise<void> {
  return deleteExpiredAccess(db, new Date(now.getTime() - 24 * 3_600_000));
}
