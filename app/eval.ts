// `npm run eval`: accuracy of the agency classifier on the held-out set nlp/data/eval.jsonl (written
// apart from the training corpus and never used to train). `-- --errors` also lists every miss.
import { loadAgencyCatalog } from "../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../nlp/agency-classifier.js";
import { EVAL_FILE, evaluateClassifier, readEvalCases } from "../nlp/evaluate.js";
import { installProcessGuards } from "./process-guards.js";

installProcessGuards({ entry: "eval" });

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const pad = (text: string, width: number) => text.padEnd(width);

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--")) ?? EVAL_FILE;
const threshold = process.env.CLASSIFIER_THRESHOLD ? Number(process.env.CLASSIFIER_THRESHOLD) : undefined;
const classifier = createAgencyClassifier(loadAgencyCatalog(process.env.AGENCIES_FILE?.trim() || undefined), {
  ...(threshold !== undefined && Number.isFinite(threshold) ? { threshold } : {}),
});
const report = evaluateClassifier(classifier, readEvalCases(file));

console.log(`Evaluation set: ${file} (${report.total} complaints)`);
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
console.log("");
console.log("hard cases          n     top-1    top-3");
for (const [tag, figures] of Object.entries(report.byTag)) {
  console.log(
    `  ${pad(tag, 16)} ${String(figures.total).padStart(3)}   ${percent(figures.top1).padStart(7)}  ${percent(figures.top3).padStart(7)}`,
  );
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
if (args.includes("--errors")) {
  console.log("");
  for (const error of report.errors) console.log(`  ${error.truth} -> ${error.predicted} (${error.confidence}): ${error.text}`);
}
