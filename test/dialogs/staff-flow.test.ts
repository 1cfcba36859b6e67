// Full flows through the real application with several identities: a citizen files through the dialog,
// the coordinator routes, the agency follows up, and every push reaches the right chat via the outbox.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { ChannelName, ChannelSender, OutboundMessage } from "../../bots/channel.js";
import { chatDriver, fileComplaint, type ChatDriver } from "../support/chat-driver.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const DESCRIPTION = "Jalan di depan SDN 3 Sukajadi berlubang besar sejak dua minggu, sudah dua motor jatuh.";

interface Delivery {
  channel: ChannelName;
  chatId: string;
  message: OutboundMessage;
}

function recordingSender(channel: ChannelName, deliveries: Delivery[]): ChannelSender {
  return {
    channel,
    async send(chatId, message) {
      deliveries.push({ channel, chatId, message });
      return { ok: true };
    },
  };
}

let now = new Date("2026-11-23T03:00:00Z");
let app: TestApp;
let deliveries: Delivery[];

async function start(options: { database?: TestDatabase; senders?: boolean } = {}): Promise<TestApp> {
  const started = await createTestApp({ clock: () => now, ...(options.database ? { database: options.database } : {}) });
  if (options.senders !== false) {
    for (const channel of ["telegram", "terminal", "whatsapp"] as const)
      started.attachSender(recordingSender(channel, deliveries));
  }
  return started;
}

beforeEach(async () => {
  now = new Date("2026-11-23T03:00:00Z");
  deliveries = [];
  app = await start();
  await app.prisma.staff.create({ data: { identity: "terminal:koor", agencyCode: "KOORDINATOR", name: "Kori" } });
});
afterEach(async () => {
  await app.close();
});

/** Deliveries to one chat since the last call for it. */
function inbox(channel: ChannelName, chatId: string) {
  let seen = 0;
  return async (): Promise<string[]> => {
    await app.dispatchOutbox();
    const mine = deliveries.filter((d) => d.channel === channel && d.chatId === chatId);
    const fresh = mine.slice(seen).map((d) => d.message.text);
    seen = mine.length;
    return fresh;
  };
}

async function file(citizen: ChatDriver, privacy: "Biasa" | "Anonim" | "Rahasia" = "Biasa"): Promise<string> {
  return (
    await fileComplaint(citizen, {
      description: DESCRIPTION,
      agency: "tidak tahu",
      location: "Jl. Merdeka No. 5, depan SDN 3",
      privacy,
    })
  ).code;
}

const last = async (chat: ChatDriver, text: string): Promise<string> => (await chat.say(text)).map((r) => r.text).join("\n");

