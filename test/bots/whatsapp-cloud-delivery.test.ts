// What happens to the runner's replies and the outbox's pushes on the WhatsApp Cloud API: throttling
// and server errors survived with nothing lost or doubled, the 24-hour window (template notice, full
// text once the citizen answers), delivery receipts, and permanent failures shown to staff in /lihat.
// Real application, real HTTP both ways against the Graph API emulator.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WhatsAppCloudChannel } from "../../bots/whatsapp-cloud-adapter.js";
import { COORDINATOR_CODE } from "../../nlp/classification.js";
import { chatDriver, fileComplaint, type ChatDriver } from "../support/chat-driver.js";
import { GraphApiEmulator, type WaUser } from "../support/graph-api-emulator.js";
import type { TestApp } from "../support/test-app.js";
import { startCloudTestBed, startTestCloud, TEMPLATE } from "../support/whatsapp-cloud-test-channel.js";

const SITI: WaUser = { waId: "6281234567890", name: "Siti Rahayu" };
const KOORDINATOR = "6281399990000";
const DESCRIPTION = "sampah di pasar kembang numpuk udah seminggu gak diangkut, bau bgt dan banyak lalat, tolong pak";

let now = new Date("2026-11-16T03:00:00Z");
let app: TestApp;
let emulator: GraphApiEmulator;
let channel: WhatsAppCloudChannel;
let coordinator: ChatDriver;

const hours = (h: number) => {
  now = new Date(now.getTime() + h * 3_600_000);
};

beforeEach(async () => {
  now = new Date("2026-11-16T03:00:00Z");
  ({ app, emulator, channel } = await startCloudTestBed(() => now));
  await app.prisma.staff.create({ data: { identity: `whatsapp:${KOORDINATOR}`, agencyCode: COORDINATOR_CODE } });
  coordinator = chatDriver(app.handler, { channel: "whatsapp", userId: KOORDINATOR });
});
afterEach(async () => {
  await channel.stop();
  await emulator.close();
  await app.close();
});

/** Siti writes over the webhook (opening her window with Meta and with us), then files a complaint. */
async function siteFiles(): Promise<string> {
  await emulator.text(SITI, "selamat pagi");
  await emulator.waitForSent(SITI.waId, 1);
  const citizen = chatDriver(app.handler, { channel: "whatsapp", userId: SITI.waId, displayName: SITI.name });
  const { code } = await fileComplaint(citizen, { description: DESCRIPTION, agency: "3" });
  // The coordinator's notice of the filing goes out first (a template: the coordinator has not written).
  await app.dispatchOutbox();
  await channel.sender.idle();
  return code;
}

/** The coordinator forwards it: one push to Siti with the complaint's id. */
async function forward(code: string): Promise<number> {
  const replies = await coordinator.say(`/teruskan ${code} DLH`);
  expect(replies.map((r) => r.text).join("\n")).toContain(code);
  const row = await app.prisma.outboxMessage.findFirstOrThrow({ where: { chatId: SITI.waId }, orderBy: { id: "desc" } });
  expect(row.complaintId).not.toBeNull();
  return row.id;
}

const rowOf = (id: number) => app.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const textsTo = (waId: string) =>
  emulator
    .sentTo(waId)
    .filter((m) => m.type !== "template")
    .map((m) => m.text);

