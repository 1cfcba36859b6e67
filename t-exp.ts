import { loadAgencyCatalog } from "./nlp/agency-catalog.js";
import { readLabeledTexts, TRAINING_FILE } from "./nlp/classifier-model.js";
import { crossValidatedErrors } from "./nlp/fit-model.js";
const ex = readLabeledTexts(TRAINING_FILE); const cat = loadAgencyCatalog();
for (const kw of [0, 0.5, 1, 1.5, 2, 3, 100]) for (const lp of [0.5, 1]) for (const alpha of [0.1, 0.3, 1]) {
  const e = crossValidatedErrors(ex, cat, { alpha, keywordWeight: kw, lengthPower: lp, temperature: 1 });
  console.log(kw, lp, alpha, (1 - e.length / ex.length).toFixed(3));
}
