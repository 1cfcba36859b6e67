// The WhatsApp Cloud API channel on the real application (temporary SQLite file) over real HTTP both
// ways: the Graph API emulator posts signed webhooks to our adapter and our adapter calls the emulator.
// A citizen files a complaint with reply buttons, a list, a location pin and a photo; the dialog is
// driven by the ids inside the buttons the bot sends, never by its wording.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WhatsAppCloudChannel } from "../../bots/whatsapp-cloud-adapter.js";
import { decodeReplyId } from "../../bots/whatsapp-cloud-render.js";
import { findTrackingCode } from "../../complaints/tracking-code.js";
import { COORDINATOR_CODE } from "../../nlp/classification.js";
import { GraphApiEmulator, type SentCloudMessage, type WaUser } from "../support/graph-api-emulator.js";
import type { TestApp } from "../support/test-app.js";
import { startCloudTestBed } from "../support/whatsapp-cloud-test-channel.js";

const SITI: WaUser = { waId: "6281234567890", name: "Siti Rahayu" };
const COORDINATOR: WaUser = { waId: "6281399990000", name: "Pak Koordinator" };
const DESCRIPTION = "jln di dpn SDN 3 Sukajadi berlubang besar sejak 2 minggu, sdh ada motor jatuh, mohon segera diperbaiki";
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x03]);

let now = new Date("2026-11-16T03:00:00Z");
let app: TestApp;
let emulator: GraphApiEmulator;
let channel: WhatsAppCloudChannel;

beforeEach(async () => {
  now = new Date("2026-11-16T03:00:00Z");
  ({ app, emulator, channel } = await startCloudTestBed(() => now));
});
afterEach(async () => {
  await channel.stop();
  await emulator.close();
  await app.close();
});

async function processed(wamid: string): Promise<void> {
  await vi.waitFor(
    async () =>
      expect(await app.prisma.processedMessage.findFirst({ where: { channel: "whatsapp", messageId: wamid } })).not.toBeNull(),
    { timeout: 10_000 },
  );
}

/** Sends one citizen message and waits until it is handled and its replies are out; returns the replies. */
async function exchange(user: WaUser, send: () => Promise<string>): Promise<SentCloudMessage[]> {
  now = new Date(now.getTime() + 5_000); // a citizen takes a few seconds per answer
  const before = emulator.sentTo(user.waId).length;
  const wamid = await send();
  await processed(wamid);
  await emulator.waitForSent(user.waId, before + 1);
  await channel.sender.idle();
  return emulator.sentTo(user.waId).slice(before);
}

interface Choice {
  id: string;
  title: string;
  questionId: string;
  value: string;
  kind: "button" | "list";
}

function choicesOf(message: SentCloudMessage | undefined): Choice[] {
  const interactive = message?.body.interactive as Record<string, any> | undefined;
  if (!interactive) return [];
  const entries: Array<{ id: string; title: string }> =
    interactive.type === "button"
      ? interactive.action.buttons.map((b: any) => b.reply)
      : interactive.type === "list"
        ? interactive.action.sections.flatMap((s: any) => s.rows)
        : [];
  return entries.map((entry) => {
    const decoded = decodeReplyId(entry.id, entry.title);
    const choice = "choice" in decoded ? decoded.choice : { questionId: "", value: "" };
    return { ...entry, ...choice, kind: interactive.type };
  });
}

const asksForLocation = (message: SentCloudMessage | undefined) =>
  (message?.body.interactive as { type?: string } | undefined)?.type === "location_request_message";

