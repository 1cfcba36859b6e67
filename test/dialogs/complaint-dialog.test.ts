// The complaint machine alone: pure transitions, every path of the conversation.
import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { COORDINATOR_CODE, type Classification } from "../../nlp/classification.js";
import { DESCRIPTION_MAX, type DialogEvent } from "../../dialogs/complaint-context.js";
import { complaintMachine, descriptionFromFreeText, type FileComplaintParams } from "../../dialogs/complaint-dialog.js";
import { currentQuestion, type ComplaintSnapshot } from "../../dialogs/dialog-snapshot.js";
import { CONFIDENT_ROAD } from "../support/classifications.js";

const confident: Classification = CONFIDENT_ROAD;
const unsure: Classification = { ...confident, agency: COORDINATOR_CODE, confidence: 0.3 };
const form = { submissionId: "sub-1", trackingCode: "LPR-ABCDEFGH" };
const description = "Jalan di depan pasar berlubang besar sejak seminggu, motor sering jatuh.";

interface Step {
  snapshot: ComplaintSnapshot;
  actions: { type: string; params?: unknown }[];
}

function run(events: DialogEvent[], from?: ComplaintSnapshot): Step {
  let snapshot = from ?? initialTransition(complaintMachine)[0];
  let actions: Step["actions"] = [];
  for (const event of events) {
    const [next, taken] = transition(complaintMachine, snapshot, event);
    snapshot = next;
    actions = taken as Step["actions"];
  }
  return { snapshot, actions };
}

const choice = (value: string): DialogEvent => ({ type: "CHOICE", value });
const text = (value: string, extra: Partial<Extract<DialogEvent, { type: "TEXT" }>> = {}): DialogEvent => ({
  type: "TEXT",
  text: value,
  ...extra,
});
const asked = (step: Step) => currentQuestion(step.snapshot);
const notices = (step: Step) => step.actions.filter((a) => a.type === "say").map((a) => (a.params as { notice: string }).notice);

const toSummary: DialogEvent[] = [
  { type: "REPORT", ...form },
  choice("pengaduan"),
  text(description, { classification: confident }),
  choice("benar"),
  text("Jl. Merdeka depan Pasar Baru"),
  text("kemarin", { date: { ok: true, date: "2026-11-22" } }),
  { type: "SKIP" },
  choice("anonim"),
];

