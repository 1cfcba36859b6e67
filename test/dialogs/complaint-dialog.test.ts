// The complaint machine alone: pure transitions, every path of the conversation.
import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { COORDINATOR_CODE, type Classification } from "../../nlp/classification.js";
import type { DialogEvent, Story } from "../../dialogs/complaint-context.js";
import { complaintMachine, type FileComplaintParams } from "../../dialogs/complaint-dialog.js";
import { currentQuestion, type ComplaintSnapshot } from "../../dialogs/dialog-snapshot.js";
import { CONFIDENT_ROAD, storyOf } from "../support/classifications.js";

const confident: Classification = CONFIDENT_ROAD;
const unsure: Classification = { ...confident, agency: COORDINATOR_CODE, confidence: 0.3 };
const form = { submissionId: "sub-1", trackingCode: "LPR-ABCDEFGH" };
const description = "Jalan di depan pasar berlubang besar, motor sering jatuh.";

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
const told = (value: string, extra: Partial<Story> = {}): DialogEvent =>
  text(value, { story: storyOf(value, extra), newForm: form });
const asked = (step: Step) => currentQuestion(step.snapshot);
const notices = (step: Step) => step.actions.filter((a) => a.type === "say").map((a) => (a.params as { notice: string }).notice);
const filedDraft = (step: Step) =>
  (step.actions.find((a) => a.type === "fileComplaint")?.params as FileComplaintParams | undefined)?.draft;

/** /lapor, then one answer at a time: the story, the place, the date. */
const oneAtATime: DialogEvent[] = [
  { type: "REPORT", ...form },
  told(description),
  text("Jl. Merdeka depan Pasar Baru"),
  text("kemarin", { date: { ok: true, date: "2026-11-22" } }),
];

