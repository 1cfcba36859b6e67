// Officers who leave out the slash: read as the command only where no citizen sentence could be meant.
import { describe, expect, it } from "vitest";
import { ALONE_COMMANDS, CODE_COMMANDS, readStaffShorthand } from "../../dialogs/staff-shorthand.js";
import { createStaffCommands } from "../../dialogs/staff-commands.js";
import { parseInbound } from "../../dialogs/parsed-input.js";
import { createFixture, DPUPR } from "../complaints/lifecycle-fixture.js";

describe("readStaffShorthand", () => {
  it.each([
    ["proses LPR-7K3M9QXA tim survei besok", { name: "proses", args: "LPR-7K3M9QXA tim survei besok" }],
    ["Selesai lpr 7k3m9qxa sudah ditambal", { name: "selesai", args: "lpr 7k3m9qxa sudah ditambal" }],
    ["lihat LPR-7K3M9QXA", { name: "lihat", args: "LPR-7K3M9QXA" }],
    ["antrian", { name: "antrian", args: "" }],
    ["statistik 7 hari", { name: "statistik", args: "7 hari" }],
  ])("%s", (text, expected) => expect(readStaffShorthand(text)).toEqual(expected));

  it.each([
    "selesai",
    "proses pembuatan KTP lama sekali",
    "lihat jalan di depan rumah rusak",
    "antrian di puskesmas panjang sekali",
    "tanya dong cara bikin akta",
    "statistik kemiskinan desa kami salah",
  ])("leaves %s to the citizen dialog", (text) => expect(readStaffShorthand(text)).toBeNull());

  it("is read once, with the rest of the message, and kept beside the citizen's reading", () => {
    const message = { channel: "terminal" as const, chatId: "x", userId: "x", messageId: "1" };
    expect(parseInbound({ ...message, text: "antrian" })).toEqual({
      kind: "text",
      text: "antrian",
      staffShorthand: { name: "antrian", args: "" },
    });
    // "lihat LPR-…" is a citizen's status question, and an officer's /lihat.
    expect(parseInbound({ ...message, text: "lihat LPR-7K3M9QXA" })).toEqual({
      kind: "command",
      name: "status",
      args: "LPR-7K3M9QXA",
      staffShorthand: { name: "lihat", args: "LPR-7K3M9QXA" },
    });
    expect(parseInbound({ ...message, text: "jalan rusak" })).toEqual({ kind: "text", text: "jalan rusak" });
  });

  it("names only commands the staff handler answers", async () => {
    const fx = await createFixture();
    try {
      const commands = createStaffCommands({
        lifecycle: fx.lifecycle,
        agencyName: (code) => code,
        agencyCodes: () => [],
        agencyByName: () => undefined,
      });
      for (const name of [...CODE_COMMANDS, ...ALONE_COMMANDS]) {
        const message = { channel: "terminal" as const, chatId: "pu", userId: "pu", messageId: name, text: `/${name}` };
        const replies = await commands.handle({
          db: fx.prisma,
          message,
          input: parseInbound(message),
          identity: "terminal:pu",
          staff: DPUPR,
          now: fx.clock.now,
        });
        expect(replies, name).not.toBeNull();
      }
    } finally {
      await fx.close();
    }
  });
});
