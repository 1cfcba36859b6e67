// Rebuilds nlp/data/model.json from nlp/data/training.jsonl: fits the scoring parameters by
// cross-validation on the training corpus and stores the naive Bayes counts. Run after editing the
// corpus, slang or stopwords: `npx tsx app/train-classifier.ts`.
import { writeFileSync } from "node:fs";
import { loadAgencyCatalog } from "../nlp/agency-catalog.js";
import { MODEL_FILE, readLabeledTexts, TRAINING_FILE } from "../nlp/classifier-model.js";
import { fitModel } from "../nlp/fit-model.js";
import { installProcessGuards } from "./process-guards.js";

installProcessGuards({ entry: "train" });

const started = performance.now();
const examples = readLabeledTexts(TRAINING_FILE);
// The default catalog, not AGENCIES_FILE: the committed model must not depend on one deployment.
const model = fitModel(examples, loadAgencyCatalog(), 5, (line) => console.log(line));
writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
console.log(`${examples.length} examples -> ${MODEL_FILE} in ${Math.round(performance.now() - started)} ms`);