describe("staff follow-up through the bot", () => {
  it("citizen files, coordinator routes, agency asks/processes/replies/finishes, citizen answers and reopens", async () => {
    const citizen = chatDriver(app.handler, { channel: "telegram", userId: "7001", displayName: "Siti Aminah" });
    const coordinator = chatDriver(app.handler, { userId: "koor" });
    const pupr = chatDriver(app.handler, { userId: "pupr" });
    const dlh = chatDriver(app.handler, { userId: "dlh" });
    const citizenInbox = inbox("telegram", "7001");
    const puprInbox = inbox("terminal", "pupr");
    const koorInbox = inbox("terminal", "koor");

    expect(await last(coordinator, "/staf tambah terminal:pupr DPUPR Budi")).toContain(
      "Petugas ditambahkan: terminal:pupr - DPUPR",
    );
    expect(await last(coordinator, "/staf tambah terminal:dlh DLH")).toContain("Petugas ditambahkan");

    const code = await file(citizen);
    expect((await koorInbox()).join("\n")).toContain(code);

    // A citizen typing a staff command gets the citizen dialog, never complaint data.
    const probe = await last(citizen, `/lihat ${code}`);
    expect(probe).not.toContain("Jl. Merdeka");
    expect(probe).not.toContain("Riwayat");

    expect(await last(coordinator, "/antrian")).toContain(code);
    expect(await last(coordinator, `/teruskan ${code.toLowerCase()} DPUPR`)).toContain(`Laporan ${code} diteruskan ke`);
    expect((await citizenInbox()).join("\n")).toMatch(new RegExp(`${code} telah diteruskan ke .*\\nSelanjutnya: `));
    expect((await puprInbox()).join("\n")).toContain(`/lihat ${code}`);

    // Another agency cannot read or act.
    expect(await last(dlh, `/lihat ${code}`)).toContain("tidak ditemukan di antrean DLH");
    expect(await last(dlh, `/selesai ${code} sudah beres`)).toContain("tidak ditemukan di antrean DLH");

    const detail = await last(pupr, `/lihat ${code}`);
    expect(detail).toContain("Pelapor: Siti Aminah");
    expect(detail).toContain("Lokasi: Jl. Merdeka No. 5, depan SDN 3");

    expect(await last(pupr, `/tanya ${code} Di sisi kiri atau kanan jalan?`)).toContain("Pertanyaan dikirim");
    expect((await citizenInbox()).join("\n")).toContain(`/jawab ${code}`);
    expect(await last(citizen, `/jawab ${code} Sisi kiri, dekat gerbang sekolah`)).toContain("sudah diteruskan ke petugas");
    expect((await puprInbox()).join("\n")).toContain("Sisi kiri, dekat gerbang sekolah");

    now = new Date("2026-11-24T02:00:00Z");
    expect(await last(pupr, `/proses ${code} Tim survei hari ini`)).toContain("-> Sedang diproses");
    expect(await last(pupr, `/balas ${code} Penambalan dijadwalkan Kamis.`)).toContain("sudah dikirim");
    expect(await last(pupr, `/selesai ${code} Lubang sudah ditambal pada Kamis.`)).toContain("-> Selesai");
    const pushes = await citizenInbox();
    expect(pushes[0]).toContain("Tim survei hari ini");
    expect(pushes[1]).toContain("Penambalan dijadwalkan Kamis.");
    expect(pushes[2]).toContain("Lubang sudah ditambal");
    expect(pushes[3]).toContain("Apakah masalahnya sudah beres?");

    expect(await last(citizen, `/nilai ${code} 4`)).toContain("4/5");
    expect(await last(citizen, `/bukakembali ${code} Lubangnya terbuka lagi setelah hujan`)).toContain("dibuka kembali");
    expect((await puprInbox()).join("\n")).toContain("DIBUKA KEMBALI");
    const status = await last(citizen, `/status ${code}`);
    expect(status).toContain("Status: Dibuka kembali");
    expect(status).toContain("Tanggapan Anda: Sisi kiri");
    expect(status).not.toContain("terminal:pupr");

    const row = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(row).toMatchObject({ status: "DIBUKA_KEMBALI", assignedAgency: "DPUPR", reopenCount: 1, rating: 4 });
    // Everything was delivered once: nothing left, nothing sent twice.
    expect(await app.prisma.outboxMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);
    const before = deliveries.length;
    expect(await app.dispatchOutbox()).toBe(0);
    expect(deliveries.length).toBe(before);

    expect(await last(pupr, "/statistik")).toContain("- Diterima: 1");
  });

  it("an anonymous reporter stays hidden from every staff view and notification", async () => {
    await app.prisma.staff.create({ data: { identity: "terminal:pupr", agencyCode: "DPUPR" } });
    const citizen = chatDriver(app.handler, { channel: "telegram", userId: "7002", displayName: "Bambang Wijaya" });
    const coordinator = chatDriver(app.handler, { userId: "koor" });
    const pupr = chatDriver(app.handler, { userId: "pupr" });
    const code = await file(citizen, "Anonim");
    const staffTexts: string[] = [];
    staffTexts.push(await last(coordinator, `/lihat ${code}`), await last(coordinator, "/antrian"));
    staffTexts.push(await last(coordinator, `/teruskan ${code} DPUPR`));
    staffTexts.push(await last(pupr, `/tanya ${code} Kapan mulai berlubang?`));
    await citizen.say(`/jawab ${code} Sejak awal bulan`);
    staffTexts.push(await last(pupr, `/lihat ${code}`), await last(pupr, "/antrian"), await last(coordinator, "/statistik"));
    await app.dispatchOutbox();
    staffTexts.push(...deliveries.filter((d) => d.channel === "terminal").map((d) => d.message.text));
    expect(staffTexts.join("\n")).toContain("Anonim");
    expect(staffTexts.join("\n")).toContain("Sejak awal bulan");
    for (const text of staffTexts) {
      expect(text).not.toContain("Bambang");
      expect(text).not.toContain("7002");
    }
  });

  it("a change committed before a crash is delivered after the restart, once", async () => {
    // The first process has no senders: it "crashes" after committing, before anything was sent.
    await app.close();
    // The engine under test: on PostgreSQL the restart finds the rows on the server, not in a file.
    const database = await createTestDatabase("crash");
    onTestFinished(() => database.drop());
    app = await start({ database, senders: false });
    await app.prisma.staff.createMany({
      data: [
        { identity: "terminal:koor", agencyCode: "KOORDINATOR" },
        { identity: "terminal:pupr", agencyCode: "DPUPR" },
      ],
    });
    const citizen = chatDriver(app.handler, { channel: "telegram", userId: "7003" });
    const code = await file(citizen);
    await chatDriver(app.handler, { userId: "koor" }).say(`/teruskan ${code} DPUPR`);
    const pending = await app.prisma.outboxMessage.count({ where: { status: "PENDING", chatId: "7003" } });
    expect(pending).toBeGreaterThan(0);
    await app.close();
    expect(deliveries).toHaveLength(0);
    app = await start({ database });
    await app.dispatchOutbox();
    const toCitizen = deliveries.filter((d) => d.chatId === "7003").map((d) => d.message.text);
    expect(toCitizen.some((text) => text.includes(`${code} telah diteruskan`))).toBe(true);
    expect(await app.dispatchOutbox()).toBe(0);
  });
});
