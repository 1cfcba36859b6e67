// Staff command parsing and rendering over the real lifecycle service and a temporary database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../bots/channel.js";
import type { StaffMember } from "../../dialogs/command-handler.js";
import { createStaffCommands, parsePeriod } from "../../dialogs/staff-commands.js";
import { redeemLoginToken, sessionStaff } from "../../complaints/dashboard-access.js";
import { AGENCIES, COORDINATOR, DLH, DPUPR, createFixture, type Fixture } from "../complaints/lifecycle-fixture.js";
import { parseInbound } from "../../dialogs/parsed-input.js";
import { loadAgencyCatalog } from "../../nlp/agency-catalog.js";

let fx: Fixture;
let counter = 0;

beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => {
  await fx.close();
});

function commands() {
  return createStaffCommands({
    lifecycle: fx.lifecycle,
    agencyName: (code) => AGENCIES[code],
    agencyCodes: () => Object.keys(AGENCIES),
    agencyByName: (text) => CATALOG.byName(text)?.code,
    dashboardUrl: "https://dasbor.contoh.go.id",
  });
}

const CATALOG = loadAgencyCatalog();

async function send(staff: StaffMember | null, text: string) {
  const [channel, userId] = (staff?.identity ?? "telegram:555001").split(":") as ["telegram", string];
  counter += 1;
  const message: InboundMessage = { channel, chatId: userId, userId, messageId: `m${counter}`, text };
  const replies = await commands().handle({
    db: fx.prisma,
    message,
    input: parseInbound(message),
    identity: `${channel}:${userId}`,
    staff,
    now: fx.clock.now,
  });
  return replies;
}

async function text(staff: StaffMember | null, input: string): Promise<string> {
  const replies = await send(staff, input);
  if (!replies) throw new Error(`no reply to ${input}`);
  return replies.map((reply) => reply.text).join("\n---\n");
}

