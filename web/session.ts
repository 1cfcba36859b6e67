// Sessions and CSRF for the dashboard. The cookie holds a random session id (HttpOnly, SameSite=Strict,
// Secure when the public URL is https, 8 hours); every request looks it up, so revoked sessions and
// removed staff are refused at once. Every POST carries the session's CSRF token.
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_HOURS, sessionStaff } from "../complaints/dashboard-access.js";
import type { StaffRecord } from "../db/models.js";
import type { Transactions } from "../db/transactions.js";

export const SESSION_COOKIE = "dasbor_sesi";

export type DashboardEnv = { Variables: { staff: StaffRecord; csrf: string; sessionId: string } };

export interface SessionOptions {
  transactions: Transactions;
  clock: () => Date;
  secure: boolean;
}

export function writeSessionCookie(c: Context, sessionId: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: "Strict",
    secure,
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
}

/** Sets staff, csrf and sessionId, or answers with `refuse` (the login page) and no data. */
export function requireSession(
  options: SessionOptions,
  refuse: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE) ?? "";
    const found = sessionId ? await options.transactions.run(({ db }) => sessionStaff(db, sessionId, options.clock())) : null;
    if (!found) {
      if (sessionId) clearSessionCookie(c, options.secure);
      return refuse(c);
    }
    c.set("staff", found.staff);
    c.set("csrf", found.csrfToken);
    c.set("sessionId", sessionId);
    await next();
  };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** POST bodies: the form must carry the session's CSRF token. */
export function csrfValid(c: Context<DashboardEnv>, submitted: unknown): boolean {
  return typeof submitted === "string" && submitted !== "" && sameToken(submitted, c.get("csrf"));
}
