// Learned routing examples on top of the built-in model: what nobody taught stays built-in, what a
// pemda taught wins as examples accumulate, and the learning curve on a written city split.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRoutingCsv } from "../../app/routing-csv.js";
import { loadAgencyCatalog } from "../../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../../nlp/agency-classifier.js";
import { loadModel } from "../../nlp/classifier-model.js";
import { createLearnedModel } from "../../nlp/learned-examples.js";
import { learningCurve, pickRoundRobin } from "../../nlp/learning-split.js";
import { extractFeatures } from "../../nlp/text-features.js";
import { TREE_COMPLAINTS } from "../support/routing-examples.js";

const catalog = loadAgencyCatalog();
const model = loadModel().model;
const codes = catalog.agencies.map((agency) => agency.code);
const classifierWith = (examples: { text: string; agency: string }[]) => {
  const learned = createLearnedModel(codes, model.counts);
  learned.add(examples);
  return createAgencyClassifier(catalog, { model, learned });
};

describe("learned routing examples", () => {
  it("an agency nobody taught gets no learned evidence at all", () => {
    const learned = createLearnedModel(codes, model.counts);
    learned.add(TREE_COMPLAINTS.map((text) => ({ text, agency: "DLH" })));
    const evidence = new Float64Array(codes.length);
    const known = learned.addEvidence(extractFeatures("pohon tumbang di depan sekolah").features, evidence);
    expect(known).toBeGreaterThan(0);
    codes.forEach((code, i) => {
      if (code === "DLH") expect(evidence[i]).toBeGreaterThan(0);
      else expect(evidence[i]).toBe(0);
    });
  });

  it("what a pemda taught outweighs the built-in prior, and the rest still answers as before", () => {
    const text = "pohon besar depan sekolah mau tumbang, mohon ditebang";
    expect(classifierWith([]).classify(text).agency).toBe("DISPERKIM");
    const taught = classifierWith(TREE_COMPLAINTS.map((example) => ({ text: example, agency: "DLH" })));
    expect(taught.classify(text).agency).toBe("DLH");
    expect(taught.classify("air pdam tidak mengalir tiga hari").agency).toBe("PDAM");
    expect(taught.classify("ktp el saya belum jadi 6 bulan").agency).toBe("DISDUKCAPIL");
  });

  it("more examples move the answer further: one is not enough against a confident prior, a few are", () => {
    const text = "lampu jalan di gang mawar mati sudah seminggu";
    const confidence = (n: number) => {
      const examples = Array.from({ length: n }, (_, i) => ({ text: `lampu pju jalan ${i + 1} mati gelap`, agency: "DISHUB" }));
      const result = classifierWith(examples).classify(text);
      return result.top.find((score) => score.agency === "DISHUB")?.score ?? 0;
    };
    const curve = [0, 1, 3, 10].map(confidence);
    expect(curve[0]).toBeLessThan(0.05);
    expect(curve[1]).toBeLessThan(0.5);
    expect(curve[2]).toBeGreaterThan(0.5);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThan(curve[i - 1] as number);
    expect(curve[3]).toBeGreaterThan(0.85);
  });

  it("picks learning examples round-robin over agencies, in file order", () => {
    const pool = ["A", "A", "A", "B", "C", "C"].map((agency, i) => ({ agency, text: String(i) }));
    expect(pickRoundRobin(pool, 4).map((item) => item.text)).toEqual(["0", "3", "4", "1"]);
    expect(pickRoundRobin(pool, 10)).toHaveLength(6);
  });
});

// Our own written complaints of a fictional city whose split of duties differs from the catalog
// (street lights at Dishub, trees and parks at DLH, unlicensed buildings and noisy cafés at Satpol PP,
// house repair at Dinsos). A regression test of learning, not evidence of accuracy on real data.
// The thresholds are the ones nlp/README.md states.
describe("learning curve on a written city split (Kota Sukamaju, 105 to learn from, 70 to test)", () => {
  const parsed = parseRoutingCsv(readFileSync(path.join(import.meta.dirname, "fixtures", "kota-sukamaju.csv")), catalog);
  if (!parsed.ok) throw new Error(parsed.message);
  const cases = parsed.examples.map((example) => ({ text: example.text, agency: example.agencyCode, split: example.split }));
  const pool = cases.filter((item) => item.split === "learn");
  const test = cases.filter((item) => item.split === "test");

  it("rises with 0, 50 and 100 learned examples", () => {
    expect(pool).toHaveLength(105);
    expect(test).toHaveLength(70);
    const [none, fifty, hundred] = learningCurve(catalog, model, pool, [0, 50, 100], { test });
    expect(none?.report.top1).toBeGreaterThanOrEqual(0.7);
    expect(fifty?.report.top1).toBeGreaterThanOrEqual(0.85);
    expect(hundred?.report.top1).toBeGreaterThanOrEqual(0.88);
    expect(hundred?.report.top3).toBeGreaterThanOrEqual(0.95);
    expect(fifty?.report.top1).toBeGreaterThan(none?.report.top1 as number);
    expect(hundred?.report.top1).toBeGreaterThanOrEqual(fifty?.report.top1 as number);
  });
});