describe("complaint dialog", () => {
  it("walks the whole form and files exactly what was answered", () => {
    const atSummary = run(toSummary);
    expect(asked(atSummary)).toBe("summary");
    const filed = run([choice("kirim")], atSummary.snapshot);
    const file = filed.actions.find((a) => a.type === "fileComplaint");
    const params = file?.params as FileComplaintParams;
    expect(params.submissionId).toBe("sub-1");
    expect(params.draft).toMatchObject({
      reportType: "pengaduan",
      description,
      agency: "DPUPR",
      agencyConfirmed: true,
      locationText: "Jl. Merdeka depan Pasar Baru",
      incidentDate: "2026-11-22",
      privacy: "anonim",
    });
    expect(asked(filed)).toBe("menu");
    expect(filed.snapshot.context.draft.description).toBeUndefined();
    expect(filed.snapshot.context.lastFiledCode).toBe("LPR-ABCDEFGH");
  });

  it("can be cancelled at every step and keeps nothing", () => {
    for (let steps = 1; steps <= toSummary.length; steps += 1) {
      const cancelled = run([...toSummary.slice(0, steps), { type: "CANCEL" }]);
      expect(asked(cancelled)).toBe("menu");
      expect(notices(cancelled)).toContain("cancelled");
      expect(cancelled.actions.some((a) => a.type === "discardDraft")).toBe(true);
      expect(cancelled.snapshot.context.draft).toEqual({ photoIds: [] });
    }
  });

  it("rejects a too short and a too long description and keeps asking", () => {
    const start = run([{ type: "REPORT", ...form }, choice("aspirasi")]);
    const short = run([text("jalan rusak")], start.snapshot);
    expect(asked(short)).toBe("description");
    expect(notices(short)).toContain("descriptionTooShort");
    const long = run([text("a".repeat(DESCRIPTION_MAX + 1))], start.snapshot);
    expect(asked(long)).toBe("description");
    expect(notices(long)).toContain("descriptionTooLong");
    expect(long.snapshot.context.draft.reportType).toBe("aspirasi");
  });

  it("offers the top three when unsure and sends 'tidak tahu' to the coordinator", () => {
    const picked = run([{ type: "REPORT", ...form }, choice("pengaduan"), text(description, { classification: unsure })]);
    expect(asked(picked)).toBe("agencyPick");
    const unknown = run([choice("tidak_tahu")], picked.snapshot);
    expect(unknown.snapshot.context.draft.agency).toBe(COORDINATOR_CODE);
    expect(asked(unknown)).toBe("location");
    const chosen = run([choice("DISHUB")], picked.snapshot);
    expect(chosen.snapshot.context.draft).toMatchObject({ agency: "DISHUB", agencyConfirmed: false });
  });

  it("lets the citizen choose another agency than the suggestion", () => {
    const other = run([
      { type: "REPORT", ...form },
      choice("pengaduan"),
      text(description, { classification: confident }),
      choice("lain"),
    ]);
    expect(asked(other)).toBe("agencyPick");
  });

  it("edits one field from the summary and returns to it with the rest intact", () => {
    const atSummary = run(toSummary);
    const editing = run([choice("ubah"), choice("location")], atSummary.snapshot);
    expect(asked(editing)).toBe("location");
    const back = run([text("Jl. Sudirman 10")], editing.snapshot);
    expect(asked(back)).toBe("summary");
    expect(back.snapshot.context.draft).toMatchObject({
      locationText: "Jl. Sudirman 10",
      privacy: "anonim",
      incidentDate: "2026-11-22",
    });
    const newDescription = run(
      [
        choice("ubah"),
        choice("description"),
        text(`${description} Sudah dua kali.`, { classification: confident }),
        choice("benar"),
      ],
      atSummary.snapshot,
    );
    expect(asked(newDescription)).toBe("summary");
  });

  it("skips optional steps but not required ones", () => {
    const atLocation = run(toSummary.slice(0, 4));
    expect(asked(atLocation)).toBe("location");
    const skipped = run([{ type: "SKIP" }], atLocation.snapshot);
    expect(asked(skipped)).toBe("location");
    expect(notices(skipped)).toContain("required");
    const info = run([
      { type: "REPORT", ...form },
      choice("permintaan_informasi"),
      text(description, { classification: confident }),
      choice("benar"),
      choice("lewati"),
    ]);
    expect(asked(info)).toBe("date");
  });

  it("answers unknown dates, future dates, unexpected text and stale buttons with the same question", () => {
    const atDate = run(toSummary.slice(0, 5));
    expect(asked(atDate)).toBe("date");
    expect(notices(run([text("kapan ya", { date: { ok: false, reason: "unknown" } })], atDate.snapshot))).toContain(
      "dateUnknown",
    );
    expect(notices(run([text("besok", { date: { ok: false, reason: "future" } })], atDate.snapshot))).toContain("dateInFuture");
    const stale = run([{ type: "STALE" }], atDate.snapshot);
    expect(asked(stale)).toBe("date");
    expect(stale.actions.map((a) => a.type)).toEqual(["say", "askCurrent"]);
    const atPrivacy = run(toSummary.slice(0, 7));
    expect(asked(run([text("terserah")], atPrivacy.snapshot))).toBe("privacy");
  });

  it("takes photos, a location pin, and refuses a sixth photo", () => {
    const atLocation = run(toSummary.slice(0, 4));
    const pinned = run([{ type: "LOCATION", latitude: -6.9, longitude: 107.6 }], atLocation.snapshot);
    expect(pinned.snapshot.context.draft).toMatchObject({ latitude: -6.9, longitude: 107.6 });
    const atPhoto = run([{ type: "SKIP" }], pinned.snapshot);
    expect(asked(atPhoto)).toBe("photo");
    let step = atPhoto;
    for (let i = 1; i <= 6; i += 1) step = run([{ type: "PHOTO", attachmentId: `p${i}` }], step.snapshot);
    expect(step.snapshot.context.draft.photoIds).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect(notices(step)).toContain("photoLimit");
    expect(asked(run([choice("lanjut")], step.snapshot))).toBe("privacy");
  });

  it("keeps the problem told at the type question as the description and goes on after the type", () => {
    const told = run([{ type: "REPORT", ...form }, text(description, { classification: confident })]);
    expect(asked(told)).toBe("type");
    expect(told.actions.map((a) => a.type)).toEqual(["say", "askCurrent"]);
    expect(told.snapshot.context.draft.description).toBe(description);
    const typed = run([choice("pengaduan")], told.snapshot);
    expect(asked(typed)).toBe("agency");
    // A short text there is still just an unclear answer.
    const unclear = run([{ type: "REPORT", ...form }, text("rusak")]);
    expect(asked(unclear)).toBe("type");
    expect(unclear.snapshot.context.draft.description).toBeUndefined();
  });

  it("starts a form from free text that already describes the problem", () => {
    const started = run([
      text("saya mau lapor jalan di depan SDN 3 berlubang besar dan membahayakan", { classification: confident, newForm: form }),
    ]);
    expect(asked(started)).toBe("type");
    expect(started.snapshot.context.draft.description).toBe("jalan di depan SDN 3 berlubang besar dan membahayakan");
    const next = run([choice("pengaduan")], started.snapshot);
    expect(asked(next)).toBe("agency");
    const greeting = run([text("halo selamat pagi", { classification: unsure, newForm: form })]);
    expect(asked(greeting)).toBe("menu");
    expect(descriptionFromFreeText("Mau lapor: sampah menumpuk")).toBe("sampah menumpuk");
  });
});