describe("WhatsApp Cloud API delivery", () => {
  it("survives 429, throttling codes and 500s on replies and pushes, with nothing lost or sent twice", async () => {
    // A reply: two 503s are retried inside the sender.
    emulator.failNext(/\/messages$/, { status: 503 }, 2);
    await emulator.text(SITI, "/bantuan");
    await emulator.waitForSent(SITI.waId, 1);
    // A reply hit by the pair rate limit (131056) goes to the outbox, waits, and is sent from there.
    emulator.failNext(/\/messages$/, { status: 400, code: 131056, message: "(#131056) Pair rate limit hit" });
    await emulator.text(SITI, "/bantuan");
    const deferred = await vi.waitFor(() => app.prisma.outboxMessage.findFirstOrThrow({ where: { chatId: SITI.waId } }), {
      timeout: 5_000,
    });
    expect(deferred.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    await app.dispatchOutbox();
    expect(emulator.sentTo(SITI.waId)).toHaveLength(1);
    hours(0.01);
    await app.dispatchOutbox();
    await emulator.waitForSent(SITI.waId, 2);
    await channel.sender.idle();
    expect(textsTo(SITI.waId)).toHaveLength(2);
    expect(textsTo(SITI.waId)[1]).toBe(textsTo(SITI.waId)[0]);

    const code = await siteFiles();
    const before = emulator.sentTo(SITI.waId).length;
    // HTTP 429 (throughput, 130429): the row waits and keeps its place.
    emulator.failNext(/\/messages$/, { status: 429, code: 130429, message: "Rate limit hit" });
    const id = await forward(code); // the commit nudges the dispatcher at once
    await app.dispatchOutbox();
    expect(await rowOf(id)).toMatchObject({ status: "PENDING", attempts: 1, errorCode: "130429" });
    expect((await rowOf(id)).nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    // Four 500s in a row: the sender gives up for now, the outbox backs off.
    emulator.failNext(/\/messages$/, { status: 500, code: 131000, message: "Something went wrong" }, 4);
    hours(0.01);
    await app.dispatchOutbox();
    expect(await rowOf(id)).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(emulator.sentTo(SITI.waId)).toHaveLength(before);
    hours(0.01);
    await app.dispatchOutbox();
    expect(await rowOf(id)).toMatchObject({ status: "SENT", attempts: 3, errorCode: null });
    const pushed = emulator.sentTo(SITI.waId).slice(before);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.text).toContain(code);
    // Receipts out of order: "read" is not overwritten by a late "delivered".
    await vi.waitFor(async () => expect((await rowOf(id)).deliveryStatus).toBe("delivered"), { timeout: 5_000 });
    emulator.receipt(pushed[0]!, "read");
    await vi.waitFor(async () => expect((await rowOf(id)).deliveryStatus).toBe("read"), { timeout: 5_000 });
    emulator.receipt(pushed[0]!, "delivered");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rowOf(id)).deliveryStatus).toBe("read");
  });

  it("sends the approved template outside the 24-hour window, and the full text once the citizen answers", async () => {
    const code = await siteFiles();
    hours(25);
    const before = emulator.sentTo(SITI.waId).length;
    const id = await forward(code);
    await app.dispatchOutbox();
    const notice = emulator.sentTo(SITI.waId).slice(before);
    expect(notice.map((m) => m.type)).toEqual(["template"]);
    expect(notice[0]?.body.template).toMatchObject({
      name: TEMPLATE.name,
      language: { code: "id" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: code },
            { type: "text", text: "Diteruskan ke instansi" },
          ],
        },
      ],
    });
    expect(await rowOf(id)).toMatchObject({ status: "HELD", platformMessageId: notice[0]?.wamid });
    // Staff see that she has not read it yet.
    expect((await coordinator.say(`/lihat ${code}`)).map((r) => r.text).join("\n")).toContain(
      "Pesan ke pelapor DITAHAN sampai pelapor membalas",
    );
    // Nothing else goes to her until she writes; then the forward notice follows by itself.
    await app.dispatchOutbox();
    expect(emulator.sentTo(SITI.waId)).toHaveLength(before + 1);
    hours(2);
    await emulator.text(SITI, "ok pak, gimana kabarnya?");
    await vi.waitFor(async () => expect((await rowOf(id)).status).toBe("SENT"), { timeout: 10_000 });
    const after = emulator.sentTo(SITI.waId).slice(before + 1);
    expect(after.some((m) => m.type !== "template" && m.text.includes(code))).toBe(true);
    expect(after.every((m) => m.type !== "template")).toBe(true);
  });

  it("turns a push Meta refuses as outside the window (131047 receipt) into the template", async () => {
    const code = await siteFiles();
    hours(25);
    // Our record says she wrote a minute ago (e.g. on another process); Meta knows better.
    await app.app.noteInbound("whatsapp", SITI.waId, new Date(now.getTime() - 60_000));
    const before = emulator.sentTo(SITI.waId).length;
    const id = await forward(code);
    await app.dispatchOutbox();
    await vi.waitFor(async () => expect((await rowOf(id)).status).toBe("HELD"), { timeout: 10_000 });
    const sent = emulator.sentTo(SITI.waId).slice(before);
    expect(sent.map((m) => m.type)).toEqual(["text", "template"]);
    expect(await rowOf(id)).toMatchObject({ errorCode: "131047", platformMessageId: sent[1]?.wamid });
  });

  it("records a failed receipt (131026) and shows it to staff in /lihat", async () => {
    const code = await siteFiles();
    emulator.undeliverable.add(SITI.waId);
    const id = await forward(code);
    await app.dispatchOutbox();
    await vi.waitFor(async () => expect((await rowOf(id)).status).toBe("FAILED"), { timeout: 10_000 });
    const row = await rowOf(id);
    expect(row).toMatchObject({ deliveryStatus: "failed", errorCode: "131026" });
    expect(row.lastError).toMatch(/131026.*tidak dapat menerima/);
    // Later receipts for it never revive it, and the outbox does not try again.
    await app.dispatchOutbox();
    expect((await rowOf(id)).status).toBe("FAILED");
    const view = (await coordinator.say(`/lihat ${code}`)).map((r) => r.text).join("\n");
    expect(view).toMatch(/Pesan ke pelapor GAGAL terkirim \(WhatsApp 131026/);
  });

  it("records a template that does not exist (132001) as a permanent failure", async () => {
    await channel.stop();
    channel = await startTestCloud(emulator, app, { template: { name: "status_laporan_typo", language: "id" } });
    const code = await siteFiles();
    hours(30);
    const id = await forward(code);
    await app.dispatchOutbox();
    expect(await rowOf(id)).toMatchObject({ status: "FAILED", attempts: 1, errorCode: "132001" });
    const view = (await coordinator.say(`/lihat ${code}`)).map((r) => r.text).join("\n");
    expect(view).toContain("WhatsApp 132001: template tidak ada atau belum disetujui");
  });
});
