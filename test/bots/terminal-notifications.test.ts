// The terminal chat delivers each identity's notifications in that identity's own session: a
// coordinator's session never prints (or marks sent) the citizen's notice, which waits, pending, for
// the citizen's next session.
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTerminal, type TerminalChannel } from "../../bots/terminal-adapter.js";
import { upsertStaff } from "../../complaints/staff-directory.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.prisma.$transaction((tx) => upsertStaff(tx, { identity: "terminal:koor", agencyCode: "KOORDINATOR", name: "Kori" }));
});
afterEach(async () => {
  await t.close();
});

function session(userId: string): { channel: TerminalChannel; input: PassThrough; output: () => string } {
  const input = new PassThrough();
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const channel = startTerminal({ input, output: out, handler: t.handler, userId, prompt: false });
  t.attachSender(channel.sender);
  return { channel, input, output: () => text };
}

describe("terminal notifications per identity", () => {
  it("keeps the citizen's notice pending during the coordinator's session and shows it in the citizen's", async () => {
    const { code } = await fileComplaint(chatDriver(t.handler, { channel: "terminal", userId: "warga" }), {
      description: "Jalan di depan SDN 3 berlubang besar, sudah dua motor jatuh minggu ini.",
      agency: "tidak tahu",
    });
    const koor = session("koor");
    koor.input.write(`/teruskan ${code} DPUPR\n`);
    koor.input.end();
    await koor.channel.finished;
    await t.dispatchOutbox();
    expect(koor.output()).toContain(`diteruskan ke`);
    // Only the coordinator's own notices (the new complaint) appear in the coordinator's session.
    const koorSent = await t.prisma.outboxMessage.count({ where: { chatId: "koor", status: "SENT" } });
    expect(koor.output().match(/\[Pemberitahuan\]/g) ?? []).toHaveLength(koorSent);
    const pending = await t.prisma.outboxMessage.findMany({ where: { channel: "terminal", chatId: "warga" } });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((row) => row.status === "PENDING" && row.attempts === 0)).toBe(true);

    const warga = session("warga");
    await t.dispatchOutbox();
    warga.input.end();
    await warga.channel.finished;
    expect(warga.output()).toContain("[Pemberitahuan]");
    expect(warga.output()).toContain(code);
    const after = await t.prisma.outboxMessage.findMany({ where: { channel: "terminal", chatId: "warga" } });
    expect(after.every((row) => row.status === "SENT")).toBe(true);
  });
});
