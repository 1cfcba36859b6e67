// The Telegram channel on the real application (temporary SQLite file) over real HTTP against the Bot
// API emulator: a citizen files a complaint with buttons, typed answers, a location pin and a photo,
// asks /status and cancels a second form. The dialog is driven by the buttons the bot sends (the
// question id inside each button's payload), never by its wording.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TelegramChannel } from "../../bots/telegram-adapter.js";
import { CallbackCodec } from "../../bots/telegram-render.js";
import { findTrackingCode } from "../../complaints/tracking-code.js";
import { COORDINATOR_CODE } from "../../nlp/classification.js";
import { BotApiEmulator, type SentMessage, type TgUser } from "../support/bot-api-emulator.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const SITI: TgUser = { id: 4242, first_name: "Siti", last_name: "Rahayu" };
const COORDINATOR_CHAT = 9001;
const DESCRIPTION = "jln di dpn SDN 3 Sukajadi berlubang besar sejak 2 minggu, sdh ada motor jatuh, mohon segera diperbaiki";
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x03]);
const codec = new CallbackCodec();

let now = new Date("2026-11-16T03:00:00Z");
let app: TestApp;
let emulator: BotApiEmulator;
let channel: TelegramChannel;

beforeEach(async () => {
  now = new Date("2026-11-16T03:00:00Z");
  emulator = await BotApiEmulator.start();
  app = await createTestApp({ clock: () => now });
  channel = await startTestTelegram(emulator, app.handler);
  app.attachSender(channel.sender);
});
afterEach(async () => {
  await channel.stop();
  await app.close();
  await emulator.close();
});

/** Pushes one update and waits until it is handled and its replies are out; returns the replies. */
async function exchange(push: () => { update_id: number }): Promise<SentMessage[]> {
  const before = emulator.sentTo(SITI.id).length;
  const update = push();
  const messageId = `${emulator.botId}:${update.update_id}`;
  await vi.waitFor(
    async () => expect(await app.prisma.processedMessage.findFirst({ where: { channel: "telegram", messageId } })).not.toBeNull(),
    { timeout: 10_000 },
  );
  await emulator.waitForSent(SITI.id, before + 1);
  await channel.sender.idle();
  return emulator.sentTo(SITI.id).slice(before);
}

interface Button {
  label: string;
  questionId: string;
  value: string;
  data: string;
}

function buttonsOf(message: SentMessage | undefined): Button[] {
  const rows = (message?.replyMarkup?.inline_keyboard ?? []) as Array<Array<{ text: string; callback_data: string }>>;
  return rows.flat().map((button) => {
    const decoded = codec.decode(button.callback_data);
    return { label: button.text, questionId: decoded?.questionId ?? "", value: decoded?.value ?? "", data: button.callback_data };
  });
}

function asksForLocation(message: SentMessage | undefined): boolean {
  const rows = (message?.replyMarkup?.keyboard ?? []) as Array<Array<{ request_location?: boolean }>>;
  return rows.flat().some((button) => button.request_location === true);
}

const press = (button: Button) => () => emulator.callback(SITI, button.data);
// Three sizes; the largest is over the 20 MB getFile limit, so the middle one is fetched.
const sendPhoto = () =>
  emulator.photo(SITI, [
    { width: 90, height: 90, data: Buffer.from([1, 2, 3]) },
    { width: 1280, height: 960, data: PHOTO },
    { width: 5000, height: 4000, declaredSize: 25 * 1024 * 1024 },
  ]);
const say = (text: string) => () => emulator.text(SITI, text);

