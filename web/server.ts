// The staff dashboard over HTTP (hono): login by one-time link, queue, complaint page with actions,
// monev. Pages render; complaints/ decides: every read and change goes through the lifecycle service
// and the query modules with the signed-in staff member as the actor, exactly as the chat commands do.
import { Hono, type Context } from "hono";
import type { Logger } from "pino";
import type { Clock } from "../complaints/clock.js";
import { redeemLoginToken, revokeSession } from "../complaints/dashboard-access.js";
import { dashboardQueue } from "../complaints/dashboard-queue.js";
import type { LifecycleService, StaffActor } from "../complaints/lifecycle-service.js";
import { monevReport } from "../complaints/monev-files.js";
import { loadMonevComplaints } from "../complaints/monev-figures.js";
import { isCoordinator } from "../complaints/permissions.js";
import type { SlaPolicy } from "../complaints/sla.js";
import type { Transactions } from "../db/transactions.js";
import { runAction } from "./actions.js";
import { notice, page, type Viewer } from "./layout.js";
import { complaintPage } from "./page-complaint.js";
import { loginConfirmPage, loginHelpPage } from "./page-login.js";
import { monevData, monevPeriod } from "./monev-data.js";
import { monevPage } from "./page-monev.js";
import { queueFilters, queuePage, type QueueQuery } from "./page-queue.js";
import { clearSessionCookie, csrfValid, requireSession, writeSessionCookie, type DashboardEnv } from "./session.js";

export interface DashboardDeps {
  transactions: Transactions;
  lifecycle: LifecycleService;
  sla: SlaPolicy;
  clock: Clock;
  agencies(): Array<{ code: string; name: string }>;
  agencyName(code: string): string | undefined;
  /** Public base URL: https makes the session cookie Secure. */
  baseUrl: string;
  /** After a committed change: deliver its outbox rows now (the dispatcher's nudge). */
  onChange(): void;
  logger: Logger;
}

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

