// The dashboard in a real browser (Debian's Chromium through puppeteer-core) over the real app: login
// by a one-time link asked for in chat, the queue, a complaint page, forwarding it, and the citizen's
// terminal chat receiving the notice through the real outbox and dispatcher. Also: a used link fails,
// an agency officer cannot open another agency's complaint by URL, no session shows no data, CSRF,
// and a removed officer is logged out at once.
// DASHBOARD_SCREENSHOTS=docs writes the README's screenshots while the test runs.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../app/dashboard.js";
import { startTerminal, type TerminalChannel } from "../../bots/terminal-adapter.js";
import { upsertStaff } from "../../complaints/staff-directory.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { freePort } from "../support/free-port.js";

const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;
const ROAD = "Jalan Cempaka depan SDN 3 berlubang besar dan dalam, sudah dua motor jatuh minggu ini. Mohon segera diperbaiki.";
const LAMP = "Lampu jalan di gang Melati mati sudah dua minggu, gelap dan rawan begal malam hari.";
const WASTE = "Sampah di TPS Jalan Kenanga sudah seminggu tidak diangkut, baunya menyengat sampai ke rumah warga.";

let t: TestApp;
let dashboard: RunningDashboard;
let browser: Browser;
let profile: string;
let citizen: { channel: TerminalChannel; input: PassThrough; output: () => string };
let roadCode: string;
let wasteCode: string;
let lampCode: string;

/** A real picture (PNG), as a citizen's photo would be. */
async function photo(): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300"><rect width="480" height="300" fill="#8d8f91"/>
    <ellipse cx="240" cy="170" rx="150" ry="60" fill="#3b3528"/><ellipse cx="225" cy="160" rx="90" ry="30" fill="#6f8fa8"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

/** Asks for a link in chat, as a staff member would (/dasbor), and returns it. */
async function linkFromChat(userId: string): Promise<string> {
  const replies = await chatDriver(t.handler, { channel: "telegram", userId }).say("/dasbor");
  const url = /(http:\/\/\S+\/masuk\/[A-Za-z0-9_-]+)/.exec(replies.map((r) => r.text).join("\n"))?.[1];
  if (!url) throw new Error(`no link in ${JSON.stringify(replies)}`);
  return url;
}

async function login(link: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(link);
  await Promise.all([page.waitForNavigation(), page.click("form[action^='/masuk/'] button")]);
  return page;
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) as `${string}.png`, fullPage });
}

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

