// Accuracy of a classifier on labeled complaints: top-1/top-3 over the ranked agencies, how often it
// defers to the coordinator, per-agency precision/recall, the most frequent confusions, and accuracy
// per hard-case tag (short, slang, long, two problems in one message).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COORDINATOR_CODE, type AgencyClassifier } from "./classification.js";

export interface EvalCase {
  text: string;
  agency: string;
  tags?: string[];
  /** "learn" or "test" in a file prepared for a learning split (npm run eval -- FILE --learn N). */
  split?: string;
}

export interface AgencyFigures {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
}

export interface EvaluationReport {
  total: number;
  /** The best-ranked agency is the labeled one. */
  top1: number;
  /** The labeled agency is among the three suggestions. */
  top3: number;
  /** Share of complaints sent to KOORDINATOR because confidence was below the threshold. */
  coordinatorRate: number;
  /** Of the complaints routed to an agency (not the coordinator), the share routed right. */
  routedAccuracy: number;
  perAgency: Record<string, AgencyFigures>;
  confusions: { truth: string; predicted: string; count: number }[];
  byTag: Record<string, { total: number; top1: number; top3: number }>;
  /** Mean confidence next to the real top-1 rate, overall and per confidence band: calibrated means close. */
  calibration: {
    meanConfidence: number;
    bands: { from: number; to: number; total: number; meanConfidence: number; top1: number }[];
  };
  errors: { text: string; truth: string; predicted: string; confidence: number }[];
}

export const EVAL_FILE = fileURLToPath(new URL("./data/eval.jsonl", import.meta.url));

export function readEvalCases(file: string = EVAL_FILE): EvalCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("#"))
    .map((line, i) => {
      const parsed = JSON.parse(line) as Partial<EvalCase>;
      if (typeof parsed.text !== "string" || typeof parsed.agency !== "string") {
        throw new Error(`${file}: case ${i + 1} needs "text" and "agency"`);
      }
      return {
        text: parsed.text,
        agency: parsed.agency,
        ...(parsed.tags ? { tags: parsed.tags } : {}),
        ...(typeof parsed.split === "string" ? { split: parsed.split.toLowerCase() } : {}),
      };
    });
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

export function evaluateClassifier(classifier: AgencyClassifier, cases: EvalCase[]): EvaluationReport {
  let top1 = 0;
  let top3 = 0;
  let coordinator = 0;
  let routedRight = 0;
  const support = new Map<string, number>();
  const predicted = new Map<string, number>();
  const correct = new Map<string, number>();
  const confusions = new Map<string, number>();
  const tags = new Map<string, { total: number; top1: number; top3: number }>();
  const errors: EvaluationReport["errors"] = [];
  const edges = [0, 0.45, 0.7, 0.9, 1.0001];
  const bands = edges
    .slice(0, -1)
    .map((from, i) => ({ from, to: Math.min(1, edges[i + 1] as number), total: 0, confidence: 0, hits: 0 }));
  let confidenceSum = 0;
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  for (const item of cases) {
    const result = classifier.classify(item.text);
    const best = result.top[0]?.agency ?? COORDINATOR_CODE;
    const hit1 = best === item.agency;
    const hit3 = result.top.some((score) => score.agency === item.agency);
    if (hit1) top1++;
    if (hit3) top3++;
    confidenceSum += result.confidence;
    const band = bands.find((b, i) => result.confidence < (edges[i + 1] as number)) ?? bands[bands.length - 1];
    if (band) {
      band.total++;
      band.confidence += result.confidence;
      if (hit1) band.hits++;
    }
    if (result.agency === COORDINATOR_CODE) coordinator++;
    else if (result.agency === item.agency) routedRight++;
    bump(support, item.agency);
    bump(predicted, best);
    if (hit1) bump(correct, item.agency);
    else {
      bump(confusions, `${item.agency}\u0000${best}`);
      errors.push({ text: item.text, truth: item.agency, predicted: best, confidence: result.confidence });
    }
    for (const tag of item.tags ?? []) {
      const entry = tags.get(tag) ?? { total: 0, top1: 0, top3: 0 };
      entry.total++;
      if (hit1) entry.top1++;
      if (hit3) entry.top3++;
      tags.set(tag, entry);
    }
  }

  const perAgency: Record<string, AgencyFigures> = {};
  for (const code of [...new Set([...support.keys(), ...predicted.keys()])].sort()) {
    const hits = correct.get(code) ?? 0;
    perAgency[code] = {
      support: support.get(code) ?? 0,
      predicted: predicted.get(code) ?? 0,
      precision: ratio(hits, predicted.get(code) ?? 0),
      recall: ratio(hits, support.get(code) ?? 0),
    };
  }
  const byTag: EvaluationReport["byTag"] = {};
  for (const [tag, entry] of tags)
    byTag[tag] = { total: entry.total, top1: ratio(entry.top1, entry.total), top3: ratio(entry.top3, entry.total) };

  return {
    total: cases.length,
    top1: ratio(top1, cases.length),
    top3: ratio(top3, cases.length),
    coordinatorRate: ratio(coordinator, cases.length),
    routedAccuracy: ratio(routedRight, cases.length - coordinator),
    perAgency,
    confusions: [...confusions.entries()]
      .map(([key, count]) => {
        const [truth = "", predictedCode = ""] = key.split("\u0000");
        return { truth, predicted: predictedCode, count };
      })
      .sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth)),
    byTag,
    calibration: {
      meanConfidence: ratio(confidenceSum, cases.length),
      bands: bands.map((b) => ({
        from: b.from,
        to: b.to,
        total: b.total,
        meanConfidence: ratio(b.confidence, b.total),
        top1: ratio(b.hits, b.total),
      })),
    },
    errors,
  };
}
