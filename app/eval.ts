// `npm run eval`: accuracy of the agency classifier on labelled complaints, saying what they are.
//   npm run eval                                   the built-in model on nlp/data/eval.jsonl (written by us:
//                                                  a regression test, not evidence of real-world accuracy)
//   npm run eval -- FILE.jsonl|FILE.csv            the built-in model alone on any labelled file
//   npm run eval -- FILE --learn 100               learn from 100 of the file's complaints (its `split`
//                                                  column's "learn" rows when it has one), test on the rest
//   npm run eval -- FILE --curve 0,50,100          the same for several sizes
//   ... --errors                                   also list every miss
// JSONL lines are {"text", "agency", "split"?}; CSV needs `text` and `agency` columns (as the routing
// import: codes, names or aliases). Learned examples of any database are NOT used: figures must be
// reproducible from the file alone.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ignoreClosedPipe } from "./cli-entry.js";
import { parseRoutingCsv } from "./routing-csv.js";
import { loadAgencyCatalog, type AgencyCatalog } from "../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../nlp/agency-classifier.js";
import { loadModel } from "../nlp/classifier-model.js";
import { EVAL_FILE, evaluateClassifier, readEvalCases, type EvalCase, type EvaluationReport } from "../nlp/evaluate.js";
import { learningCurve } from "../nlp/learning-split.js";
import { installProcessGuards } from "./process-guards.js";

installProcessGuards({ entry: "eval" });

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const pad = (text: string, width: number) => text.padEnd(width);

function readCases(file: string, catalog: AgencyCatalog): EvalCase[] {
  if (!file.toLowerCase().endsWith(".csv")) return readEvalCases(file);
  const parsed = parseRoutingCsv(readFileSync(file), catalog);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.examples.map((example) => ({
    text: example.text,
    agency: example.agencyCode,
    ...(example.split ? { split: example.split } : {}),
  }));
}

function printReport(report: EvaluationReport, showErrors: boolean): void {
  console.log(`top-1 accuracy      ${percent(report.top1)}`);
  console.log(`top-3 accuracy      ${percent(report.top3)}`);
  console.log(`to KOORDINATOR      ${percent(report.coordinatorRate)} (below the confidence threshold)`);
  console.log(`routed and right    ${percent(report.routedAccuracy)} (of those routed to an agency)`);
  console.log(`mean confidence     ${percent(report.calibration.meanConfidence)} (calibrated: close to top-1)`);
  for (const band of report.calibration.bands) {
    if (band.total === 0) continue;
    console.log(
      `  confidence ${band.from.toFixed(2)}-${band.to.toFixed(2)}  n=${String(band.total).padStart(3)}  mean ${percent(band.meanConfidence).padStart(7)}  top-1 ${percent(band.top1).padStart(7)}`,
    );
  }
  if (Object.keys(report.byTag).length > 0) {
    console.log("");
    console.log("hard cases          n     top-1    top-3");
    for (const [tag, figures] of Object.entries(report.byTag)) {
      console.log(
        `  ${pad(tag, 16)} ${String(figures.total).padStart(3)}   ${percent(figures.top1).padStart(7)}  ${percent(figures.top3).padStart(7)}`,
      );
    }
  }
  console.log("");
  console.log("agency          n  predicted  precision  recall");
  for (const [code, figures] of Object.entries(report.perAgency)) {
    console.log(
      `  ${pad(code, 12)} ${String(figures.support).padStart(3)}  ${String(figures.predicted).padStart(9)}  ${percent(figures.precision).padStart(9)}  ${percent(figures.recall).padStart(7)}`,
    );
  }
  console.log("");
  console.log("top confusions (labeled -> predicted)");
  for (const { truth, predicted, count } of report.confusions.slice(0, 15)) console.log(`  ${count} x ${truth} -> ${predicted}`);
  if (showErrors) {
    console.log("");
    for (const error of report.errors) console.log(`  ${error.truth} -> ${error.predicted} (${error.confidence}): ${error.text}`);
  }
}

ignoreClosedPipe();

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { learn: { type: "string" }, curve: { type: "string" }, errors: { type: "boolean", default: false } },
});
const file = positionals[0] ?? EVAL_FILE;
const threshold = process.env.CLASSIFIER_THRESHOLD ? Number(process.env.CLASSIFIER_THRESHOLD) : undefined;
const catalog = loadAgencyCatalog(process.env.AGENCIES_FILE?.trim() || undefined);
const model = loadModel().model;
const cases = readCases(file, catalog);
const options = threshold !== undefined && Number.isFinite(threshold) ? { threshold } : {};
const what =
  file === EVAL_FILE
    ? "written by this project (a regression test, NOT evidence of accuracy on real complaints)"
    : "labelled file given on the command line";
const sizes = values.curve
  ? values.curve.split(",").map(Number)
  : values.learn !== undefined
    ? [Number(values.learn)]
    : undefined;

if (!sizes) {
  console.log(`Evaluation set: ${file} (${cases.length} complaints; ${what})`);
  console.log("Model: built-in only (no learned examples)");
  printReport(evaluateClassifier(createAgencyClassifier(catalog, { model, ...options }), cases), values.errors);
} else {
  if (sizes.some((size) => !Number.isInteger(size) || size < 0)) throw new Error("--learn/--curve: whole numbers >= 0");
  const hasSplit = cases.some((item) => item.split === "learn");
  const pool = hasSplit ? cases.filter((item) => item.split === "learn") : cases;
  const test = hasSplit ? cases.filter((item) => item.split === "test") : undefined;
  console.log(`Evaluation set: ${file} (${cases.length} complaints; ${what})`);
  console.log(
    hasSplit
      ? `Learning split: learn from the first n of its ${pool.length} "learn" rows (round-robin over agencies), test on its ${test?.length ?? 0} "test" rows`
      : "Learning split: learn from the first n complaints (round-robin over agencies), test on all the others",
  );
  const curve = learningCurve(catalog, model, pool, sizes, { ...(test ? { test } : {}), ...options });
  console.log("learned   tested   top-1    top-3   to KOORDINATOR");
  for (const point of curve) {
    console.log(
      `${String(point.learned).padStart(7)}  ${String(point.report.total).padStart(7)}  ${percent(point.report.top1).padStart(7)}  ${percent(point.report.top3).padStart(7)}  ${percent(point.report.coordinatorRate).padStart(7)}`,
    );
  }
  const last = curve.at(-1);
  if (last) {
    console.log("");
    console.log(`Details with ${last.learned} learned examples:`);
    printReport(last.report, values.errors);
  }
}
