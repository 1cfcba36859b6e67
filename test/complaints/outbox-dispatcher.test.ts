// The dispatcher runs beside commands' units of work: it must never see (and send) an outbox row of a
// unit that has not committed, because that unit may roll back.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { OutboxDispatcher } from "../../complaints/outbox-dispatcher.js";
import { enqueueMessages } from "../../complaints/outbox.js";
import type { ChannelSender, OutboundMessage } from "../../complaints/push-message.js";
import { openDatabase, type OpenedDatabase } from "../../db/database.js";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database.js";

let opened: OpenedDatabase | undefined;
let database: TestDatabase | undefined;

afterEach(async () => {
  await opened?.close();
  await database?.drop();
  opened = database = undefined;
});

async function setUp() {
  database = await createTestDatabase("outbox");
  opened = await openDatabase(database.url);
  const sent: Array<{ chatId: string; text: string }> = [];
  let onSend = () => {};
  const sender: ChannelSender = {
    channel: "terminal",
    async send(chatId: string, message: OutboundMessage) {
      sent.push({ chatId, text: message.text });
      onSend();
      return { ok: true };
    },
  };
  const dispatcher = new OutboxDispatcher(opened.transactions, () => new Date(), pino({ level: "silent" }));
  dispatcher.registerSender(sender);
  return { transactions: opened.transactions, dispatcher, sent, whenSent: (fn: () => void) => (onSend = fn) };
}

class RolledBack extends Error {}

describe("outbox dispatcher and open transactions", () => {
  it("sends nothing for a change whose transaction is still open and then rolls back", async () => {
    const { transactions, dispatcher, sent, whenSent } = await setUp();
    let drained: Promise<number> | undefined;
    const command = transactions.run(async ({ db: tx }) => {
      await enqueueMessages(tx, [{ channel: "terminal", chatId: "koor", message: { text: "Laporan diteruskan" } }], new Date());
      // The dispatcher drains while the command's transaction is open (a nudge or the poll timer).
      drained = dispatcher.drain();
      // Open until the dispatcher sent something, or long enough for a drain that does not wait.
      await new Promise<void>((resolve) => {
        whenSent(resolve);
        setTimeout(resolve, 300);
      });
      throw new RolledBack();
    });
    await expect(command).rejects.toBeInstanceOf(RolledBack);
    const outcome = await drained?.catch((error: unknown) => error);
    expect(sent).toEqual([]);
    expect(outcome).toBe(0);
  });

  it("sends the row once the transaction that wrote it commits", async () => {
    const { transactions, dispatcher, sent } = await setUp();
    let drained: Promise<number> | undefined;
    await transactions.run(async ({ db: tx }) => {
      await enqueueMessages(tx, [{ channel: "terminal", chatId: "koor", message: { text: "Laporan diteruskan" } }], new Date());
      drained = dispatcher.drain();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const during = (await drained) ?? 0;
    // Sent once in all: by that drain or by the next one (the nudge after commit).
    expect(during + (await dispatcher.drain())).toBe(1);
    // SQLite: the drain queues behind the open unit on the one connection, so it sees the committed row.
    // (PostgreSQL: it runs beside the unit and sees the row only if it reads after COMMIT.)
    if (testEngine() === "sqlite") expect(during).toBe(1);
    expect(sent).toEqual([{ chatId: "koor", text: "Laporan diteruskan" }]);
  });
});