export function createDashboard(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const secure = deps.baseUrl.startsWith("https://");
  // The session's staff row is the actor: the same StaffRecord the chat commands act as.
  const actorOf = (c: Context<DashboardEnv>): StaffActor => c.get("staff");
  const viewerOf = (c: Context<DashboardEnv>): Viewer => {
    const staff = c.get("staff");
    return { name: staff.name ?? "Petugas", agencyCode: staff.agencyCode, csrf: c.get("csrf") };
  };

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, "dashboard request failed");
    return c.html(page("Galat", notice("Terjadi galat di server. Silakan coba lagi sebentar lagi.", false)), 500);
  });

  // --- Without a session: the login pages only.
  app.get("/masuk/:token", (c) => c.html(loginConfirmPage(c.req.param("token"))));
  app.post("/masuk/:token", async (c) => {
    const opened = await deps.transactions.run(({ db }) => redeemLoginToken(db, c.req.param("token"), deps.clock()));
    if (!opened) {
      return c.html(
        loginHelpPage("Tautan ini sudah dipakai, kedaluwarsa atau tidak dikenal. Ketik /dasbor di chat untuk tautan baru."),
        401,
      );
    }
    writeSessionCookie(c, opened.sessionId, secure);
    return c.redirect("/", 303);
  });

  const auth = requireSession({ transactions: deps.transactions, clock: deps.clock, secure }, (c) =>
    c.html(loginHelpPage(), 401),
  );
  app.use("/", auth);
  app.use("/keluar", auth);
  app.use("/pengaduan/*", auth);
  app.use("/monev", auth);
  app.use("/monev/*", auth);

  app.post("/keluar", async (c) => {
    const body = await c.req.parseBody();
    if (!csrfValid(c, body.csrf)) return c.html(page("Ditolak", notice("Formulir kedaluwarsa. Muat ulang halaman.", false)), 403);
    await deps.transactions.run(({ db }) => revokeSession(db, c.get("sessionId"), deps.clock()));
    clearSessionCookie(c, secure);
    return c.html(loginHelpPage("Anda sudah keluar."));
  });

  app.get("/", async (c) => {
    const q = (name: string) => c.req.query(name)?.trim() ?? "";
    const query: QueueQuery = {
      status: q("status") || "terbuka",
      agency: q("instansi").toUpperCase(),
      overdue: q("terlambat") === "ya",
      from: q("dari"),
      to: q("sampai"),
      type: q("jenis"),
      search: q("cari"),
    };
    const pageNumber = Number.parseInt(q("hal") || "1", 10) || 1;
    const actor = actorOf(c);
    const filters = queueFilters(query, deps.sla.calendar.utcOffsetMinutes, pageNumber);
    const result = await deps.transactions.run(({ db }) =>
      dashboardQueue(db, actor, filters, { now: deps.clock(), sla: deps.sla }),
    );
    return c.html(
      queuePage({
        viewer: viewerOf(c),
        coordinator: isCoordinator(actor),
        agencies: deps.agencies(),
        query,
        result,
        agencyName: deps.agencyName,
      }),
    );
  });

  app.get("/pengaduan/:code", async (c) => {
    const actor = actorOf(c);
    const loaded = await deps.transactions.run(({ db }) => deps.lifecycle.staffView(db, actor, c.req.param("code")));
    // Another agency's complaint reads exactly like a missing one: the lifecycle's own message.
    if (!loaded.ok) return c.html(page("Tidak ditemukan", notice(loaded.message, false), viewerOf(c)), 404);
    const message = c.req.query("hasil");
    return c.html(
      complaintPage({
        viewer: viewerOf(c),
        coordinator: isCoordinator(actor),
        view: loaded.view,
        photoCount: loaded.photos.length,
        agencies: deps.agencies(),
        agencyName: deps.agencyName,
        ...(message ? { result: { message, ok: c.req.query("ok") === "1" } } : {}),
      }),
    );
  });

  app.get("/pengaduan/:code/foto/:n", async (c) => {
    const loaded = await deps.transactions.run(({ db }) => deps.lifecycle.staffView(db, actorOf(c), c.req.param("code")));
    const photo = loaded.ok ? loaded.photos[Number(c.req.param("n")) - 1] : undefined;
    if (!photo) return c.text("Foto tidak ditemukan.", 404);
    return c.body(new Uint8Array(photo.data), 200, { "Content-Type": photo.mimeType });
  });

  app.post("/pengaduan/:code/aksi", async (c) => {
    const code = c.req.param("code");
    const body = await c.req.parseBody();
    if (!csrfValid(c, body.csrf)) {
      return c.html(
        page("Ditolak", notice("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.", false), viewerOf(c)),
        403,
      );
    }
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const outcome = await runAction(
      { transactions: deps.transactions, lifecycle: deps.lifecycle, agencyName: deps.agencyName },
      actorOf(c),
      code,
      { action: text("aksi"), agency: text("instansi"), text: text("teks") },
    );
    if (outcome.ok) deps.onChange();
    const params = new URLSearchParams({ hasil: outcome.message, ok: outcome.ok ? "1" : "0" });
    return c.redirect(`/pengaduan/${encodeURIComponent(code)}?${params.toString()}`, 303);
  });

  app.get("/monev", async (c) => {
    const actor = actorOf(c);
    const period = monevPeriod(c.req.query("dari"), c.req.query("sampai"), deps.clock(), deps.sla);
    const data = await monevData(deps, actor, period.period);
    return c.html(
      monevPage({
        viewer: viewerOf(c),
        scope: isCoordinator(actor) ? "semua instansi" : (deps.agencyName(actor.agencyCode) ?? actor.agencyCode),
        from: period.from,
        to: period.to,
        periodLabel: data.periodLabel,
        figures: data.figures,
        chartSvg: data.chartSvg,
        agencyName: deps.agencyName,
        ...(period.problem ? { problem: period.problem } : {}),
      }),
    );
  });

  app.get("/monev/:file", async (c) => {
    const actor = actorOf(c);
    const { period } = monevPeriod(c.req.query("dari"), c.req.query("sampai"), deps.clock(), deps.sla);
    const options = {
      ...period,
      ...(isCoordinator(actor) ? {} : { agency: actor.agencyCode }),
      now: deps.clock(),
      sla: deps.sla,
      agencyName: deps.agencyName,
    };
    // Read in a transaction, drawn after it: the chart takes a while and holds nothing.
    const report = await monevReport(await deps.transactions.run(({ db }) => loadMonevComplaints(db, options)), options);
    const files = {
      "pengaduan.csv": report.complaintsCsv,
      "instansi.csv": report.agencyCsv,
      "instansi-data.csv": report.agencyDataCsv,
      "grafik.png": report.chart,
    } as const;
    const name = c.req.param("file");
    const file = Object.hasOwn(files, name) ? files[name as keyof typeof files] : undefined;
    if (!file) return c.text("Berkas tidak dikenal.", 404);
    return c.body(new Uint8Array(file.data), 200, {
      "Content-Type": file.mimeType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
    });
  });

  app.notFound((c) => c.html(page("Tidak ditemukan", notice("Halaman tidak ditemukan.", false)), 404));
  return app;
}
