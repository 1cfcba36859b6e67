import { describe, expect, it } from "vitest";
import { COORDINATOR_CODE, type AgencyClassifier, type Classification } from "../../nlp/classification.js";
import { evaluateClassifier } from "../../nlp/evaluate.js";

// A fixed answer table stands in for a model, so the arithmetic of the report can be checked by hand.
function tableClassifier(answers: Record<string, { top: string[]; agency?: string; confidence?: number }>): AgencyClassifier {
  return {
    classify(text): Classification {
      const answer = answers[text];
      if (!answer) throw new Error(`no answer for ${text}`);
      const confidence = answer.confidence ?? 0.9;
      return {
        agency: answer.agency ?? answer.top[0] ?? COORDINATOR_CODE,
        confidence,
        top: answer.top.map((agency, i) => ({ agency, score: i === 0 ? confidence : 0.01 })),
        type: "pengaduan",
        urgent: false,
        keywords: [],
      };
    },
  };
}

describe("evaluateClassifier", () => {
  const classifier = tableClassifier({
    a: { top: ["DPUPR", "DISPERKIM", "DLH"] },
    b: { top: ["DISPERKIM", "DPUPR", "DLH"] },
    c: { top: ["DPUPR", "DISHUB", "DLH"] },
    d: { top: ["PDAM", "PLN", "DLH"], agency: COORDINATOR_CODE, confidence: 0.3 },
    e: { top: ["PLN", "DPUPR", "DLH"] },
  });
  const report = evaluateClassifier(classifier, [
    { text: "a", agency: "DPUPR", tags: ["short"] },
    { text: "b", agency: "DPUPR", tags: ["short", "two"] },
    { text: "c", agency: "DISHUB" },
    { text: "d", agency: "PDAM" },
    { text: "e", agency: "KEMENAG" },
  ]);

  it("counts top-1, top-3 and coordinator deferrals", () => {
    expect(report.total).toBe(5);
    expect(report.top1).toBe(0.4); // a, d
    expect(report.top3).toBe(0.8); // a, b, c, d
    expect(report.coordinatorRate).toBe(0.2);
    expect(report.routedAccuracy).toBe(0.25); // of a, b, c, e only a
  });

  it("computes per-agency precision and recall from the best-ranked agency", () => {
    expect(report.perAgency.DPUPR).toEqual({ support: 2, predicted: 2, precision: 0.5, recall: 0.5 });
    expect(report.perAgency.DISHUB).toEqual({ support: 1, predicted: 0, precision: 0, recall: 0 });
    expect(report.perAgency.PLN).toEqual({ support: 0, predicted: 1, precision: 0, recall: 0 });
  });

  it("lists confusion pairs, most frequent first, and accuracy per tag", () => {
    expect(report.confusions).toEqual([
      { truth: "DISHUB", predicted: "DPUPR", count: 1 },
      { truth: "DPUPR", predicted: "DISPERKIM", count: 1 },
      { truth: "KEMENAG", predicted: "PLN", count: 1 },
    ]);
    expect(report.byTag.short).toEqual({ total: 2, top1: 0.5, top3: 1 });
    expect(report.byTag.two).toEqual({ total: 1, top1: 0, top3: 1 });
    expect(report.errors.map((error) => error.text)).toEqual(["b", "c", "e"]);
  });

  it("sets mean confidence beside the real hit rate, per confidence band", () => {
    expect(report.calibration.meanConfidence).toBe(0.78);
    const used = report.calibration.bands.filter((band) => band.total > 0);
    expect(used).toEqual([
      { from: 0, to: 0.45, total: 1, meanConfidence: 0.3, top1: 1 },
      { from: 0.9, to: 1, total: 4, meanConfidence: 0.9, top1: 0.25 },
    ]);
  });
});
