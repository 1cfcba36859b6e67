// Our reusable-scope transition must be indistinguishable from xstate's own transition(), on any
// sequence of citizen events, including the actions it hands to the runner.
import fc from "fast-check";
import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import type { DateParse } from "../../nlp/indonesian-dates.js";
import type { DialogEvent } from "../../dialogs/complaint-context.js";
import { complaintMachine } from "../../dialogs/complaint-dialog.js";
import { pureTransition } from "../../dialogs/pure-transition.js";
import { CONFIDENT_ROAD, storyOf } from "../support/classifications.js";

const classification = CONFIDENT_ROAD;
const newForm = { submissionId: "sub-1", trackingCode: "LPR-ABCDEFGH" };

const event: fc.Arbitrary<DialogEvent> = fc.oneof(
  fc.constant<DialogEvent>({ type: "START" }),
  fc.constant<DialogEvent>({ type: "REPORT", ...newForm }),
  fc.constantFrom<DialogEvent>(
    { type: "CANCEL", from: "summary" },
    { type: "SKIP" },
    { type: "HELP" },
    { type: "STALE" },
    { type: "EMPTY" },
  ),
  fc
    .constantFrom(
      "1",
      "benar",
      "lain",
      "tidak_tahu",
      "lewati",
      "kirim",
      "ubah",
      "batal",
      "description",
      "photo",
      "hapus",
      "ya",
      "tidak",
      "DPUPR",
    )
    .map<DialogEvent>((value) => ({ type: "CHOICE", value })),
  fc
    .constantFrom("Jalan di depan pasar berlubang besar sejak seminggu, motor jatuh.", "rusak", "Jl. Merdeka No. 5", "lapor")
    .chain((text) =>
      fc
        .constantFrom<DateParse>(
          { ok: true, date: "2026-11-20" },
          { ok: false, reason: "future" },
          { ok: false, reason: "unknown" },
        )
        .map<DialogEvent>((date) => ({ type: "TEXT", text, story: storyOf(text, { classification }), newForm, date })),
    ),
  fc.constant<DialogEvent>({ type: "LOCATION", latitude: -6.9, longitude: 107.6 }),
  fc.nat(99).map<DialogEvent>((n) => ({ type: "PHOTO", attachmentId: `photo-${n}` })),
  fc.constant<DialogEvent>({ type: "UNSUPPORTED", kind: "sticker" }),
);

describe("pureTransition", () => {
  it("gives the same snapshots and actions as xstate's transition()", () => {
    const ours = pureTransition(complaintMachine);
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), (events) => {
        let expected = initialTransition(complaintMachine)[0];
        let actual = expected;
        for (const next of events) {
          const [expectedNext, expectedActions] = transition(complaintMachine, expected, next);
          const [actualNext, actualActions] = ours(actual, next);
          expect(actualNext.value).toEqual(expectedNext.value);
          expect(actualNext.context).toEqual(expectedNext.context);
          expect(actualNext.status).toBe(expectedNext.status);
          const shape = (actions: readonly { type: string; params?: unknown }[]) => actions.map((a) => [a.type, a.params]);
          expect(shape(actualActions)).toEqual(shape(expectedActions));
          expected = expectedNext;
          actual = actualNext;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not carry actions over from one call to the next", () => {
    const ours = pureTransition(complaintMachine);
    const start = initialTransition(complaintMachine)[0];
    const firstCount = ours(start, { type: "HELP" })[1].length;
    const [, second] = ours(start, { type: "HELP" });
    expect(firstCount).toBeGreaterThan(0);
    expect(second).toHaveLength(firstCount);
  });
});