describe("a citizen files a complaint over Telegram", () => {
  it("uses buttons, typed answers, a pin and a photo, gets a code, checks /status and cancels a second form", async () => {
    await app.prisma.staff.create({
      data: { identity: `telegram:${COORDINATOR_CHAT}`, agencyCode: COORDINATOR_CODE, name: "Koordinator" },
    });

    let replies = await exchange(say("/start"));
    const asked = new Set<string>();
    let photoSent = false;
    let pinSent = false;
    let trackingCode: string | null = null;
    for (let step = 0; step < 25 && !trackingCode; step += 1) {
      const last = replies.at(-1);
      const buttons = buttonsOf(last);
      const question = buttons[0]?.questionId ?? (asksForLocation(last) ? "location" : "free text");
      asked.add(question);
      const pick = (value: string) => {
        const button = buttons.find((b) => b.value === value);
        if (!button) throw new Error(`no "${value}" button on ${question}: ${buttons.map((b) => b.label).join(", ")}`);
        return press(button);
      };
      let next: () => { update_id: number };
      switch (question) {
        case "menu":
          next = pick("lapor");
          break;
        case "type":
          next = pick("pengaduan");
          break;
        case "agency":
          next = say("ya"); // typed, not pressed
          break;
        case "agencyPick":
          next = press(buttons[0] as Button);
          break;
        case "location":
          pinSent = true;
          next = () => emulator.location(SITI, -6.9175, 107.6191);
          break;
        case "date":
          next = say("kemarin"); // a typed date
          break;
        case "photo":
          if (photoSent) next = press(buttons[0] as Button);
          else {
            photoSent = true;
            next = sendPhoto;
          }
          break;
        case "privacy":
          next = say("1"); // typed option number: the first option
          break;
        case "summary":
          // The story already named the place: the pin and a photo are added at the summary (Ubah, or just send).
          if (!photoSent) {
            photoSent = true;
            next = sendPhoto;
          } else next = pick(pinSent ? "kirim" : "ubah");
          break;
        case "editPick":
          next = pick("location");
          break;
        case "free text":
          next = say(DESCRIPTION);
          break;
        default:
          throw new Error(`unexpected question ${question}: ${last?.text ?? ""}`);
      }
      replies = await exchange(next);
      trackingCode = replies.map((reply) => findTrackingCode(reply.text ?? "")).find(Boolean) ?? null;
    }
    expect(trackingCode).not.toBeNull();
    expect(pinSent && photoSent).toBe(true);
    expect([...asked]).toEqual(expect.arrayContaining(["menu", "free text", "summary", "editPick", "location"]));

    const complaint = await app.prisma.complaint.findUniqueOrThrow({
      where: { trackingCode: trackingCode ?? "" },
      include: { citizen: true, attachments: true },
    });
    expect(complaint).toMatchObject({ channel: "telegram", chatId: String(SITI.id), reportType: "pengaduan" });
    expect(complaint.description).toContain("berlubang");
    expect([complaint.latitude, complaint.longitude]).toEqual([-6.9175, 107.6191]);
    expect(complaint.attachments.map((attachment) => Buffer.from(attachment.data))).toEqual([PHOTO]);
    expect(complaint.citizen).toMatchObject({ channel: "telegram", userId: String(SITI.id), displayName: "Siti Rahayu" });

    // A t.me/<bot>?start=<code> link shows the complaint to its reporter, and to nobody else.
    const [linked] = await exchange(say(`/start ${trackingCode ?? ""}`));
    expect(linked?.text).toContain(trackingCode ?? "-");
    expect(linked?.text).not.toContain("tidak ditemukan");
    const stranger: TgUser = { id: 4343, first_name: "Budi" };
    emulator.text(stranger, `/start ${trackingCode ?? ""}`);
    const [answer] = await emulator.waitForSent(stranger.id, 1);
    expect(answer?.text).toContain("tidak ditemukan");
    expect(answer?.text).not.toContain("Sukajadi");

    // Every button press was answered at once, every text went out plain.
    const pressed = emulator.pushed.flatMap((update) =>
      update.callback_query ? [(update.callback_query as { id: string }).id] : [],
    );
    expect(pressed.length).toBeGreaterThanOrEqual(3);
    expect(emulator.callsOf("answerCallbackQuery").map((call) => call.payload.callback_query_id)).toEqual(pressed);
    expect(emulator.sent.every((message) => message.parseMode === undefined)).toBe(true);
    // The photo came through getFile and the file route, the oversized size was never asked for.
    expect(emulator.callsOf("getFile")).toHaveLength(1);
    expect(emulator.callsOf("file").map((call) => call.status)).toEqual([200]);

    // The coordinator on Telegram hears of it through the outbox and the same throttled sender.
    await app.dispatchOutbox();
    await emulator.waitFor(
      () => emulator.sentTo(COORDINATOR_CHAT).some((m) => m.text?.includes(trackingCode ?? "-")),
      10_000,
      "coordinator notice",
    );

    // /status lists the report.
    const status = await exchange(say("/status"));
    expect(status.map((m) => m.text).join("\n")).toContain(trackingCode);

    // A second form, cancelled: no second complaint; a button of the cancelled form is stale.
    await exchange(say("/lapor"));
    const summary = await exchange(say(DESCRIPTION));
    const summaryButtons = buttonsOf(summary.at(-1));
    expect(summaryButtons.length).toBeGreaterThan(0);
    // A form with content asks once before it is thrown away.
    const confirm = await exchange(say("/batal"));
    expect(buttonsOf(confirm.at(-1))[0]?.questionId).toBe("cancelConfirm");
    const cancelled = await exchange(say("batal aja"));
    expect(cancelled.length).toBeGreaterThan(0);
    const stale = await exchange(press(summaryButtons[0] as Button));
    expect(stale.length).toBeGreaterThan(0);
    expect(await app.prisma.complaint.count()).toBe(1);
  });

  it("declines a voice note politely and explains a photo that is too large, and the dialog goes on", async () => {
    const voice = await exchange(() => emulator.voice(SITI));
    expect(voice).toHaveLength(1);
    expect(voice[0]?.text).toBeTruthy();

    await exchange(say("/lapor"));
    let replies = await exchange(say(DESCRIPTION));
    for (let step = 0; step < 6 && buttonsOf(replies.at(-1))[0]?.questionId !== "photo"; step += 1) {
      const last = replies.at(-1);
      const buttons = buttonsOf(last);
      const button = (value: string) => buttons.find((b) => b.value === value) as Button;
      if (asksForLocation(last)) replies = await exchange(() => emulator.location(SITI, -6.9, 107.6));
      else if (buttons[0]?.questionId === "date") replies = await exchange(say("lewati"));
      else if (buttons[0]?.questionId === "summary") replies = await exchange(press(button("ubah")));
      else if (buttons[0]?.questionId === "editPick") replies = await exchange(press(button("photo")));
      else if (buttons[0]) replies = await exchange(press(buttons[0]));
      else throw new Error(`unexpected reply: ${last?.text ?? ""}`);
    }
    expect(buttonsOf(replies.at(-1))[0]?.questionId).toBe("photo");
    const tooLarge = await exchange(() => emulator.photo(SITI, [{ width: 5000, height: 4000, declaredSize: 21 * 1024 * 1024 }]));
    // Still on the photo question, with an explanation, and nothing was downloaded.
    expect(buttonsOf(tooLarge.at(-1))[0]?.questionId).toBe("photo");
    expect(tooLarge.at(-1)?.text).not.toBe(replies.at(-1)?.text);
    expect(emulator.callsOf("getFile")).toHaveLength(0);
  });
});
