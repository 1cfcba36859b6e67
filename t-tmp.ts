import { loadAgencyCatalog } from "./nlp/agency-catalog.js";
import { readLabeledTexts, TRAINING_FILE } from "./nlp/classifier-model.js";
import { crossValidatedErrors } from "./nlp/fit-model.js";
const errs = crossValidatedErrors(readLabeledTexts(TRAINING_FILE), loadAgencyCatalog(), { alpha: 0.3, keywordWeight: 1.5, lengthPower: 1, temperature: 0.83 });
for (const e of errs) console.log(`${e.truth} -> ${e.predicted} ${e.confidence.toFixed(2)} | ${e.text}`);
console.log(errs.length);
