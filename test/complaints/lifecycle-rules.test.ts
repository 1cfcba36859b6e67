// The status machine as data: every (operation, status) pair either moves or is refused with a reason.
import { describe, expect, it } from "vitest";
import { STATUS, type ComplaintStatus } from "../../complaints/complaint-status.js";
import { ALLOWED_FROM, nextStatus, refusalReason, type LifecycleOperation } from "../../complaints/lifecycle-rules.js";

const OPERATIONS = Object.keys(ALLOWED_FROM) as LifecycleOperation[];
const STATUSES = Object.values(STATUS) as ComplaintStatus[];

describe("lifecycle rules", () => {
  it("follows BARU -> DITERUSKAN -> DIPROSES -> SELESAI, with DITOLAK and DIBUKA_KEMBALI", () => {
    expect(nextStatus("forward", "BARU")).toBe("DITERUSKAN");
    expect(nextStatus("process", "DITERUSKAN")).toBe("DIPROSES");
    expect(nextStatus("finish", "DIPROSES")).toBe("SELESAI");
    expect(nextStatus("reject", "BARU")).toBe("DITOLAK");
    expect(nextStatus("reopen", "SELESAI")).toBe("DIBUKA_KEMBALI");
    expect(nextStatus("notAuthority", "DIPROSES")).toBe("BARU");
    expect(nextStatus("reply", "DIPROSES")).toBeNull();
    expect(nextStatus("reply", "DIBUKA_KEMBALI")).toBe("DIPROSES");
    expect(nextStatus("note", "SELESAI")).toBeNull();
  });

  it("closed complaints accept no staff follow-up except internal notes", () => {
    for (const operation of ["forward", "process", "reply", "finish", "reject", "notAuthority", "ask"] as const) {
      expect(ALLOWED_FROM[operation]).not.toContain("SELESAI");
      expect(ALLOWED_FROM[operation]).not.toContain("DITOLAK");
    }
    expect(ALLOWED_FROM.note).toEqual(expect.arrayContaining(STATUSES));
    expect(ALLOWED_FROM.reopen).toEqual(["SELESAI"]);
  });

  it("every refused pair has an Indonesian reason that names the code; allowed pairs have none", () => {
    for (const operation of OPERATIONS) {
      for (const status of STATUSES) {
        const reason = refusalReason(operation, status, "LPR-ABCDEFGH");
        if (ALLOWED_FROM[operation].includes(status)) expect(reason).toBeNull();
        else expect(reason).toContain("LPR-ABCDEFGH");
      }
    }
    expect(refusalReason("finish", "BARU", "LPR-ABCDEFGH")).toContain("/teruskan LPR-ABCDEFGH");
    expect(refusalReason("process", "DIPROSES", "LPR-ABCDEFGH")).toContain("/selesai LPR-ABCDEFGH");
  });
});
