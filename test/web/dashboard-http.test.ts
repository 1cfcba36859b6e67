// The dashboard's HTTP rules without a browser: a link preview (GET) does not spend a login link, the
// cookie is Secure behind an https URL, security headers; and both entry points serve it as real
// processes: `npm run dashboard`, and `npm start` with DASHBOARD_PORT set.
import { spawn } from "node:child_process";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueLoginToken } from "../../complaints/dashboard-access.js";
import { upsertStaff } from "../../complaints/staff-directory.js";
import { createDashboard } from "../../web/server.js";
import { ROOT } from "../support/chat-process.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { freePort } from "../support/free-port.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.transactions.run(({ db: tx }) =>
    upsertStaff(tx, { identity: "telegram:9001", agencyCode: "KOORDINATOR", name: "Kori" }),
  );
});
afterAll(async () => {
  await t.close();
});

function dashboard(baseUrl: string) {
  return createDashboard({
    transactions: t.transactions,
    lifecycle: t.app.lifecycle,
    sla: t.app.sla,
    clock: t.app.clock,
    agencies: () => [],
    agencyName: () => undefined,
    baseUrl,
    onChange: () => undefined,
    logger: pino({ level: "silent" }),
  });
}

async function token(): Promise<string> {
  const issued = await t.transactions.run(({ db: tx }) => issueLoginToken(tx, "telegram:9001", new Date()));
  if (!issued.ok) throw new Error(issued.message);
  return issued.token;
}

async function serves(args: string[], env: Record<string, string>, port: number): Promise<string> {
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  try {
    for (let i = 0; i < 200; i += 1) {
      const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (response) return `${response.status} ${await response.text()}`;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("dashboard never answered");
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

describe("dashboard over HTTP", () => {
  it("a GET of the link (a chat app's preview) does not spend it; the POST does, once", async () => {
    const app = dashboard("http://127.0.0.1:8080");
    const link = await token();
    const preview = await app.request(`/masuk/${link}`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Masuk");
    const used = await app.request(`/masuk/${link}`, { method: "POST" });
    expect(used.status).toBe(303);
    const cookie = used.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^dasbor_sesi=[A-Za-z0-9_-]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Max-Age=28800");
    expect(cookie).not.toContain("Secure");
    expect((await app.request(`/masuk/${link}`, { method: "POST" })).status).toBe(401);
    expect(used.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("marks the cookie Secure when the public URL is https", async () => {
    const used = await dashboard("https://dasbor.contoh.go.id").request(`/masuk/${await token()}`, { method: "POST" });
    expect(used.headers.get("set-cookie")).toContain("Secure");
  });

  it("is served by npm run dashboard and by npm start with DASHBOARD_PORT", async () => {
    const env = { DATABASE_URL: t.database.url, DATA_DIR: t.dataDir, DASHBOARD_HOST: "127.0.0.1" };
    const alone = await freePort();
    expect(await serves(["app/dashboard.ts"], { ...env, DASHBOARD_PORT: String(alone) }, alone)).toMatch(/^401 [\s\S]*\/dasbor/);
    const withBots = await freePort();
    expect(await serves(["app/main.ts", "--chat"], { ...env, DASHBOARD_PORT: String(withBots) }, withBots)).toMatch(/^401 /);
  });
});
