// Citizen commands over the real lifecycle service: only the reporter, nothing leaked to others.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../bots/channel.js";
import { createCitizenCommands } from "../../dialogs/citizen-commands.js";
import { DPUPR, REPORTER, STRANGER, createFixture, expectOk, type Fixture } from "../complaints/lifecycle-fixture.js";
import { parseInbound } from "../../dialogs/parsed-input.js";

let fx: Fixture;
let counter = 0;
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => {
  await fx.close();
});

async function send(who: { userId: string }, extra: Partial<InboundMessage>) {
  counter += 1;
  const message: InboundMessage = {
    channel: "telegram",
    chatId: who.userId,
    userId: who.userId,
    messageId: `c${counter}`,
    ...extra,
  };
  return createCitizenCommands({ lifecycle: fx.lifecycle }).handle({
    db: fx.prisma,
    message,
    input: parseInbound(message),
    identity: `telegram:${who.userId}`,
    staff: null,
    now: fx.clock.now,
  });
}

async function text(who: { userId: string }, input: string | Partial<InboundMessage>): Promise<string> {
  const replies = await send(who, typeof input === "string" ? { text: input } : input);
  if (!replies) throw new Error("no reply");
  return replies.map((reply) => reply.text).join("\n");
}

describe("citizen commands", () => {
  it("leave everything else to the dialog, including staff commands (no hint that they exist)", async () => {
    expect(await send(REPORTER, { text: "jalan rusak di depan rumah" })).toBeNull();
    expect(await send(REPORTER, { text: "/antrian" })).toBeNull();
    expect(await send(REPORTER, { text: "/lihat LPR-00000000" })).toBeNull();
    expect(await send(REPORTER, { choice: { questionId: "privacy", value: "anonim" } })).toBeNull();
    expect(await send(REPORTER, { photo: { ok: true, data: Buffer.from([1]), mimeType: "image/jpeg" } })).toBeNull();
  });

  it("/status lists the reporter's own complaints and shows one with its history and next step", async () => {
    expect(await text(REPORTER, "/status")).toContain("Anda belum memiliki laporan");
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expect(await text(REPORTER, "/status")).toMatch(
      new RegExp(`Laporan Anda \\(1\\):\\n1\\. ${complaint.trackingCode} - Diteruskan ke instansi`),
    );
    const detail = await text(REPORTER, `/status ${complaint.trackingCode.toLowerCase()}`);
    expect(detail).toContain(`Laporan ${complaint.trackingCode}`);
    expect(detail).toContain("Instansi: Dinas Pekerjaan Umum dan Penataan Ruang");
    expect(detail).toContain("Laporan diterima");
    expect(detail).toMatch(
      /Selanjutnya: Dinas Pekerjaan Umum dan Penataan Ruang menindaklanjuti paling lambat Senin, 30 Nov 2026\./,
    );
    expect(await text(REPORTER, "/status LPR-12")).toContain("Cara pakai: /status KODE");
  });

  it("another person's code is simply not found", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const reply = await text(STRANGER, `/status ${complaint.trackingCode}`);
    expect(reply).toBe(
      `Laporan ${complaint.trackingCode} tidak ditemukan. Periksa kembali kodenya, atau ketik /status untuk melihat laporan Anda.`,
    );
    expect(await text(STRANGER, `/jawab ${complaint.trackingCode} halo`)).toBe(reply);
    expect(await text(STRANGER, "/status")).toContain("Anda belum memiliki laporan");
  });

  it("/jawab and /tanggapi attach the answer; missing text gets the syntax", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expectOk(await fx.lifecycle.ask(fx.prisma, DPUPR, complaint.trackingCode, "Nomor rumah berapa?"));
    expect(await text(REPORTER, `/jawab ${complaint.trackingCode}`)).toContain("Cara pakai: /jawab KODE");
    expect(await text(REPORTER, `/jawab ${complaint.trackingCode} Nomor 12`)).toContain("sudah diteruskan ke petugas");
    expect(await text(REPORTER, `/tanggapi ${complaint.trackingCode} Terima kasih`)).toContain("sudah diteruskan ke petugas");
    const answers = (await fx.events(complaint.id)).filter((event) => event.type === "ANSWER").map((event) => event.note);
    expect(answers).toEqual(["Nomor 12", "Terima kasih"]);
  });

  it("the SELESAI buttons rate and reopen; /nilai and /bukakembali do the same by text", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR", status: "DIPROSES" });
    const code = complaint.trackingCode;
    expectOk(await fx.lifecycle.finish(fx.prisma, DPUPR, code, "Sudah ditambal."));
    const [rating, fixed] = await fx.outbox();
    expect(await text(REPORTER, { choice: { questionId: rating?.message.questionId ?? "", value: "5" } })).toBe(
      `Terima kasih atas penilaian 5/5 untuk laporan ${code}.`,
    );
    expect(await text(REPORTER, `/nilai ${code} 9`)).toContain("1 sampai 5");
    expect(await text(REPORTER, `/nilai ${code} 3`)).toContain("3/5");
    expect(await text(REPORTER, { choice: { questionId: fixed?.message.questionId ?? "", value: "belum" } })).toContain(
      `Laporan ${code} dibuka kembali`,
    );
    expect((await fx.reload(complaint.id)).status).toBe("DIBUKA_KEMBALI");
    expect(await text(REPORTER, `/bukakembali ${code} masih rusak`)).toContain("belum selesai");
  });

  it("a photo captioned with the code is attached to that complaint", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const photo = { ok: true as const, data: Buffer.from([0xff, 0xd8, 0xff]), mimeType: "image/jpeg" };
    expect(await text(REPORTER, { photo, text: `kondisi sekarang ${complaint.trackingCode}` })).toContain("sudah kami terima");
    expect(await fx.prisma.attachment.count({ where: { complaintId: complaint.id } })).toBe(1);
    expect(await text(STRANGER, { photo, text: complaint.trackingCode })).toContain("tidak ditemukan");
    expect(await fx.prisma.attachment.count()).toBe(1);
  });
});
