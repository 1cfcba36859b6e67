import { countTrainingFeatures, readLabeledTexts, TRAINING_FILE } from "/work/main/nlp/classifier-model.js";
const t0 = performance.now(); countTrainingFeatures(readLabeledTexts(TRAINING_FILE)); console.log("retrain ms", (performance.now() - t0).toFixed(0));
