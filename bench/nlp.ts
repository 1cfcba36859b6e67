// Classifier speed: classifications per second on one core, and the start-up cost of loading it.
// Called by bench/run.ts; runnable alone: `npx tsx bench/nlp.ts`.
// loadMs is measured in fresh child processes (module import, which reads the stemmer dictionary, plus
// catalog and model loading), because by the time bench.ts gets here the modules are already cached.
import { spawn } from "node:child_process";
import path from "node:path";
import { isEntryPoint } from "../app/cli-entry.js";

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
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "bench", "nlp.ts"), "--load-once"], {
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

export interface LearnedBench {
  examples: number;
  /** Classifications per second on one core with `examples` learned examples. */
  classificationsPerSecond: number;
  /** Building the learned model from the examples (what a full refresh costs the bot). */
  learnMs: number;
  /** `npm run routing -- import` of a CSV with `examples` rows into a fresh database, wall clock. */
  importCliMs: number;
  /** Parsing and importing the same CSV in-process (one transaction), without process start-up. */
  importMs: number;
}

/**
 * 10,000 distinct examples made from the corpus and evaluation texts (each with a running number, so
 * none is a duplicate), labelled with their own agency: the size of a few years of one city's history.
 */
function learnedExamples(texts: { text: string; agency: string }[], count: number) {
  return Array.from({ length: count }, (_, i) => {
    const base = texts[i % texts.length] as { text: string; agency: string };
    return { text: `${base.text} (laporan ${i + 1})`, agency: base.agency };
  });
}

export async function benchLearned(options: { examples?: number; seconds?: number } = {}): Promise<LearnedBench> {
  const size = options.examples ?? 10_000;
  const seconds = options.seconds ?? 2;
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { loadAgencyCatalog } = await import("../nlp/agency-catalog.js");
  const { createAgencyClassifier } = await import("../nlp/agency-classifier.js");
  const { loadModel, readLabeledTexts, TRAINING_FILE } = await import("../nlp/classifier-model.js");
  const { readEvalCases } = await import("../nlp/evaluate.js");
  const { createLearnedModel } = await import("../nlp/learned-examples.js");
  const { openDatabase } = await import("../db/database.js");
  const { parseRoutingCsv } = await import("../app/routing-csv.js");
  const { importExamples } = await import("../app/routing.js");

  const catalog = loadAgencyCatalog();
  const model = loadModel().model;
  const corpus = [...readEvalCases(), ...readLabeledTexts(TRAINING_FILE)];
  const examples = learnedExamples(corpus, size);
  const learnStarted = performance.now();
  const learned = createLearnedModel(
    catalog.agencies.map((agency) => agency.code),
    model.counts,
  );
  learned.add(examples);
  const learnMs = performance.now() - learnStarted;
  const classifier = createAgencyClassifier(catalog, { model, learned });
  const texts = corpus.map((item) => item.text);
  for (const text of texts) classifier.classify(text);
  let count = 0;
  const started = performance.now();
  while (performance.now() < started + seconds * 1000) {
    for (const text of texts) classifier.classify(text);
    count += texts.length;
  }
  const classificationsPerSecond = count / ((performance.now() - started) / 1000);

  const dir = mkdtempSync(path.join(tmpdir(), "lapor-bench-routing-"));
  try {
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    const csv = path.join(dir, "riwayat.csv");
    writeFileSync(csv, ["text;agency", ...examples.map((e) => `${quote(e.text)};${e.agency}`)].join("\n"));
    const cliStarted = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "app", "routing.ts"), "import", csv], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: path.join(dir, "cli"), DATABASE_URL: "", AGENCIES_FILE: "" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`routing import exited ${code}`))));
    });
    const importCliMs = performance.now() - cliStarted;

    const database = await openDatabase(`file:${path.join(dir, "direct", "lapor.db")}`);
    let importMs: number;
    try {
      const importStarted = performance.now();
      const parsed = parseRoutingCsv((await import("node:fs")).readFileSync(csv), catalog);
      if (!parsed.ok) throw new Error(parsed.message);
      const { inserted } = await importExamples(database.transactions, parsed.examples, "bench", new Date());
      importMs = performance.now() - importStarted;
      if (inserted !== size) throw new Error(`bench import stored ${inserted} of ${size}`);
    } finally {
      await database.close();
    }
    return {
      examples: size,
      classificationsPerSecond: Math.round(classificationsPerSecond),
      learnMs: Math.round(learnMs),
      importCliMs: Math.round(importCliMs),
      importMs: Math.round(importMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

if (isEntryPoint(import.meta.url)) {
  if (process.argv.includes("--load-once")) {
    console.log((await loadOnce()).toFixed(1));
  } else {
    const result = await benchClassifier();
    console.log(
      `classifications/s   ${result.classificationsPerSecond} (target >= 10000, one core, ${result.texts} distinct texts)`,
    );
    console.log(`load ms (cold)      ${result.loadMs} (target < 300; median of fresh processes)`);
    console.log(`build ms (warm)     ${result.buildMs}`);
    const learned = await benchLearned();
    console.log(
      `classifications/s   ${learned.classificationsPerSecond} with ${learned.examples} learned examples (target >= 10000)`,
    );
    console.log(`learn ms            ${learned.learnMs} (building the learned model from ${learned.examples} examples)`);
    console.log(
      `import ms           ${learned.importCliMs} (npm run routing -- import, ${learned.examples} rows, whole process; target < 10000)`,
    );
    console.log(`import ms in-proc   ${learned.importMs} (parse + one transaction)`);
    console.log(JSON.stringify({ ...result, learned }));
  }
}
