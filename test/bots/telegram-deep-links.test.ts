// A kelurahan's poster links to t.me/<bot>?start=kel-<name>: the citizen lands in a new report with
// that kelurahan already filled in, when it is a kelurahan of this deployment's region (REGION_CODE).
// The real application on a temporary database, over the local Bot API emulator.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { TelegramChannel } from "../../bots/telegram-adapter.js";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const WARGA: TgUser = { id: 7301, first_name: "Dedi" };

let app: TestApp;
let emulator: BotApiEmulator;
let channel: TelegramChannel;

beforeEach(async () => {
  emulator = await BotApiEmulator.start();
  app = await createTestApp({ env: { REGION_CODE: "3273" } });
  channel = await startTestTelegram(emulator, app.handler);
});
afterEach(async () => {
  await channel.stop();
  await app.close();
  await emulator.close();
});

async function draftAfter(user: TgUser, text: string): Promise<{ regionHint?: string } | undefined> {
  const before = emulator.sentTo(user.id).length;
  emulator.text(user, text);
  await emulator.waitForSent(user.id, before + 1);
  const row = await app.prisma.conversation.findUniqueOrThrow({
    where: { channel_chatId: { channel: "telegram", chatId: String(user.id) } },
  });
  return (JSON.parse(row.snapshot) as { context?: { draft?: { regionHint?: string } } }).context?.draft;
}

it("start=kel-<name> starts a report with that kelurahan of the region filled in", async () => {
  const draft = await draftAfter(WARGA, "/start kel-cipedes");
  expect(draft?.regionHint).toBe("Kel. Cipedes, Kec. Sukajadi, Kota Bandung");
  // The first question of the form is asked, as after /lapor.
  expect(emulator.sentTo(WARGA.id).at(-1)?.text).toMatch(/Ceritakan masalahnya/);
});

it("a kelurahan that is not in the region starts the report without a place", async () => {
  const draft = await draftAfter({ id: 7302, first_name: "Eka" }, "/start kel-atlantis_raya");
  expect(draft).toBeDefined();
  expect(draft?.regionHint).toBeUndefined();
});