beforeAll(async () => {
  const port = await freePort();
  t = await createTestApp({ env: { DASHBOARD_PORT: String(port), DASHBOARD_HOST: "127.0.0.1" } });
  await t.transactions.run(async ({ db: tx }) => {
    await upsertStaff(tx, { identity: "telegram:9001", agencyCode: "KOORDINATOR", name: "Kori Koordinator" });
    await upsertStaff(tx, { identity: "telegram:9100", agencyCode: "DPUPR", name: "Budi Santoso" });
    await upsertStaff(tx, { identity: "telegram:9200", agencyCode: "DLH", name: "Sari Lestari" });
  });
  // The citizen files by chat, then keeps a terminal session open: the real adapter and its sender.
  const warga = chatDriver(t.handler, { channel: "terminal", userId: "warga", displayName: "Siti Aminah" });
  roadCode = (await fileComplaint(warga, { description: ROAD, location: "Jl. Cempaka No. 12", photo: await photo() })).code;
  wasteCode = (await fileComplaint(warga, { description: WASTE, agency: "tidak tahu", privacy: "Rahasia" })).code;
  lampCode = (
    await fileComplaint(warga, { description: LAMP, agency: "tidak tahu", location: "Gang Melati RT 03", privacy: "Anonim" })
  ).code;
  const coordinator = { identity: "telegram:9001", agencyCode: "KOORDINATOR", name: "Kori Koordinator" };
  const dlh = { identity: "telegram:9200", agencyCode: "DLH", name: "Sari Lestari" };
  await t.transactions.run(async ({ db: tx }) => {
    expect((await t.app.lifecycle.forward(tx, coordinator, wasteCode, "DLH")).ok).toBe(true);
    expect((await t.app.lifecycle.process(tx, dlh, wasteCode, "Truk sampah dijadwalkan besok pagi.")).ok).toBe(true);
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  citizen = {
    channel: startTerminal({ input, output, handler: t.handler, userId: "warga", prompt: false }),
    input,
    output: () => text,
  };
  t.attachSender(citizen.channel.sender);
  await t.dispatchOutbox();

  dashboard = await startDashboard(t.app, t.config, pino({ level: "silent" }));
  profile = mkdtempSync(path.join(tmpdir(), "lapor-chromium-"));
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  citizen?.input.end();
  await citizen?.channel.stop();
  await t?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("dashboard in a real browser", () => {
  it("logs a coordinator in with a one-time link, shows the queue, forwards a complaint and notifies the citizen", async () => {
    const link = await linkFromChat("9001");
    expect(link.startsWith(dashboard.url)).toBe(true);
    const page = await login(link);
    const cookies = await page.browserContext().cookies();
    const session = cookies.find((cookie) => cookie.name === "dasbor_sesi");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict" });

    const queue = await bodyText(page);
    expect(queue).toContain("Antrean semua instansi");
    expect(queue).toContain(roadCode);
    expect(queue).toContain(wasteCode);
    expect(queue).toMatch(/tepat waktu|mendekati batas|terlambat/);
    await shot(page, "dasbor-antrean.png");

    // Filters: the free-text search narrows to one complaint.
    await page.goto(`${dashboard.url}/?cari=kenanga`);
    expect(await bodyText(page)).toContain(wasteCode);
    expect(await bodyText(page)).not.toContain(roadCode);

    // The road complaint: every field, the photo, the classifier's suggestion with its confidence.
    await page.goto(`${dashboard.url}/`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/pengaduan/${roadCode}"]`)]);
    const detail = await bodyText(page);
    expect(detail).toContain(ROAD);
    expect(detail).toContain("Siti Aminah");
    expect(detail).toMatch(/Saran sistem\s+Dinas Pekerjaan Umum.*\(DPUPR\), keyakinan \d+%/);
    await page.waitForFunction(() => (document.querySelector(".photos img") as HTMLImageElement | null)?.complete);
    expect(await page.$eval(".photos img", (img) => (img as HTMLImageElement).naturalWidth)).toBe(480);
    await shot(page, "dasbor-pengaduan.png");

    // The anonymous lamp complaint: the reporter is hidden; forwarding it reaches the citizen's chat.
    await page.goto(`${dashboard.url}/`);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/pengaduan/${lampCode}"]`)]);
    const lamp = await bodyText(page);
    expect(lamp).toContain("Anonim (identitas pelapor dirahasiakan)");
    expect(lamp).not.toContain("Siti");
    await page.select("form:has(input[value='teruskan']) select[name='instansi']", "DISHUB");
    await page.type("form:has(input[value='teruskan']) textarea", "Mohon segera ditangani.");
    await Promise.all([page.waitForNavigation(), page.click("form:has(input[value='teruskan']) button")]);
    const after = await bodyText(page);
    expect(after).toContain("Pelapor sudah diberi tahu lewat chat");
    expect(after).toContain("Diteruskan ke DISHUB: Mohon segera ditangani. (oleh Kori Koordinator (KOORDINATOR))");
    expect(after).not.toContain("telegram:9001");

    // The citizen's chat gets the notice through the outbox and the dispatcher.
    await t.dispatchOutbox();
    expect(citizen.output()).toMatch(new RegExp(`\\[Pemberitahuan\\][^[]*${lampCode}[^[]*Perhubungan`, "i"));
    const rows = await t.prisma.outboxMessage.findMany({ where: { chatId: "warga", complaintId: { not: null } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === "SENT")).toBe(true);

    await page.goto(`${dashboard.url}/monev`);
    const monev = await bodyText(page);
    expect(monev).toContain("Dinas Pekerjaan Umum");
    expect(monev).toContain("Semua instansi");
    expect(await page.$("div.chart svg")).not.toBeNull();
    await shot(page, "dasbor-monev.png");
    const download = await fetch(`${dashboard.url}/monev/pengaduan.csv`, {
      headers: { cookie: `dasbor_sesi=${session?.value}` },
    });
    expect(download.headers.get("content-disposition")).toMatch(/attachment; filename="laporan-pengaduan_.*\.csv"/);
    expect(await download.text()).toContain(roadCode);

    // A second use of the same link fails and opens nothing.
    const again = await login(link);
    expect(await bodyText(again)).toContain("sudah dipakai, kedaluwarsa atau tidak dikenal");
    expect((await again.browserContext().cookies()).some((cookie) => cookie.name === "dasbor_sesi")).toBe(false);
    await again.browserContext().close();

    // A form without the session's CSRF token changes nothing.
    const forged = await fetch(`${dashboard.url}/pengaduan/${lampCode}/aksi`, {
      method: "POST",
      headers: { cookie: `dasbor_sesi=${session?.value}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ aksi: "tolak", teks: "Ditolak oleh pemalsu formulir" }).toString(),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect((await t.prisma.complaint.findUnique({ where: { trackingCode: lampCode } }))?.status).toBe("DITERUSKAN");
    await page.browserContext().close();
  });

  it("keeps an agency officer to their own agency, also by URL, and ends a removed officer's session at once", async () => {
    const page = await login(await linkFromChat("9100"));
    const queue = await bodyText(page);
    expect(queue).toContain("Antrean DPUPR");
    expect(queue).not.toContain(wasteCode);
    const response = await page.goto(`${dashboard.url}/pengaduan/${wasteCode}`);
    expect(response?.status()).toBe(404);
    const refused = await bodyText(page);
    expect(refused).not.toContain(WASTE);
    expect(refused).toContain("tidak ditemukan");
    const photo = await page.goto(`${dashboard.url}/pengaduan/${wasteCode}/foto/1`);
    expect(photo?.status()).toBe(404);

    await page.setViewport({ width: 390, height: 844, isMobile: true });
    await page.goto(`${dashboard.url}/pengaduan/${roadCode}`);
    expect(await bodyText(page)).toContain(ROAD);
    await shot(page, "dasbor-pengaduan-ponsel.png", false);

    const coordinator = { identity: "telegram:9001", agencyCode: "KOORDINATOR", name: "Kori Koordinator" };
    const removed = await t.transactions.run(({ db: tx }) => t.app.lifecycle.removeStaff(tx, coordinator, "telegram:9100"));
    expect(removed.ok).toBe(true);
    const gone = await page.goto(`${dashboard.url}/pengaduan/${roadCode}`);
    expect(gone?.status()).toBe(401);
    expect(await bodyText(page)).not.toContain(ROAD);
    await page.browserContext().close();
  });

  it("shows nothing of any complaint without a session", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    for (const target of ["/", `/pengaduan/${roadCode}`, "/monev", "/monev/pengaduan.csv", `/pengaduan/${roadCode}/foto/1`]) {
      const response = await page.goto(`${dashboard.url}${target}`);
      expect(response?.status(), target).toBe(401);
      const text = await bodyText(page);
      expect(text).toContain("/dasbor");
      for (const secret of [roadCode, wasteCode, ROAD, WASTE, "Siti"]) expect(text, target).not.toContain(secret);
    }
    await shot(page, "dasbor-masuk.png", false);
    await context.close();
  });
});