describe("staff commands", () => {
  it("return null for citizens, plain text, unknown commands and object-prototype names", async () => {
    const complaint = await fx.createComplaint();
    expect(await send(null, `/lihat ${complaint.trackingCode}`)).toBeNull();
    expect(await send(DPUPR, "halo, jalan di depan rumah saya rusak")).toBeNull();
    expect(await send(DPUPR, "/status")).toBeNull();
    expect(await send(DPUPR, "/mulai")).toBeNull();
    expect(await send(DPUPR, "/constructor")).toBeNull();
  });

  it("/lihat accepts any case and a Telegram @bot suffix, and shows detail, location, photos and history", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    await fx.attachPhoto(complaint.id);
    const replies = await send(DPUPR, `/lihat@LaporBot ${complaint.trackingCode.toLowerCase()}`);
    expect(replies).toHaveLength(2);
    const detail = replies?.[0]?.text ?? "";
    expect(detail).toContain(`${complaint.trackingCode} - Diteruskan ke instansi`);
    expect(detail).toContain("Pelapor: Siti Aminah");
    expect(detail).toContain("Lokasi: Jl. Merdeka depan SDN 3");
    expect(detail).toContain("Peta: https://maps.google.com/?q=-6.9,107.6");
    expect(detail).toContain("Lampiran: 1 foto");
    expect(detail).toContain("Riwayat:");
    expect(detail).toContain("Jalan berlubang besar");
    expect(replies?.[1]?.photo?.mimeType).toBe("image/jpeg");
    // The code without its prefix works as well.
    expect(await text(DPUPR, `/lihat ${complaint.trackingCode.slice(4)}`)).toContain(complaint.trackingCode);
  });

  it("wrong use answers with the correct syntax", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    expect(await text(DPUPR, "/lihat")).toContain("Cara pakai:\n/lihat KODE");
    expect(await text(DPUPR, "/balas LPR-XYZ halo")).toMatch(
      /"LPR-XYZ" bukan kode laporan yang valid\.\n\nCara pakai:\n\/balas KODE pesan/,
    );
    expect(await text(DPUPR, `/balas ${complaint.trackingCode}`)).toContain("Pesannya belum diisi.");
    expect(await text(COORDINATOR, `/teruskan ${complaint.trackingCode}`)).toContain("Kode instansi tujuan belum diisi.");
    expect(await text(DPUPR, `/tolak ${complaint.trackingCode}`)).toContain("/tolak KODE alasan");
    expect(await text(DPUPR, "/statistik kemarin")).toContain("/statistik [jumlah hari | semua]");
    expect(await text(COORDINATOR, "/staf pindah")).toContain("/staf tambah kanal:id INSTANSI [nama]");
  });

  it("runs the follow-up flow and confirms each step", async () => {
    const complaint = await fx.createComplaint();
    const code = complaint.trackingCode;
    expect(await text(COORDINATOR, `/teruskan ${code} dpupr Mohon segera`)).toBe(
      `Laporan ${code} diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR). Pelapor sudah diberi tahu. 2 petugas diberi tahu.`,
    );
    expect(await text(DPUPR, `/proses ${code}`)).toBe(
      `Laporan ${code}: Diteruskan ke instansi -> Sedang diproses. Pelapor sudah diberi tahu.`,
    );
    expect(await text(DPUPR, `/catatan ${code} cek anggaran`)).toContain("Pelapor tidak melihat catatan ini");
    expect(await text(DPUPR, `/tanya ${code} Nomor rumah berapa?`)).toContain("Anda akan diberi tahu saat pelapor menjawab");
    expect(await text(DPUPR, `/balas ${code} Tim datang besok pagi.`)).toBe(
      `Pesan untuk pelapor ${code} sudah dikirim (status: Sedang diproses).`,
    );
    expect(await text(DPUPR, `/selesai ${code} Lubang sudah ditambal.`)).toContain("Sedang diproses -> Selesai");
    expect(await text(DPUPR, `/proses ${code}`)).toContain("sudah Selesai");
    expect(await text(DLH, `/lihat ${code}`)).toContain("tidak ditemukan di antrean DLH");
  });

  it("/teruskan takes the agency by name or alias as officers type it, and keeps the note as written", async () => {
    const complaint = await fx.createComplaint();
    const code = complaint.trackingCode.toLowerCase();
    expect(await text(COORDINATOR, `/teruskan ${code} dinas pu mohon segera\nlokasi dekat sekolah`)).toContain(
      "diteruskan ke Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR)",
    );
    const events = await fx.events(complaint.id);
    expect(events.at(-1)).toMatchObject({ agencyCode: "DPUPR", note: "mohon segera\nlokasi dekat sekolah" });
    // Back to the coordinator's queue, then by another alias.
    const other = await fx.createComplaint();
    expect(await text(COORDINATOR, `/teruskan ${other.trackingCode} lingkungan hidup`)).toContain("(DLH)");
    // Neither a code nor a name: the same clear answer as before.
    expect(await text(COORDINATOR, `/teruskan ${other.trackingCode} dinas entah apa`)).toContain(
      `Kode instansi "DINAS" tidak dikenal`,
    );
  });

  it("/teruskan to an agency without staff warns the coordinator", async () => {
    const complaint = await fx.createComplaint();
    expect(await text(COORDINATOR, `/teruskan ${complaint.trackingCode} DISHUB`)).toContain(
      "belum ada petugas DISHUB yang terdaftar",
    );
  });

  it("/antrian puts overdue first and says when the queue is empty", async () => {
    expect(await text(DPUPR, "/antrian")).toBe("Antrean DPUPR kosong: tidak ada laporan terbuka.");
    const older = await fx.createComplaint({ assignedAgency: "DPUPR", status: "DIPROSES" });
    fx.clock.advanceHours(1);
    const late = await fx.createComplaint({ assignedAgency: "DPUPR", responseDueAt: new Date("2026-11-01T00:00:00Z") });
    const queue = await text(DPUPR, "/antrian");
    expect(queue).toMatch(/^Antrean DPUPR: 2 laporan terbuka, 1 terlambat\./);
    expect(queue.indexOf(late.trackingCode)).toBeLessThan(queue.indexOf(older.trackingCode));
    expect(queue).toContain("TERLAMBAT ditindaklanjuti");
  });

  it("/statistik for an agency and for the coordinator", async () => {
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    await text(DPUPR, `/proses ${complaint.trackingCode}`);
    await fx.createComplaint(); // waits for routing: counted in the KOORDINATOR row
    const own = await text(DPUPR, "/statistik");
    expect(own).toContain("Statistik DPUPR (30 hari terakhir)");
    expect(own).toContain("- Ditindaklanjuti: 1 (100,0%)");
    const all = await text(COORDINATOR, "/statistik semua");
    expect(all).toContain("Statistik semua instansi (sejak awal)");
    expect(all).toContain("Semua laporan (TOTAL)");
    expect(all).toContain("Koordinator (belum diteruskan) (KOORDINATOR)");
  });

  it("/staf is for coordinators; /bantuan lists the commands", async () => {
    expect(await text(COORDINATOR, "/staf tambah telegram:4242 dlh Rina Wati")).toBe(
      "Petugas ditambahkan: telegram:4242 - DLH - Rina Wati.",
    );
    expect(await text(COORDINATOR, "/staf daftar")).toContain("telegram:4242 - DLH - Rina Wati");
    expect(await text(COORDINATOR, "/staf hapus telegram:4242")).toBe("Petugas telegram:4242 dihapus.");
    expect(await text(DPUPR, "/staf daftar")).toBe("Perintah ini hanya untuk koordinator.");
    expect(await text(DPUPR, "/bantuan")).not.toContain("/staf");
    expect(await text(COORDINATOR, "/bantuan")).toContain("/staf tambah|hapus|daftar");
  });
});

