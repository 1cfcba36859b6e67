// Staff hear of a new complaint in the filing's own transaction: the coordinators always, the agency too
// when it was routed at once; the notice names the code and never the reporter.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { fileComplaint, type ComplaintForm } from "../../complaints/complaint-filing.js";
import type { Classification } from "../../nlp/classification.js";
import { AGENCIES, COORDINATOR, createFixture, DPUPR, DPUPR_2, REPORTER, SLA, type Fixture } from "./lifecycle-fixture.js";

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const suggestion = (urgent: boolean): Classification => ({
  agency: "DPUPR",
  confidence: 0.9,
  top: [{ agency: "DPUPR", score: 0.9 }],
  type: "pengaduan",
  urgent,
  keywords: ["jalan"],
});

function file(fixture: Fixture, form: Partial<ComplaintForm>) {
  const complete: ComplaintForm = {
    submissionId: randomUUID(),
    trackingCode: "LPR-7K3M9QXA",
    reportType: "pengaduan",
    description: "Jalan berlubang di depan SDN 3, sudah dua motor jatuh.",
    photoIds: [],
    privacy: "biasa",
    ...form,
  };
  const reporter = { channel: REPORTER.channel, userId: REPORTER.userId, chatId: REPORTER.userId, displayName: "Siti Aminah" };
  return fixture.transactions.run(({ store }) =>
    fileComplaint(store, complete, reporter, { now: fixture.clock.now, sla: SLA, agencyName: (code) => AGENCIES[code] }),
  );
}

describe("the staff notice of a new complaint", () => {
  it("goes to the coordinators only while the complaint waits to be routed, with the classifier's suggestion", async () => {
    fx = await createFixture();
    const filed = await file(fx, { suggestion: suggestion(false) });
    expect(filed.assignedAgency).toBeNull();
    expect(await fx.outbox()).toEqual([
      {
        channel: "telegram",
        chatId: COORDINATOR.identity.slice("telegram:".length),
        complaintId: filed.id,
        message: {
          text:
            `Laporan baru ${filed.trackingCode}, menunggu verifikasi dan penerusan (usulan: ${AGENCIES.DPUPR}).` +
            `\nLihat rinciannya dengan /lihat ${filed.trackingCode}`,
        },
      },
    ]);
  });

  it("goes to the agency's staff and the coordinators when routed at once, marked when urgent", async () => {
    fx = await createFixture();
    const filed = await file(fx, { suggestion: suggestion(true), agency: "DPUPR", agencyConfirmed: true });
    expect(filed.assignedAgency).toBe("DPUPR");
    const outbox = await fx.outbox();
    const identities = outbox.map((row) => `${row.channel}:${row.chatId}`).sort();
    expect(identities).toEqual([COORDINATOR.identity, DPUPR.identity, DPUPR_2.identity].sort());
    for (const row of outbox) {
      expect(row.complaintId).toBe(filed.id);
      expect(row.message.text).toBe(
        `[MENDESAK] Laporan baru ${filed.trackingCode}, diteruskan ke ${AGENCIES.DPUPR}.` +
          `\nLihat rinciannya dengan /lihat ${filed.trackingCode}`,
      );
      expect(row.message.text).not.toContain("Siti");
    }
  });
});