describe("complaint dialog", () => {
  it("files from /lapor with one thing per answer, and only the questions a pengaduan needs", () => {
    const atSummary = run(oneAtATime);
    expect(asked(atSummary)).toBe("summary");
    const filed = run([choice("kirim")], atSummary.snapshot);
    expect(filedDraft(filed)).toMatchObject({
      reportType: "pengaduan",
      description,
      agency: "DPUPR",
      agencyConfirmed: true,
      locationText: "Jl. Merdeka depan Pasar Baru",
      incidentDate: "2026-11-22",
    });
    // Privacy defaults to biasa at filing; the draft leaves it unset so the summary can say so.
    expect(filedDraft(filed)?.privacy).toBeUndefined();
    expect(asked(filed)).toBe("menu");
    expect(filed.snapshot.context.lastFiledCode).toBe("LPR-ABCDEFGH");
    // Four answers after /lapor (story, place, date, Kirim): within the goal of six.
    expect(oneAtATime.length - 1 + 1).toBeLessThanOrEqual(6);
  });

  it("takes place, date, type and agency from a whole story and goes straight to the summary", () => {
    const story = told("Lampu jalan di Jl. Kenanga mati sejak 3 hari lalu", {
      locationText: "Jl. Kenanga",
      incidentDate: "2026-11-20",
    });
    const atSummary = run([story]);
    expect(asked(atSummary)).toBe("summary");
    expect(notices(atSummary)).toContain("storyTaken");
    expect(atSummary.snapshot.context.draft).toMatchObject({
      locationText: "Jl. Kenanga",
      incidentDate: "2026-11-20",
      agency: "DPUPR",
    });
    expect(filedDraft(run([choice("kirim")], atSummary.snapshot))).toBeDefined();
  });

  it("asks an aspiration for an optional place and never for a date", () => {
    const aspiration = storyOf("Mohon dibangun taman bermain untuk anak-anak di kampung kami", {
      classification: { ...confident, type: "aspirasi" },
    });
    const atLocation = run([{ type: "REPORT", ...form }, text(aspiration.description, { story: aspiration })]);
    expect(asked(atLocation)).toBe("location");
    const skipped = run([choice("lewati")], atLocation.snapshot);
    expect(asked(skipped)).toBe("summary");
    expect(skipped.snapshot.context.skipped).toEqual(["location"]);
    const info = storyOf("Bagaimana cara mengurus akta kelahiran anak yang lahir di rumah?", {
      classification: { ...confident, agency: "DISDUKCAPIL", type: "permintaan_informasi" },
    });
    expect(asked(run([text(info.description, { story: info, newForm: form })]))).toBe("summary");
  });

  it("never offers Kirim for a pengaduan without a location, and refuses to skip it", () => {
    const atLocation = run(oneAtATime.slice(0, 2));
    expect(asked(atLocation)).toBe("location");
    const skipped = run([{ type: "SKIP" }], atLocation.snapshot);
    expect(asked(skipped)).toBe("location");
    expect(notices(skipped)).toContain("locationRequired");
    const notAPlace = run([text("kan sudah saya tulis di atas pak", { notAPlace: true })], atLocation.snapshot);
    expect(asked(notAPlace)).toBe("location");
    expect(notices(notAPlace)).toContain("locationNotAPlace");
    expect(notAPlace.snapshot.context.draft.locationText).toBeUndefined();
    // Changing the type to pengaduan at the summary asks for the missing place before Kirim.
    const aspiration = storyOf("Mohon dibangun taman bermain untuk anak-anak", {
      classification: { ...confident, type: "aspirasi" },
    });
    const atSummary = run([text(aspiration.description, { story: aspiration, newForm: form }), choice("lewati")]);
    const changed = run([choice("ubah"), choice("type"), choice("pengaduan")], atSummary.snapshot);
    expect(asked(changed)).toBe("location");
    const pinned = run([{ type: "LOCATION", latitude: -6.9, longitude: 107.6 }], changed.snapshot);
    expect(asked(pinned)).toBe("date");
  });

  it("keeps a short complaint told at the menu and asks for the rest, adding to it", () => {
    const short = run([told("Jalan rusak parah")]);
    expect(asked(short)).toBe("description");
    expect(short.snapshot.context.draft.description).toBe("Jalan rusak parah");
    // The runner reads the answer together with what was kept (see dialog-input.ts).
    const more = run([told("Jalan rusak parah di depan SD Negeri 2, lubangnya dalam sekali")], short.snapshot);
    expect(asked(more)).toBe("location");
    const intentOnly = run([told("", { intent: true, hasWords: false, classification: unsure })]);
    expect(asked(intentOnly)).toBe("description");
    expect(notices(intentOnly)).not.toContain("storyTaken");
    const greeting = run([told("", { hasWords: false, classification: unsure })]);
    expect(asked(greeting)).toBe("menu");
  });

  it("refuses a description without words and one still too short, losing nothing", () => {
    const atDescription = run([{ type: "REPORT", ...form }]);
    const emoji = run(
      [text("💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥", { story: storyOf("💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥") })],
      atDescription.snapshot,
    );
    expect(notices(emoji)).toContain("descriptionNoWords");
    expect(emoji.snapshot.context.draft.description).toBeUndefined();
    const short = run([text("lampu mati", { story: storyOf("lampu mati") })], atDescription.snapshot);
    expect(notices(short)).toContain("descriptionTooShort");
    expect(short.snapshot.context.draft.description).toBe("lampu mati");
    const long = run(
      [text("...", { story: storyOf("Jalan rusak sekali ".repeat(200), { truncated: true }) })],
      atDescription.snapshot,
    );
    expect(notices(long)).toContain("descriptionTruncated");
  });

  it("offers the top three when unsure, and keeps the citizen's pick apart from the suggestion", () => {
    const picked = run([{ type: "REPORT", ...form }, told(description, { classification: unsure })]);
    expect(asked(picked)).toBe("agencyPick");
    const unknown = run([choice("tidak_tahu")], picked.snapshot);
    expect(unknown.snapshot.context.draft).toMatchObject({ agency: COORDINATOR_CODE, suggestion: unsure });
    const chosen = run([choice("DISHUB")], picked.snapshot);
    expect(chosen.snapshot.context.draft).toMatchObject({ agency: "DISHUB", agencyConfirmed: false });
    expect(asked(chosen)).toBe("location");
  });

  it("asks once to confirm a cancel when something was entered, and goes back when not confirmed", () => {
    const atLocation = run(oneAtATime.slice(0, 2));
    const confirming = run([{ type: "CANCEL", from: "location" }], atLocation.snapshot);
    expect(asked(confirming)).toBe("cancelConfirm");
    const back = run([choice("tidak")], confirming.snapshot);
    expect(asked(back)).toBe("location");
    expect(back.snapshot.context.draft.description).toBe(description);
    const cancelled = run([choice("ya")], confirming.snapshot);
    expect(asked(cancelled)).toBe("menu");
    expect(notices(cancelled)).toContain("cancelled");
    expect(cancelled.actions.some((a) => a.type === "discardDraft")).toBe(true);
    expect(cancelled.snapshot.context.draft).toEqual({ photoIds: [] });
    // Nothing entered yet: cancelled at once.
    const empty = run([
      { type: "REPORT", ...form },
      { type: "CANCEL", from: "description" },
    ]);
    expect(asked(empty)).toBe("menu");
    // A second "batal" at the confirmation cancels too.
    expect(asked(run([{ type: "CANCEL", from: "cancelConfirm" }], confirming.snapshot))).toBe("menu");
  });

  it("edits one field from the summary and returns to it with the rest intact", () => {
    const atSummary = run(oneAtATime);
    const editing = run([choice("ubah"), choice("location")], atSummary.snapshot);
    expect(asked(editing)).toBe("location");
    const back = run([text("Jl. Sudirman 10")], editing.snapshot);
    expect(asked(back)).toBe("summary");
    expect(back.snapshot.context.draft).toMatchObject({ locationText: "Jl. Sudirman 10", incidentDate: "2026-11-22" });
    // A sentence at the type question is never a new description.
    const atType = run([choice("ubah"), choice("type")], atSummary.snapshot);
    const sentence = run([text("tolong cepat ditangani ya pak, sudah lama sekali")], atType.snapshot);
    expect(asked(sentence)).toBe("type");
    expect(notices(sentence)).toContain("chooseOption");
    expect(sentence.snapshot.context.draft.description).toBe(description);
    const private_ = run([choice("ubah"), choice("privacy"), choice("anonim")], atSummary.snapshot);
    expect(asked(private_)).toBe("summary");
    expect(private_.snapshot.context.draft.privacy).toBe("anonim");
    // A new description follows the new suggestion, since the agency was the system's.
    const other = storyOf(`${description} Sudah dua kali.`, { classification: { ...confident, agency: "DISHUB" } });
    const redescribed = run(
      [choice("ubah"), choice("description"), text(other.description, { story: other })],
      atSummary.snapshot,
    );
    expect(asked(redescribed)).toBe("summary");
    expect(redescribed.snapshot.context.draft.agency).toBe("DISHUB");
  });

  it("keeps the photos already sent on Ubah of photos, until the citizen removes them", () => {
    const atSummary = run(oneAtATime);
    const withPhotos = run(
      [1, 2].map((i) => ({ type: "PHOTO", attachmentId: `p${i}` }) as DialogEvent),
      atSummary.snapshot,
    );
    expect(asked(withPhotos)).toBe("summary");
    const editing = run([choice("ubah"), choice("photo")], withPhotos.snapshot);
    expect(asked(editing)).toBe("photo");
    expect(editing.snapshot.context.draft.photoIds).toEqual(["p1", "p2"]);
    const more = run([{ type: "PHOTO", attachmentId: "p3" }, choice("lanjut")], editing.snapshot);
    expect(more.snapshot.context.draft.photoIds).toEqual(["p1", "p2", "p3"]);
    expect(asked(more)).toBe("summary");
    const removed = run([choice("hapus")], editing.snapshot);
    expect(removed.snapshot.context.draft.photoIds).toEqual([]);
    let step = atSummary;
    for (let i = 1; i <= 6; i += 1) step = run([{ type: "PHOTO", attachmentId: `q${i}` }], step.snapshot);
    expect(step.snapshot.context.draft.photoIds).toHaveLength(5);
    expect(notices(step)).toContain("photoLimit");
  });

  it("answers unknown and future dates with the same question, and 'gak tau' skips it", () => {
    const atDate = run(oneAtATime.slice(0, 3));
    expect(asked(atDate)).toBe("date");
    expect(notices(run([text("kapan ya", { date: { ok: false, reason: "unknown" } })], atDate.snapshot))).toContain(
      "dateUnknown",
    );
    expect(notices(run([text("besok", { date: { ok: false, reason: "future" } })], atDate.snapshot))).toContain("dateInFuture");
    expect(asked(run([text("gak tau pak", { date: { ok: false, reason: "unknown" }, unknown: true })], atDate.snapshot))).toBe(
      "summary",
    );
    const stale = run([{ type: "STALE" }], atDate.snapshot);
    expect(stale.actions.map((a) => a.type)).toEqual(["say", "askCurrent"]);
    expect(notices(run([{ type: "EMPTY" }], atDate.snapshot))).toContain("empty");
  });

  it("asks whether a new story is the answer to a pending officer question, and does either", () => {
    const pending = { pendingQuestion: "LPR-7K3M9QXA" };
    const answer = run([
      text("Sisi kiri jalan, dekat gerbang", {
        ...pending,
        story: storyOf("Sisi kiri jalan, dekat gerbang", { classification: unsure }),
        newForm: form,
      }),
    ]);
    // Not a report: it is the answer, handed over by the runner.
    expect(answer.actions.find((a) => a.type === "answerOfficer")?.params).toEqual({
      code: "LPR-7K3M9QXA",
      text: "Sisi kiri jalan, dekat gerbang",
    });
    const story = "Sampah di TPS Jalan Kenanga sudah seminggu tidak diangkut, baunya menyengat.";
    const which = run([text(story, { ...pending, story: storyOf(story), newForm: form })]);
    expect(asked(which)).toBe("answerOrNew");
    expect(which.actions.some((a) => a.type === "answerOfficer")).toBe(false);
    const asAnswer = run([choice("answer")], which.snapshot);
    expect(asAnswer.actions.find((a) => a.type === "answerOfficer")?.params).toEqual({ code: "LPR-7K3M9QXA", text: story });
    expect(asked(asAnswer)).toBe("menu");
    const asNew = run([choice("new")], which.snapshot);
    expect(asked(asNew)).toBe("location");
    expect(asNew.snapshot.context.draft.description).toBe(story);
    expect(asNew.snapshot.context.submissionId).toBe("sub-1");
  });
});
