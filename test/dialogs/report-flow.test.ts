// /laporan and the weekly digest through the real application: a citizen files anonymously through
// the runner, staff follow up with commands, and the coordinator's files never name the reporter.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelSender, OutboundMessage } from "../../bots/channel.js";
import { enqueueWeeklyDigest } from "../../complaints/monev-digest.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";
import { pngSize } from "../complaints/monev-fixture.js";

const DESCRIPTION = "Jalan di depan SDN 3 Sukajadi berlubang besar sejak dua minggu, sudah dua motor jatuh.";
const REPORTER = { userId: "warga-rahasia-77", displayName: "Siti Nurhaliza Pelapor" };
// Tuesday 24 Nov 2026, 10:00 WIB.
let now = new Date("2026-11-24T03:00:00Z");

let app: TestApp;
beforeEach(async () => {
  now = new Date("2026-11-24T03:00:00Z");
  app = await createTestApp({ clock: () => now });
});
afterEach(async () => {
  await app.close();
});

async function fileAnonymously(): Promise<string> {
  const chat = chatDriver(app.handler, REPORTER);
  return (await fileComplaint(chat, { description: DESCRIPTION, fromMenu: true, privacy: "Anonim" })).code;
}

function leaks(text: string): string[] {
  return [REPORTER.displayName, "Siti", REPORTER.userId].filter((needle) => text.includes(needle));
}

describe("/laporan in the running application", () => {
  it("gives the coordinator the chart and CSVs of a followed-up anonymous complaint, without the reporter", async () => {
    const code = await fileAnonymously();
    const complaint = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(complaint.privacy).toBe("anonim");
    const agency =
      complaint.assignedAgency ??
      (app.app.catalog.byCode(complaint.suggestedAgency) ? complaint.suggestedAgency : app.app.catalog.agencies[0]?.code);
    if (!agency) throw new Error("the agency catalog is empty");
    await app.prisma.staff.createMany({
      data: [
        { identity: "terminal:koor", agencyCode: "KOORDINATOR", name: "Koordinator" },
        { identity: `terminal:petugas`, agencyCode: agency, name: "Petugas" },
      ],
    });
    const coordinator = chatDriver(app.handler, { userId: "koor" });
    const officer = chatDriver(app.handler, { userId: "petugas" });
    if (!complaint.assignedAgency) await coordinator.say(`/teruskan ${code} ${agency}`);
    now = new Date(now.getTime() + 2 * 3_600_000);
    await officer.say(`/proses ${code} Tim kami survei lokasi besok.`);

    now = new Date(now.getTime() + 3_600_000);
    const [reply] = await coordinator.say("/laporan");
    expect(reply?.text).toContain("Laporan masuk: 1 · ditindaklanjuti 1 (100,0%)");
    expect(pngSize(reply?.photo?.data ?? Buffer.alloc(0)).width).toBeGreaterThan(1000);
    expect(reply?.documents).toHaveLength(2);
    const complaintsCsv = reply?.documents?.[0]?.data.toString("utf8") ?? "";
    expect(complaintsCsv).toContain(code);
    expect(complaintsCsv).toContain("Sukajadi");
    for (const text of [reply?.text ?? "", complaintsCsv, reply?.documents?.[1]?.data.toString("utf8") ?? ""]) {
      expect(leaks(text)).toEqual([]);
    }

    // Agency staff get their own agency's report only; anything wider is for coordinators.
    const [staffReply] = await officer.say("/laporan");
    expect(staffReply?.text).toContain(`(${agency})`);
    expect(staffReply?.documents?.[0]?.data.toString("utf8")).toContain(code);
    const [wider] = await officer.say("/laporan koordinator");
    expect(wider?.text).toContain("hanya untuk koordinator");
    expect(wider?.documents).toBeUndefined();
  });

  it("delivers the weekly digest to the coordinator's chat through the outbox", async () => {
    await fileAnonymously();
    await app.prisma.staff.create({ data: { identity: "telegram:4242", agencyCode: "KOORDINATOR" } });
    const delivered: { chatId: string; message: OutboundMessage }[] = [];
    const sender: ChannelSender = {
      channel: "telegram",
      send: async (chatId, message) => {
        delivered.push({ chatId, message });
        return { ok: true };
      },
    };
    app.attachSender(sender);
    // Monday 30 Nov 2026 08:00 WIB: the digest of 23-29 Nov.
    now = new Date("2026-11-30T01:00:00Z");
    const options = { now, sla: app.app.sla, agencyName: (c: string) => app.app.catalog.byCode(c)?.name };
    expect(await enqueueWeeklyDigest(app.prisma, options)).toBe(1);
    expect(await enqueueWeeklyDigest(app.prisma, options)).toBe(0);
    await app.dispatchOutbox();
    const digests = delivered.filter((d) => d.message.text.startsWith("Ringkasan mingguan"));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.chatId).toBe("4242");
    expect(digests[0]?.message.text).toContain("minggu 2026-W48 (23 Nov 2026 - 29 Nov 2026)");
    expect(digests[0]?.message.text).toContain("Laporan masuk: 1");
    expect(leaks(digests[0]?.message.text ?? "")).toEqual([]);
  });
});
