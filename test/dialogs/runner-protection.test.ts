// Flood control and a busy database: the citizen is always answered, nothing is lost or done twice.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { itOnSqlite } from "../support/test-database.js";
import { chatDriver } from "../support/chat-driver.js";
import type { InboundMessage } from "../../bots/channel.js";

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("runner protection", () => {
  it("rate-limits one noisy sender politely, once, without slowing anyone else", async () => {
    app = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const noisy = chatDriver(app.handler, { channel: "telegram", userId: "noisy" });
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(await noisy.say("halo"));
    expect(answers.slice(0, 5).every((replies) => replies.length === 1)).toBe(true);
    expect(answers[5]?.[0]?.text).toMatch(/Mohon tunggu sebentar/);
    expect(answers.slice(6)).toEqual([[], []]);
    const calm = chatDriver(app.handler, { channel: "telegram", userId: "calm" });
    expect((await calm.say("/lapor"))[0]?.text).toMatch(/Ceritakan masalahnya/);
  });

  it("does not limit the operator's terminal, so scripted runs of any length are answered", async () => {
    app = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const operator = chatDriver(app.handler, { userId: "operator" });
    for (let i = 0; i < 8; i += 1) expect(await operator.say("halo")).toHaveLength(1);
  });

  // SQLite's busy file lock: a server engine has no file another process could lock.
  itOnSqlite("retries while another process holds the database, and asks to resend when it stays locked", async () => {
    app = await createTestApp({ env: { SQLITE_BUSY_TIMEOUT_MS: "50" } });
    const other = new Database(app.dbPath);
    const message = (id: string): InboundMessage => ({
      channel: "terminal",
      chatId: "w",
      userId: "w",
      messageId: id,
      text: "/lapor",
    });

    other.exec("BEGIN IMMEDIATE");
    const pending = app.handler.handle(message("m1"));
    setTimeout(() => other.exec("COMMIT"), 80);
    expect((await pending)[0]?.text).toMatch(/Ceritakan masalahnya/);

    other.exec("BEGIN IMMEDIATE");
    const refused = await app.handler.handle(message("m2"));
    other.exec("COMMIT");
    expect(refused[0]?.text).toMatch(/sistem sedang sibuk/);
    // Nothing was recorded, so the resend (same platform id) is processed normally.
    const resent = await app.handler.handle(message("m2"));
    expect(resent[0]?.text).toMatch(/sedang membuat laporan/);
    other.close();
  });
});
