// npm run routing -- import FILE.csv     learn this pemda's split of duties from its routing history
// npm run routing -- stats               examples per agency and source, and the import batches
// npm run routing -- export FILE.csv     every example, in the import's CSV shape
// npm run routing -- remove BATCH        undo one import
// Works on the database of DATABASE_URL / DATA_DIR; a running bot picks the change up within seconds.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { openDatabase } from "../db/database.js";
import type { Transactions } from "../db/transactions.js";
import {
  allExamples,
  deleteBatch,
  exampleCounts,
  importBatches,
  insertNewExamples,
  ROUTING_SOURCE,
} from "../db/routing-examples.js";
import { loadAgencyCatalog, type AgencyCatalog } from "../nlp/agency-catalog.js";
import { runCli } from "./cli-entry.js";
import { loadConfig } from "./config.js";
import { importKey, parseRoutingCsv, toRoutingCsv, type ParsedExample } from "./routing-csv.js";

const USAGE = [
  "Cara pakai:",
  "  npm run routing -- import BERKAS.csv   (kolom text dan agency; pemisah ; atau ,)",
  "  npm run routing -- stats",
  "  npm run routing -- export BERKAS.csv",
  "  npm run routing -- remove BATCH",
].join("\n");

/** One transaction: an import is all or nothing, and a re-import adds nothing twice. */
export async function importExamples(
  transactions: Transactions,
  examples: ParsedExample[],
  batch: string,
  now: Date,
): Promise<{ inserted: number; existing: number }> {
  const rows = examples.map((example) => ({
    key: importKey(example.text, example.agencyCode),
    text: example.text,
    agencyCode: example.agencyCode,
    source: ROUTING_SOURCE.IMPORT,
    batch,
    createdAt: now,
  }));
  const inserted = await transactions.run(({ db }) => insertNewExamples(db, rows));
  return { inserted, existing: examples.length - inserted };
}

async function perAgency(transactions: Transactions, catalog: AgencyCatalog): Promise<string[]> {
  const counts = await transactions.run(({ db }) => exampleCounts(db));
  const byAgency = new Map<string, Map<string, number>>();
  for (const { agencyCode, source, count } of counts) {
    const row = byAgency.get(agencyCode) ?? new Map<string, number>();
    row.set(source, count);
    byAgency.set(agencyCode, row);
  }
  const sources = Object.values(ROUTING_SOURCE);
  const lines = [`  ${"instansi".padEnd(14)} ${"jumlah".padStart(6)}  ${sources.map((s) => s.padStart(8)).join(" ")}`];
  let total = 0;
  for (const agency of catalog.agencies) {
    const row = byAgency.get(agency.code);
    if (!row) continue;
    const sum = [...row.values()].reduce((a, b) => a + b, 0);
    total += sum;
    lines.push(
      `  ${agency.code.padEnd(14)} ${String(sum).padStart(6)}  ${sources.map((s) => String(row.get(s) ?? 0).padStart(8)).join(" ")}`,
    );
  }
  for (const [code, row] of byAgency) {
    if (catalog.byCode(code)) continue;
    const sum = [...row.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${code.padEnd(14)} ${String(sum).padStart(6)}  (tidak ada di katalog: tidak dipakai)`);
  }
  lines.push(`  ${"total".padEnd(14)} ${String(total).padStart(6)}`);
  return lines;
}

async function run(args: string[], transactions: Transactions, catalog: AgencyCatalog): Promise<number> {
  const [command, argument] = args;
  if (command === "import" && argument) {
    let content: Buffer;
    try {
      content = readFileSync(argument);
    } catch (error) {
      console.error(`Berkas ${argument} tidak dapat dibaca: ${(error as Error).message}`);
      return 1;
    }
    const parsed = parseRoutingCsv(content, catalog);
    if (!parsed.ok) {
      console.error(parsed.message);
      return 1;
    }
    const now = new Date();
    const batch = `${path.basename(argument)}@${now.toISOString().replace(/\.\d+Z$/, "Z")}`;
    const { inserted, existing } = await importExamples(transactions, parsed.examples, batch, now);
    console.log(`Diimpor ${inserted} contoh baru dari ${argument} (batch ${batch}).`);
    if (existing > 0) console.log(`${existing} baris sudah ada sebelumnya dan tidak digandakan.`);
    if (parsed.emptyText > 0) console.log(`${parsed.emptyText} baris tanpa teks dilewati.`);
    console.log("Contoh per instansi sekarang:");
    for (const line of await perAgency(transactions, catalog)) console.log(line);
    if (inserted > 0) console.log(`Menghapus impor ini: npm run routing -- remove "${batch}"`);
    return 0;
  }
  if (command === "stats") {
    console.log("Contoh rute per instansi dan sumber:");
    for (const line of await perAgency(transactions, catalog)) console.log(line);
    const batches = await transactions.run(({ db }) => importBatches(db));
    console.log(batches.length > 0 ? "Batch impor:" : "Belum ada batch impor.");
    for (const { batch, count } of batches) console.log(`  ${batch}  ${count} contoh`);
    return 0;
  }
  if (command === "export" && argument) {
    const rows = await transactions.run(({ db }) => allExamples(db));
    writeFileSync(argument, toRoutingCsv(rows));
    console.log(`${rows.length} contoh ditulis ke ${argument}.`);
    return 0;
  }
  if (command === "remove" && argument) {
    const removed = await transactions.run(({ db }) => deleteBatch(db, argument));
    if (removed === 0) {
      console.error(`Batch "${argument}" tidak ditemukan. Lihat daftarnya dengan: npm run routing -- stats`);
      return 1;
    }
    console.log(`${removed} contoh dari batch ${argument} dihapus.`);
    return 0;
  }
  console.error(USAGE);
  return command === "--help" || command === "-h" ? 0 : 2;
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const catalog = loadAgencyCatalog(config.AGENCIES_FILE);
  const database = await openDatabase(config.DATABASE_URL, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
  try {
    return await run(process.argv.slice(2), database.transactions, catalog);
  } finally {
    await database.close();
  }
}

runCli(import.meta.url, main);