describe("parsePeriod", () => {
  it("reads days, 'semua' and the default", () => {
    expect(parsePeriod("")).toBe(30);
    expect(parsePeriod("7 hari")).toBe(7);
    expect(parsePeriod("SEMUA")).toBeNull();
    expect(parsePeriod("0")).toBeUndefined();
    expect(parsePeriod("minggu")).toBeUndefined();
  });

  it("/dasbor gives a one-time link in the officer's own chat; /dasbor keluar ends the sessions", async () => {
    const reply = await text(DPUPR, "/dasbor");
    const token = /https:\/\/dasbor\.contoh\.go\.id\/masuk\/([A-Za-z0-9_-]+)/.exec(reply)?.[1] ?? "";
    expect(reply).toContain("berlaku 10 menit");
    const session = await redeemLoginToken(fx.prisma, token, fx.clock.now);
    expect(session?.staff.identity).toBe(DPUPR.identity);
    expect(await redeemLoginToken(fx.prisma, token, fx.clock.now)).toBeNull();
    expect(await text(DPUPR, "/dasbor keluar")).toBe("1 sesi dasbor Anda diakhiri.");
    expect(await sessionStaff(fx.prisma, session?.sessionId ?? "", fx.clock.now)).toBeNull();
    // Citizens: not a staff command at all (they get the citizen dialog).
    expect(await send(null, "/dasbor")).toBeNull();
  });

  it("/dasbor typed in a group sends the link privately, never into the group", async () => {
    const message: InboundMessage = {
      channel: "whatsapp",
      chatId: "120363000@g.us",
      userId: "6281100",
      messageId: "g1",
      text: "/dasbor",
    };
    await fx.prisma.staff.upsert({
      where: { identity: "whatsapp:6281100" },
      create: { identity: "whatsapp:6281100", agencyCode: "DPUPR" },
      update: {},
    });
    const replies = await commands().handle({
      db: fx.prisma,
      message,
      input: parseInbound(message),
      identity: "whatsapp:6281100",
      staff: { identity: "whatsapp:6281100", agencyCode: "DPUPR", name: null },
      now: fx.clock.now,
    });
    expect(replies?.map((r) => r.text).join()).toBe("Tautan masuk dasbor dikirim lewat pesan pribadi, bukan di grup ini.");
    const pushed = (await fx.outbox()).filter((row) => row.chatId === "6281100");
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.message.text).toMatch(/\/masuk\/[A-Za-z0-9_-]{40,}/);
  });

  it("/lihat names the staff in the history, never their raw identity", async () => {
    const complaint = await fx.createComplaint();
    await text(COORDINATOR, `/teruskan ${complaint.trackingCode} DPUPR`);
    await text(DPUPR, `/catatan ${complaint.trackingCode} Sudah koordinasi dengan UPT.`);
    await fx.prisma.staff.delete({ where: { identity: COORDINATOR.identity } });
    const view = await text(DPUPR, `/lihat ${complaint.trackingCode}`);
    expect(view).toContain("Catatan internal: Sudah koordinasi dengan UPT. (oleh Budi (DPUPR))");
    expect(view).toContain("Diteruskan ke DPUPR (oleh petugas yang sudah tidak terdaftar)");
    expect(view).not.toMatch(/telegram:\d+/);
  });
});
