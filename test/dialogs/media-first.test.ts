// Citizens on WhatsApp often send the photo (its caption the story) or a location pin before any text:
// through the real runner and database, the photo or pin starts the report and is kept, and a photo sent
// while an officer waits for an answer goes to that complaint instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundPhoto } from "../../bots/channel.js";
import { askedQuestion, chatDriver, TRACKING_CODE, type ChatDriver } from "../support/chat-driver.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const clock = () => new Date("2026-11-30T03:00:00Z");
const PHOTO: InboundPhoto = { ok: true, data: Buffer.from([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3]), mimeType: "image/jpeg" };
let app: TestApp;
let user = 0;
beforeAll(async () => {
  app = await createTestApp({ clock });
  await app.prisma.staff.create({ data: { identity: "terminal:pu-media", agencyCode: "DPUPR" } });
});
afterAll(async () => {
  await app.close();
});

const citizen = (channel: "terminal" | "whatsapp" = "whatsapp"): ChatDriver =>
  chatDriver(app.handler, { channel, userId: `foto-${(user += 1)}` });
const codeIn = (text: string) => TRACKING_CODE.exec(text)?.[0] ?? "";
const photosOf = (code: string) => app.prisma.attachment.count({ where: { complaint: { trackingCode: code } } });

describe("a photo or a pin sent first", () => {
  it("starts the report with the photo, and its caption is the story", async () => {
    const chat = citizen();
    const [reply] = await chat.send({ photo: PHOTO, text: "jalan bolong gede di depan SDN 2 sukajadi sejak seminggu" });
    expect(reply?.text).toMatch(/foto dan cerita Anda sudah kami catat/);
    expect(askedQuestion(reply)).toBe("summary");
    expect(reply?.text).toMatch(/Foto: 1/);
    const code = codeIn((await chat.say("kirim"))[0]?.text ?? "");
    expect(await photosOf(code)).toBe(1);
    const complaint = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(complaint).toMatchObject({ description: "Jalan bolong gede di depan SDN 2 sukajadi sejak seminggu" });
  });

  it("keeps photos sent without a caption and asks for the story, which a captioned photo may then tell", async () => {
    const chat = citizen();
    const [first] = await chat.send({ photo: PHOTO });
    expect(first?.text).toMatch(/fotonya sudah kami simpan untuk laporan baru/);
    expect(askedQuestion(first)).toBe("description");
    await chat.send({ photo: PHOTO });
    const [told] = await chat.send({ photo: PHOTO, text: "sampah numpuk di pinggir kali dekat pasar kliwon udah seminggu" });
    expect(askedQuestion(told)).toBe("summary");
    const code = codeIn((await chat.say("kirim"))[0]?.text ?? "");
    expect(await photosOf(code)).toBe(3);
  });

  it("starts the report with a pin, and never asks for the place again", async () => {
    const chat = citizen("terminal");
    const [first] = await chat.send({ location: { latitude: -6.59, longitude: 106.8 } });
    expect(first?.text).toMatch(/titik lokasinya sudah kami simpan/);
    const [summary] = await chat.say("lampu jalan mati sudah 3 hari, gelap");
    expect(askedQuestion(summary)).toBe("summary");
    const code = codeIn((await chat.say("kirim"))[0]?.text ?? "");
    const complaint = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(complaint).toMatchObject({ latitude: -6.59, longitude: 106.8 });
  });
});

describe("a photo while an officer waits for an answer", () => {
  it("is attached to that complaint, its caption is the answer, and no new report starts", async () => {
    const chat = citizen();
    await chat.say("Jalan di depan SDN 3 berlubang besar sejak dua minggu, motor sering jatuh");
    const code = codeIn((await chat.say("kirim"))[0]?.text ?? "");
    const officer = chatDriver(app.handler, { channel: "terminal", userId: "pu-media" });
    await officer.say(`/tanya ${code} Boleh kirim foto lubangnya?`);
    const [answered] = await chat.send({ photo: PHOTO, text: "ini pak fotonya" });
    expect(answered?.text).toMatch(/sudah diteruskan ke petugas/);
    expect(answered?.text).toContain(code);
    expect(await photosOf(code)).toBe(1);
    const events = await app.prisma.complaintEvent.findMany({ where: { complaint: { trackingCode: code } } });
    expect(events.some((event) => event.note?.includes("ini pak fotonya"))).toBe(true);
    // No form was opened by the photo: a greeting gets the menu.
    expect(askedQuestion((await chat.say("halo"))[0])).toBe("menu");
  });
});
