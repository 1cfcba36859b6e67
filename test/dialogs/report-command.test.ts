import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage, OutboundMessage } from "../../bots/channel.js";
import type { StaffMember } from "../../dialogs/command-handler.js";
import { MAX_CAPTION } from "../../dialogs/report-copy.js";
import { createReportCommand, parseReportArgs } from "../../dialogs/report-command.js";
import {
  createMonevDatabase,
  expectNoAnonymousTrace,
  NOW,
  pngSize,
  SLA,
  type MonevDatabase,
} from "../complaints/monev-fixture.js";
import { parseInbound } from "../../dialogs/parsed-input.js";

const NAMES: Record<string, string> = { DPUPR: "Dinas PUPR", DLH: "Dinas Lingkungan Hidup" };
const agencyName = (code: string) => NAMES[code];
const COORDINATOR: StaffMember = { identity: "telegram:900", agencyCode: "KOORDINATOR", name: "Koor" };
const AGENCY_STAFF: StaffMember = { identity: "telegram:901", agencyCode: "DPUPR", name: "Budi" };

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

async function send(text: string, staff: StaffMember | null): Promise<OutboundMessage[] | null> {
  const command = createReportCommand({ sla: SLA, agencyName });
  const message: InboundMessage = { channel: "telegram", chatId: "900", userId: "900", messageId: `m-${text}`, text };
  return command.handle({ db: fixture.prisma, message, input: parseInbound(message), identity: "telegram:900", staff, now: NOW });
}

describe("/laporan", () => {
  it("sends a coordinator the chart and both CSV files for the last 30 days, with a summary", async () => {
    const replies = await send("/laporan", COORDINATOR);
    expect(replies).toHaveLength(1);
    const [reply] = replies ?? [];
    // 30 days back from 30 Jan 10:00: everything from 31 Dec 10:00, so J (31 Dec 23:30) is in too.
    expect(reply?.text.split("\n")[0]).toBe("Laporan monev 30 hari terakhir (31 Des 2025 - 30 Jan 2026)");
    expect(reply?.text).toContain("Laporan masuk: 11 · ditindaklanjuti 4 (36,4%)");
    expect(reply?.text).toContain("• Koordinator (belum diteruskan): 0 dari 3 ditindaklanjuti (0,0%), 2 terlambat");
    expect(reply?.text).toContain("• Dinas PUPR (DPUPR): 3 dari 5 ditindaklanjuti (60,0%), 3 terlambat");
    expect(reply?.text.length).toBeLessThanOrEqual(MAX_CAPTION);

    expect(reply?.photo?.mimeType).toBe("image/png");
    expect(pngSize(reply?.photo?.data ?? Buffer.alloc(0)).width).toBeGreaterThan(1000);
    expect(reply?.documents?.map((d) => d.fileName)).toEqual([
      "laporan-pengaduan_2025-12-31_2026-01-30.csv",
      "angka-per-instansi_2025-12-31_2026-01-30.csv",
    ]);
    const complaintsFile = reply?.documents?.[0]?.data.toString("utf8") ?? "";
    expect(complaintsFile.split("\r\n").filter(Boolean)).toHaveLength(12);
    for (const text of [reply?.text ?? "", complaintsFile, reply?.documents?.[1]?.data.toString("utf8") ?? ""]) {
      expect(expectNoAnonymousTrace(text)).toEqual([]);
    }
  });

  it("narrows to one agency and a number of days, in either order and any case", async () => {
    const [reply] = (await send("/laporan dlh 14", COORDINATOR)) ?? [];
    // From 16 Jan 10:00: E (20 Jan, rejected) and L are in, D (15 Jan) is not.
    expect(reply?.text.split("\n")[0]).toBe(
      "Laporan monev 14 hari terakhir, Dinas Lingkungan Hidup (DLH) (16 Jan 2026 - 30 Jan 2026)",
    );
    expect(reply?.text).toContain("Laporan masuk: 2 · ditindaklanjuti 0 (0,0%) · selesai 0 (0,0%) · ditolak 1");
    expect(reply?.documents?.[1]?.fileName).toBe("angka-per-instansi_2026-01-16_2026-01-30_DLH.csv");

    const [quiet] = (await send("/laporan 7 DLH", COORDINATOR)) ?? [];
    expect(quiet?.text).toContain("Belum ada laporan yang masuk pada periode ini.");
    expect(quiet?.photo).toBeDefined();
  });

  it("answers wrong use with the syntax", async () => {
    expect((await send("/laporan 0", COORDINATOR))?.[0]?.text).toContain("/laporan [jumlah hari] [INSTANSI]");
    expect((await send("/laporan ABC", COORDINATOR))?.[0]?.text).toContain('Kode instansi "ABC" tidak dikenal');
    expect((await send("/laporan DPUPR DLH", COORDINATOR))?.[0]?.text).toContain('"DLH" tidak dikenali');
    expect(parseReportArgs("  ", agencyName)).toEqual({ ok: true, days: 30 });
    expect(parseReportArgs("KOORDINATOR 14", agencyName)).toEqual({ ok: true, days: 14, agency: "KOORDINATOR" });
  });

  it("gives an agency officer their own agency's report, and 'koordinator only' for anything wider", async () => {
    const [own] = (await send("/laporan 30", AGENCY_STAFF)) ?? [];
    expect(own?.text.split("\n")[0]).toContain("Dinas PUPR (DPUPR)");
    expect(own?.text).toContain("Laporan masuk: 5 ");
    const ownCsv = own?.documents?.[0]?.data.toString("utf8") ?? "";
    expect(ownCsv).toContain("DPUPR");
    expect(ownCsv).not.toMatch(/,DLH,|,KOORDINATOR,/);
    for (const wider of ["/laporan DLH", "/laporan 7 koordinator"]) {
      expect((await send(wider, AGENCY_STAFF))?.[0]?.text).toBe(
        "Laporan semua instansi atau instansi lain hanya untuk koordinator. Ketik /laporan [jumlah hari] untuk laporan DPUPR.",
      );
    }
    expect(await send("/laporan dpupr", AGENCY_STAFF)).not.toBeNull();
  });

  it("is invisible to citizens, and ignores other commands", async () => {
    expect(await send("/laporan", null)).toBeNull();
    expect(await send("/statistik", COORDINATOR)).toBeNull();
    expect(await send("laporan jalan rusak", COORDINATOR)).toBeNull();
  });
});
