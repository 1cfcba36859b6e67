// Classifier speed: classifications per second on one core, and the start-up cost of loading it.
// Called by app/bench.ts; runnable alone: `npx tsx app/bench-nlp.ts`.
// loadMs is measured in fresh child processes (module import, which reads the stemmer dictionary, plus
// catalog and model loading), because by the time bench.ts gets here the modules are already cached.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface ClassifierBench {
  classificationsPerSecond: number;
  /** Median cold load in a fresh process: imports + catalog + model + indexes, ready to classify. */
  loadMs: number;
  /** Building catalog + classifier again in a warm process (modules already imported). */
  buildMs: number;
  texts: number;
}

async function loadOnce(): Promise<number> {
  const started = performance.now();
  const { loadAgencyCatalog } = await import("../nlp/agency-catalog.js");
  const { createAgencyClassifier } = await import("../nlp/agency-classifier.js");
  createAgencyClassifier(loadAgencyCatalog()).classify("lampu jalan mati");
  return performance.now() - started;
}

function coldLoad(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "app", "bench-nlp.ts"), "--load-once"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = Number(out.trim());
      if (code === 0 && Number.isFinite(ms)) resolve(ms);
      else reject(new Error(`bench-nlp --load-once failed (exit ${code}): ${out}`));
    });
  });
}

export async function benchClassifier(options: { seconds?: number; coldRuns?: number } = {}): Promise<ClassifierBench> {
  const seconds = options.seconds ?? 2;
  const coldRuns = options.coldRuns ?? 5;
  const { loadAgencyCatalog } = await import("../nlp/agency-catalog.js");
  const { createAgencyClassifier } = await import("../nlp/agency-classifier.js");
  const { readLabeledTexts, TRAINING_FILE } = await import("../nlp/classifier-model.js");
  const { readEvalCases } = await import("../nlp/evaluate.js");

  const buildStarted = performance.now();
  const classifier = createAgencyClassifier(loadAgencyCatalog());
  const buildMs = performance.now() - buildStarted;

  const texts = [...readEvalCases(), ...readLabeledTexts(TRAINING_FILE)].map((item) => item.text);
  for (const text of texts) classifier.classify(text); // warm-up: JIT and the stem cache
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (const text of texts) classifier.classify(text);
    count += texts.length;
  }
  const classificationsPerSecond = count / ((performance.now() - started) / 1000);

  const loads: number[] = [];
  for (let i = 0; i < coldRuns; i++) loads.push(await coldLoad());
  loads.sort((a, b) => a - b);
  return {
    classificationsPerSecond: Math.round(classificationsPerSecond),
    loadMs: Math.round(loads[Math.floor(loads.length / 2)] ?? 0),
    buildMs: Math.round(buildMs * 10) / 10,
    texts: texts.length,
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  if (process.argv.includes("--load-once")) {
    console.log((await loadOnce()).toFixed(1));
  } else {
    const result = await benchClassifier();
    console.log(
      `classifications/s   ${result.classificationsPerSecond} (target >= 10000, one core, ${result.texts} distinct texts)`,
    );
    console.log(`load ms (cold)      ${result.loadMs} (target < 300; median of fresh processes)`);
    console.log(`build ms (warm)     ${result.buildMs}`);
    console.log(JSON.stringify(result));
  }
}
