// The worst instant for a crash: the citizen pressed "Kirim", the complaint is committed, and the process
// dies before the tracking code is sent. The real program (`npm start`) polls the local Bot API
// emulator; its test hook kills it with SIGKILL between commit and send. Telegram redelivers the
// unconfirmed update to the restarted process, which must answer with the same code, and file nothing twice.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { BotApiEmulator, type SentMessage, type TgUser } from "../support/bot-api-emulator.js";
import { ROOT } from "../support/chat-process.js";
import { TRACKING_CODE } from "../support/chat-driver.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const SITI: TgUser = { id: 7301, first_name: "Siti" };
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

let database: TestDatabase;
let emulator: BotApiEmulator;
beforeEach(async () => {
  database = await createTestDatabase("reply-crash");
  emulator = await BotApiEmulator.start();
});
afterEach(async () => {
  await emulator.close();
  await database.drop();
});

function startMain(env: Record<string, string> = {}) {
  const child = spawn(TSX, ["app/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: database.dir,
      DATABASE_URL: database.url,
      LOG_LEVEL: "warn",
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, stderr: () => stderr };
}

/** The callback data of the button labelled like `label` in the last message with buttons. */
function buttonData(sent: SentMessage[], label: RegExp): string {
  const markup = [...sent].reverse().find((message) => message.replyMarkup?.inline_keyboard)?.replyMarkup;
  const rows = (markup?.inline_keyboard ?? []) as Array<Array<{ text: string; callback_data: string }>>;
  const button = rows.flat().find((candidate) => label.test(candidate.text));
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(markup)}`);
  return button.callback_data;
}

const codesIn = (sent: SentMessage[]) => sent.flatMap((message) => (message.text ?? "").match(TRACKING_CODE) ?? []);

it("sends the tracking code after a crash between the filing's commit and its reply, and files once", async () => {
  const first = startMain({ TEST_CRASH_AFTER_COMMIT: "kirim" });
  emulator.text(
    SITI,
    "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali",
  );
  const summary = await emulator.waitForSent(SITI.id, 1, 60_000);
  expect(summary.at(-1)?.text).toMatch(/Ringkasan/);
  const before = summary.length;
  emulator.callback(SITI, buttonData(summary, /Kirim/));

  // The hook kills it after COMMIT and before the reply: the complaint exists, the citizen saw nothing.
  // tsx reports its child's SIGKILL as exit code 137.
  expect([137, "SIGKILL"]).toContain(await first.exited);
  expect(emulator.sentTo(SITI.id)).toHaveLength(before);
  const db = await openDatabase(database.url);
  try {
    const filed = await db.prisma.complaint.findMany({ select: { trackingCode: true } });
    expect(filed).toHaveLength(1);
    const code = filed[0]?.trackingCode ?? "";

    // The restarted program gets the unconfirmed update again and answers it from the stored replies.
    const second = startMain();
    try {
      const after = await emulator.waitForSent(SITI.id, before + 1, 60_000);
      expect(codesIn(after.slice(before))).toContain(code);
      expect(await db.prisma.complaint.count()).toBe(1);
      // A later message is a fresh step, not a replay.
      emulator.text(SITI, "/bantuan");
      const help = await emulator.waitForSent(SITI.id, after.length + 1, 30_000);
      expect(codesIn(help.slice(after.length))).not.toContain(code);
      expect(
        help
          .slice(after.length)
          .map((message) => message.text)
          .join("\n"),
      ).toMatch(/Cara memakai layanan ini/);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  } finally {
    await db.close();
  }
}, 120_000);
