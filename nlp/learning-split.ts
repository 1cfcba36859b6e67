// Measuring learning the way a pemda would experience it: learn from n of its own labelled complaints,
// classify its other complaints. The n examples are picked in file order, round-robin over agencies,
// so 100 examples of 7 agencies are about 14 each, as an import of recent history would be.
import type { AgencyCatalog } from "./agency-catalog.js";
import { createAgencyClassifier } from "./agency-classifier.js";
import type { SerializedModel } from "./classifier-model.js";
import { evaluateClassifier, type EvalCase, type EvaluationReport } from "./evaluate.js";
import { createLearnedModel, LEARNED_PARAMS, type LearnedParams } from "./learned-examples.js";

/** The first `n` cases in file order, taking one agency after another. */
export function pickRoundRobin<T extends { agency: string }>(pool: T[], n: number): T[] {
  const queues = new Map<string, T[]>();
  for (const item of pool) {
    const queue = queues.get(item.agency) ?? [];
    queue.push(item);
    queues.set(item.agency, queue);
  }
  const picked: T[] = [];
  while (picked.length < n && [...queues.values()].some((queue) => queue.length > 0)) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next && picked.length < n) picked.push(next);
    }
  }
  return picked;
}

export interface LearningPoint {
  learned: number;
  report: EvaluationReport;
}

/**
 * For each size: learn from that many cases of `pool`, evaluate on `test`; when `test` is undefined,
 * on the pool cases not learned (so each size is measured on a different remainder).
 */
export function learningCurve(
  catalog: AgencyCatalog,
  model: SerializedModel,
  pool: EvalCase[],
  sizes: number[],
  options: { test?: EvalCase[]; threshold?: number; params?: LearnedParams } = {},
): LearningPoint[] {
  const codes = catalog.agencies.map((agency) => agency.code);
  return sizes.map((size) => {
    const learnedCases = pickRoundRobin(pool, size);
    const chosen = new Set(learnedCases);
    const test = options.test ?? pool.filter((item) => !chosen.has(item));
    const learned = createLearnedModel(codes, model.counts, options.params ?? LEARNED_PARAMS);
    learned.add(learnedCases);
    const classifier = createAgencyClassifier(catalog, {
      model,
      learned,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
    return { learned: learned.size, report: evaluateClassifier(classifier, test) };
  });
}