describe("a citizen files a complaint over the WhatsApp Cloud API", () => {
  it("uses reply buttons, a list, a pin and a photo; gets a code; the coordinator registered by phone hears of it", async () => {
    await app.prisma.staff.create({
      data: { identity: `whatsapp:${COORDINATOR.waId}`, agencyCode: COORDINATOR_CODE, name: "Koordinator" },
    });
    // The coordinator wrote today (a real message, so Meta and the bot both know the window is open):
    // the notice may go as free text.
    await exchange(COORDINATOR, () => emulator.text(COORDINATOR, "/bantuan"));
    const coordinatorBefore = emulator.sentTo(COORDINATOR.waId).length;

    let replies = await exchange(SITI, () => emulator.text(SITI, "halo min"));
    const seen = new Map<string, Choice["kind"]>();
    const asked: string[] = [];
    let photoAt: string | null = null;
    let pinSent = false;
    let privacyChanged = false;
    let trackingCode: string | null = null;
    for (let step = 0; step < 20 && !trackingCode; step += 1) {
      const last = replies.at(-1);
      const choices = choicesOf(last);
      const question = choices[0]?.questionId || (asksForLocation(last) ? "location" : "free text");
      asked.push(question);
      if (choices[0]) seen.set(question, choices[0].kind);
      const choose = (value: string) => {
        const choice = choices.find((c) => c.value === value);
        if (!choice) throw new Error(`no "${value}" on ${question}: ${choices.map((c) => c.title).join(", ")}`);
        return () =>
          choice.kind === "list" ? emulator.pick(SITI, choice.id, choice.title) : emulator.press(SITI, choice.id, choice.title);
      };
      let next: () => Promise<string>;
      if (photoAt === null && asked.includes("free text") && question !== "free text") {
        // The story is in; the photo follows whatever is asked next, as citizens send it.
        photoAt = question;
        next = () => emulator.image(SITI, PHOTO, { caption: "ini fotonya min" });
      } else {
        switch (question) {
          case "menu":
            next = choose("lapor");
            break;
          case "free text":
            if (asked.filter((q) => q === "free text").length > 1) throw new Error(`story asked again: ${last?.text ?? ""}`);
            next = () => emulator.text(SITI, DESCRIPTION);
            break;
          case "agencyPick":
            next = choose(choices[0]?.value ?? "");
            break;
          case "location":
            pinSent = true;
            next = () => emulator.location(SITI, -6.9175, 107.6191);
            break;
          case "date":
            next = () => emulator.text(SITI, "kmrn sore");
            break;
          case "summary":
            // The story already named the place; the pin and "rahasia" are set through Ubah's list.
            next = choose(pinSent && privacyChanged ? "kirim" : "ubah");
            break;
          case "editPick":
            next = choose(pinSent ? "privacy" : "location");
            break;
          case "privacy":
            privacyChanged = true;
            next = choose("rahasia");
            break;
          default:
            throw new Error(`unexpected question ${question}: ${last?.text ?? ""}`);
        }
      }
      replies = await exchange(SITI, next);
      trackingCode = replies.map((reply) => findTrackingCode(reply.text)).find(Boolean) ?? null;
    }
    expect(trackingCode).not.toBeNull();
    // Photo sent mid-dialog (no photo question), pin at the location question, privacy through Ubah.
    expect(photoAt).not.toBeNull();
    expect(asked).not.toContain("photo");
    expect(pinSent && privacyChanged).toBe(true);
    expect(seen.get("menu")).toBe("button");
    expect(seen.get("summary")).toBe("button");
    expect(seen.get("privacy")).toBe("button");
    expect(seen.get("editPick")).toBe("list");

    const complaint = await app.prisma.complaint.findUniqueOrThrow({
      where: { trackingCode: trackingCode ?? "" },
      include: { citizen: true, attachments: true },
    });
    expect(complaint).toMatchObject({ channel: "whatsapp", chatId: SITI.waId, reportType: "pengaduan", privacy: "rahasia" });
    expect(complaint.description).toContain("berlubang");
    expect([complaint.latitude, complaint.longitude]).toEqual([-6.9175, 107.6191]);
    expect(complaint.attachments.map((attachment) => Buffer.from(attachment.data))).toEqual([PHOTO]);
    expect(complaint.citizen).toMatchObject({ userId: SITI.waId, phone: SITI.waId, displayName: "Siti Rahayu" });
    // The photo came through GET /{media-id} and the bearer-authenticated download.
    expect(emulator.calls.filter((call) => call.path.startsWith("/download/")).map((call) => call.status)).toEqual([200]);

    // The coordinator, registered as whatsapp:<number>, hears of it through the outbox.
    await app.dispatchOutbox();
    const notice = (await emulator.waitForSent(COORDINATOR.waId, coordinatorBefore + 1)).slice(coordinatorBefore);
    expect(notice.map((m) => m.text).join("\n")).toContain(trackingCode);
    const row = await app.prisma.outboxMessage.findFirstOrThrow({ where: { chatId: COORDINATOR.waId } });
    expect(row.status).toBe("SENT");
    expect(row.platformMessageId).toBe(notice.at(-1)?.wamid);
    // Meta's receipts (sent, then delivered) reach the row that sent it.
    await vi.waitFor(
      async () =>
        expect((await app.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus).toBe("delivered"),
      { timeout: 5_000 },
    );

    // The coordinator works on WhatsApp too: a staff command from the same number.
    const view = await exchange(COORDINATOR, () => emulator.text(COORDINATOR, `/lihat ${trackingCode}`));
    expect(view.map((m) => m.text).join("\n")).toContain("berlubang");
    // Its photo is uploaded (POST /media) and sent by media id, with the caption.
    await emulator.waitForSent(COORDINATOR.waId, coordinatorBefore + notice.length + 2);
    const photo = emulator.sentTo(COORDINATOR.waId).find((m) => m.type === "image");
    expect(photo?.text).toContain(trackingCode);
    const mediaId = (photo?.body.image as { id: string } | undefined)?.id ?? "";
    expect(emulator.uploads.get(mediaId)?.data).toEqual(PHOTO);
  });

  it("answers other kinds politely, refuses a photo over 5 MB, and the dialog goes on", async () => {
    const sticker = await exchange(SITI, () =>
      emulator.send(SITI, "sticker", { sticker: { id: "777", mime_type: "image/webp" } }),
    );
    expect(sticker).toHaveLength(1);
    const reaction = await exchange(SITI, () =>
      emulator.send(SITI, "reaction", { reaction: { message_id: "wamid.x", emoji: "👍" } }),
    );
    expect(reaction).toHaveLength(1);
    expect(reaction[0]?.text).toBe(sticker[0]?.text);

    const [story] = await exchange(SITI, () => emulator.text(SITI, "/lapor"));
    // A photo before the story: refused for its size, and the story is asked for again.
    const big = await exchange(SITI, () => emulator.image(SITI, PHOTO, { declaredSize: 6 * 1024 * 1024 }));
    expect(big.length).toBeGreaterThan(0);
    expect(big.at(-1)?.text).toContain(story?.text);
    // Never downloaded: the size in GET /{media-id} was enough.
    expect(emulator.calls.some((call) => call.path.startsWith("/download/"))).toBe(false);
    expect(await app.prisma.attachment.count()).toBe(0);
    const going = await exchange(SITI, () => emulator.text(SITI, DESCRIPTION));
    expect(choicesOf(going.at(-1)).map((choice) => choice.questionId)).toContain("summary");
  });
});

describe("the webhook", () => {
  it("answers Meta's verification challenge only with the right verify token", async () => {
    const url = new URL(emulator.webhookUrl);
    url.search = new URLSearchParams({
      "hub.mode": "subscribe",
      "hub.verify_token": "verify-me-please",
      "hub.challenge": "1158201444",
    }).toString();
    const ok = await fetch(url);
    expect([ok.status, await ok.text()]).toEqual([200, "1158201444"]);
    url.searchParams.set("hub.verify_token", "verify-me-pleasf");
    const wrong = await fetch(url);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("1158201444");
  });

  it("refuses missing and wrong signatures with 401 and processes nothing", async () => {
    const { wamid, body } = emulator.message(SITI, "text", { text: { body: "/lapor" } });
    expect(await emulator.post(body, null)).toBe(401);
    expect(await emulator.post(body, "sha256=" + "0".repeat(64))).toBe(401);
    expect(await emulator.post(body, "sha1=abc")).toBe(401);
    // Signed over other bytes (a re-serialised body): wrong for this body.
    const other = JSON.stringify(body, null, 1);
    const { createHmac } = await import("node:crypto");
    expect(await emulator.post(body, `sha256=${createHmac("sha256", emulator.appSecret).update(other).digest("hex")}`)).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await app.prisma.processedMessage.count()).toBe(0);
    expect(await app.prisma.conversation.count()).toBe(0);
    expect(emulator.sent).toHaveLength(0);
    // The same body, correctly signed, is processed.
    expect(await emulator.post(body)).toBe(200);
    await processed(wamid);
  });

  it("processes a retried webhook once", async () => {
    const { wamid, body } = emulator.message(SITI, "text", { text: { body: "/lapor" } });
    const statuses = await Promise.all([emulator.post(body), emulator.post(body), emulator.post(body)]);
    expect(statuses).toEqual([200, 200, 200]);
    await processed(wamid);
    await emulator.waitForSent(SITI.waId, 1);
    await channel.sender.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await channel.sender.idle();
    expect(emulator.sentTo(SITI.waId)).toHaveLength(1);
    expect(await app.prisma.processedMessage.count({ where: { messageId: wamid } })).toBe(1);
  });
});
