// Authorization holds on every channel: the lifecycle service decides, whatever adapter the command came from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelName } from "../../bots/channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";

const DESCRIPTION = "Sampah di TPS Jalan Kenanga tidak diangkut seminggu, baunya menyengat sampai ke rumah warga.";
let app: TestApp;
let code = "";

beforeAll(async () => {
  app = await createTestApp();
  const citizen = chatDriver(app.handler, { channel: "telegram", userId: "5001", displayName: "Rahasia Sekali" });
  code = (await fileComplaint(citizen, { description: DESCRIPTION, agency: "tidak tahu", privacy: "Anonim" })).code;
  await app.prisma.complaint.update({ where: { trackingCode: code }, data: { assignedAgency: "DLH", status: "DITERUSKAN" } });
  for (const channel of ["telegram", "whatsapp", "terminal"] as const) {
    await app.prisma.staff.create({ data: { identity: `${channel}:pu-${channel}`, agencyCode: "DPUPR" } });
    await app.prisma.staff.create({ data: { identity: `${channel}:dlh-${channel}`, agencyCode: "DLH" } });
  }
});
afterAll(async () => {
  await app.close();
});

const channels: ChannelName[] = ["telegram", "whatsapp", "terminal"];

describe.each(channels)("on %s", (channel) => {
  it("gives an unregistered sender of staff commands only the citizen help", async () => {
    const stranger = chatDriver(app.handler, { channel, userId: `orang-${channel}` });
    for (const command of ["/antrian", `/lihat ${code}`, `/selesai ${code} beres`]) {
      const [reply] = await stranger.say(command);
      expect(reply?.text).toMatch(/Cara memakai layanan ini/);
      expect(reply?.text).not.toContain(code);
    }
  });

  it("refuses another agency's staff as if the code did not exist, and changes nothing", async () => {
    const other = chatDriver(app.handler, { channel, userId: `pu-${channel}` });
    const [view] = await other.say(`/lihat ${code}`);
    expect(view?.text).toMatch(/tidak ditemukan/);
    const [finish] = await other.say(`/selesai ${code} sudah beres`);
    expect(finish?.text).toMatch(/tidak ditemukan/);
    expect((await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } })).status).toBe("DITERUSKAN");
  });

  it("shows the handling agency the complaint without the anonymous reporter", async () => {
    const handler = chatDriver(app.handler, { channel, userId: `dlh-${channel}` });
    const [view] = await handler.say(`/lihat ${code.toLowerCase()}`);
    expect(view?.text).toContain(DESCRIPTION);
    expect(view?.text).not.toMatch(/Rahasia Sekali|5001/);
  });

  it("reads a command without its slash from a registered officer only", async () => {
    const officer = chatDriver(app.handler, { channel, userId: `dlh-${channel}` });
    const [view] = await officer.say(`lihat ${code}`);
    expect(view?.text).toContain(DESCRIPTION);
    const [queue] = await officer.say("antrian");
    expect(queue?.text).toMatch(/Antrean DLH/);
    // The same words from someone else are a citizen's: never a staff view.
    const stranger = chatDriver(app.handler, { channel, userId: `tamu-${channel}` });
    const [strangerView] = await stranger.say(`lihat ${code}`);
    expect(strangerView?.text).not.toContain(DESCRIPTION);
    await stranger.say("batal");
  });

  it("greets a registered officer with the menu and the way to their work, and only them", async () => {
    const officer = chatDriver(app.handler, { channel, userId: `dlh-${channel}` });
    const [greeting] = await officer.say("halo pak, selamat pagi");
    expect(greeting?.text).toMatch(/petugas DLH/);
    expect(greeting?.text).toContain("/antrian");
    expect(greeting?.options?.length).toBeGreaterThan(0);
    // An officer may report too: a story starts a complaint, without the hint.
    const [story] = await officer.say("Lampu jalan di depan balai RW 04 mati sudah seminggu, gelap kalau malam");
    expect(story?.text).not.toMatch(/terdaftar sebagai petugas/);
    await officer.say("/batal");
    const citizen = chatDriver(app.handler, { channel, userId: `warga-${channel}` });
    const [citizenGreeting] = await citizen.say("halo pak, selamat pagi");
    expect(citizenGreeting?.options?.length).toBeGreaterThan(0);
    expect(citizenGreeting?.text).not.toMatch(/petugas|\/antrian/);
  });
});
