// npm run classify -- "teks aduan"          readable suggestion for one complaint
// npm run -s classify -- --jsonl < file     one complaint per input line, one JSON object per output line
// Uses AGENCIES_FILE, CLASSIFIER_THRESHOLD and REGION_CODE from the environment (.env included).
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { config as loadDotenv } from "dotenv";
import { loadAgencyCatalog, type AgencyCatalog } from "../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../nlp/agency-classifier.js";
import { COORDINATOR_CODE, type AgencyClassifier, type Classification } from "../nlp/classification.js";
import { createRegionMatcher, type RegionMatcher } from "../nlp/region-hints.js";
import { loadConfig } from "./config.js";
import { installProcessGuards } from "./process-guards.js";

const USAGE = [
  "Cara pakai:",
  '  npm run classify -- "jalan depan SD berlubang besar"',
  "  npm run -s classify -- --jsonl < aduan.txt     (satu aduan per baris, satu JSON per baris)",
].join("\n");

const TYPE_LABEL: Record<Classification["type"], string> = {
  pengaduan: "pengaduan",
  aspirasi: "aspirasi",
  permintaan_informasi: "permintaan informasi",
};

const percent = (value: number) => `${Math.round(value * 100)} %`;

/** The same fields, in the same order, as the example line. */
export function toJsonLine(result: Classification): string {
  const { agency, confidence, top, type, urgent, keywords } = result;
  return JSON.stringify({ agency, confidence, top, type, urgent, keywords });
}

export function describe(result: Classification, catalog: AgencyCatalog, regionLabels: string[]): string[] {
  const name = (code: string) => catalog.byCode(code)?.name ?? code;
  const lines: string[] = [];
  if (result.agency === COORDINATOR_CODE) {
    lines.push(`Saran instansi: KOORDINATOR (belum cukup yakin, keyakinan tertinggi ${percent(result.confidence)})`);
  } else {
    lines.push(`Saran instansi: ${result.agency} - ${name(result.agency)} (keyakinan ${percent(result.confidence)})`);
  }
  lines.push("Tiga teratas:");
  result.top.forEach((score, i) => lines.push(`  ${i + 1}. ${score.agency} - ${name(score.agency)}: ${percent(score.score)}`));
  lines.push(`Jenis laporan: ${TYPE_LABEL[result.type]}`);
  lines.push(`Mendesak: ${result.urgent ? "ya" : "tidak"}`);
  lines.push(`Kata penentu: ${result.keywords.length > 0 ? result.keywords.join(", ") : "-"}`);
  if (regionLabels.length > 0) lines.push(`Petunjuk lokasi: ${regionLabels.join("; ")}`);
  return lines;
}

async function classifyLines(classifier: AgencyClassifier): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    // Respect back-pressure so a large file piped in does not buffer all output in memory.
    if (!process.stdout.write(`${toJsonLine(classifier.classify(line))}\n`)) {
      await new Promise((resolve) => process.stdout.once("drain", resolve));
    }
  }
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  const jsonl = args.includes("--jsonl");
  const text = args
    .filter((arg) => arg !== "--jsonl")
    .join(" ")
    .trim();
  if (args.includes("--help") || args.includes("-h") || (!jsonl && text === "")) {
    console.error(USAGE);
    return args.includes("--help") || args.includes("-h") ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const catalog = loadAgencyCatalog(config.AGENCIES_FILE);
  const classifier = createAgencyClassifier(catalog, { threshold: config.CLASSIFIER_THRESHOLD });
  if (jsonl) {
    await classifyLines(classifier);
    return 0;
  }
  const regions: RegionMatcher = createRegionMatcher(config.REGION_CODE);
  const labels = regions.find(text).map((hint) => hint.label);
  for (const line of describe(classifier.classify(text), catalog, labels)) console.log(line);
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  // A closed pipe (`... | head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  installProcessGuards({ entry: "classify" });
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
