// npm run report -- --from 2026-01-01 --to 2026-03-31 [--agency DPUPR] [--out laporan/]
// Writes the monev files of complaints filed in that period (local dates, both inclusive): the
// complaints CSV, the per-agency figures CSV and the follow-up chart PNG; prints their paths and a
// short summary. The figures describe the complaints as they stand now.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { loadMonevComplaints } from "../complaints/monev-figures.js";
import { monevReport } from "../complaints/monev-files.js";
import { periodFromDates } from "../complaints/monev-period.js";
import { agencyLabel, agencyLines, formatPeriod, totalsLines } from "../complaints/monev-text.js";
import { normalizeAgencyCode } from "../complaints/staff-directory.js";
import { openDatabase } from "../db/database.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { ConfigError, loadConfig } from "./config.js";
import { agencyLookup } from "./staff.js";
import { slaPolicy } from "./sla-policy.js";
import { installProcessGuards } from "./process-guards.js";

const USAGE = [
  "Cara pakai:",
  "  npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--agency KODE] [--out folder]",
  "Contoh:",
  "  npm run report -- --from 2026-01-01 --to 2026-03-31 --agency DPUPR --out laporan/",
].join("\n");

/** A mistake of the person running the command: printed without a stack trace, exit code 2. */
class UsageError extends Error {}

interface ReportArgs {
  from: string;
  to: string;
  agency?: string;
  out: string;
}

function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        agency: { type: "string" },
        out: { type: "string", default: "laporan" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

function parseReportCli(argv: string[]): ReportArgs {
  const values = readOptions(argv);
  if (!values.from || !values.to) throw new UsageError(`--from dan --to wajib diisi.\n\n${USAGE}`);
  const agency = values.agency === undefined ? undefined : normalizeAgencyCode(values.agency);
  if (agency === null) throw new UsageError(`Kode instansi "${values.agency}" tidak valid, mis. DPUPR.\n\n${USAGE}`);
  return { from: values.from, to: values.to, out: values.out, ...(agency ? { agency } : {}) };
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const args = parseReportCli(process.argv.slice(2));
  const config = loadConfig(process.env);
  const sla = slaPolicy(config);
  const offset = sla.calendar.utcOffsetMinutes;
  const period = periodFromDates(args.from, args.to, offset);
  if (!period) {
    throw new UsageError(`Tanggal tidak valid: --from dan --to berbentuk YYYY-MM-DD, --from tidak setelah --to.\n\n${USAGE}`);
  }
  const agencies = agencyLookup(config.AGENCIES_FILE);
  const agencyName = (code: string): string | undefined => agencies.name(code);
  if (args.agency && args.agency !== COORDINATOR_CODE && !agencies.codes().includes(args.agency)) {
    throw new UsageError(`Kode instansi "${args.agency}" tidak dikenal. Kode yang tersedia: ${agencies.codes().join(", ")}.`);
  }
  const database = await openDatabase(config.DATABASE_URL);
  try {
    const options = { ...period, ...(args.agency ? { agency: args.agency } : {}), now: new Date(), sla, agencyName };
    // Read in a transaction, drawn after it: the chart takes a while and needs no connection.
    const report = await monevReport(await database.transactions.run(({ db }) => loadMonevComplaints(db, options)), options);
    mkdirSync(args.out, { recursive: true });
    const files = [report.complaintsCsv, report.agencyCsv, report.agencyDataCsv, report.chart].map((file) => {
      const target = path.join(args.out, file.fileName);
      writeFileSync(target, file.data);
      return target;
    });
    const scope = args.agency ? agencyLabel(args.agency, agencyName) : "semua instansi";
    const lines = [
      `Laporan monev ${formatPeriod(period, offset)} (${scope})`,
      ...totalsLines(report.figures.totals),
      ...(args.agency ? [] : agencyLines(report.figures, agencyName, 20)),
      "",
      "File:",
      ...files.map((file) => `  ${file}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await database.close();
  }
}

installProcessGuards({ entry: "report" });
main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`Laporan gagal dibuat: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
