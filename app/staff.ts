// `npm run staff -- add telegram:123456 DPUPR [--name "Budi"] | add telegram:999 KOORDINATOR | list | remove telegram:123456
//  | link telegram:123456 | logout telegram:123456`
// Registers the people who follow up complaints and prints dashboard login links. Opens (and migrates)
// the database itself, so it works on a fresh file before the bot has ever run. Configuration comes
// through the same loader as `npm start` (DATA_DIR, DATABASE_URL, AGENCIES_FILE, DASHBOARD_URL).
import { config as loadDotenv } from "dotenv";
import { LOGIN_LINK_MINUTES, issueLoginToken, loginUrl, revokeAllSessions } from "../complaints/dashboard-access.js";
import { validateStaffAgency } from "../complaints/lifecycle-staff-admin.js";
import { listStaff, parseIdentity, removeStaff, upsertStaff } from "../complaints/staff-directory.js";
import { openDatabase } from "../db/database.js";
import { loadAgencyCatalog } from "../nlp/agency-catalog.js";
import { ConfigError, loadConfig } from "./config.js";
import { dashboardBaseUrl } from "./dashboard-url.js";
import { installProcessGuards } from "./process-guards.js";
import { isEntryPoint } from "./cli-entry.js";

export interface AgencyLookup {
  name(code: string): string | undefined;
  codes(): string[];
}

export interface StaffCliOptions {
  databaseUrl: string;
  agencies: AgencyLookup;
  /** Base of the links `link` prints, e.g. https://dasbor.pemda.go.id */
  dashboardUrl: string;
  now?: () => Date;
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  "Pemakaian:",
  '  npm run staff -- add kanal:id INSTANSI [--name "Nama"]   (INSTANSI = kode instansi atau KOORDINATOR)',
  "  npm run staff -- remove kanal:id",
  "  npm run staff -- list",
  "  npm run staff -- link kanal:id     (tautan masuk dasbor sekali pakai, berlaku 10 menit)",
  "  npm run staff -- logout kanal:id   (akhiri semua sesi dasbor petugas itu)",
  "Contoh: npm run staff -- add telegram:123456 DPUPR --name Budi",
].join("\n");

function takeFlag(args: string[], flag: string): { value: string | undefined; rest: string[] } {
  const index = args.indexOf(flag);
  if (index < 0) return { value: undefined, rest: args };
  return { value: args[index + 1], rest: [...args.slice(0, index), ...args.slice(index + 2)] };
}

/** Returns the process exit code: 0 done, 1 refused (bad identity or agency, unknown staff), 2 usage. */
export async function runStaffCli(argv: string[], options: StaffCliOptions): Promise<number> {
  const [command, ...rawArgs] = argv;
  const { value: name, rest: args } = takeFlag(rawArgs, "--name");
  const oneArgument = ["remove", "link", "logout"];
  if (command !== "add" && command !== "list" && !oneArgument.includes(command ?? "")) {
    options.err(USAGE);
    return 2;
  }
  if (
    (command === "add" && args.length !== 2) ||
    (oneArgument.includes(command ?? "") && args.length !== 1) ||
    (command === "list" && args.length > 0)
  ) {
    options.err(USAGE);
    return 2;
  }
  const database = await openDatabase(options.databaseUrl);
  try {
    const { transactions } = database;
    if (command === "list") {
      const staff = await transactions.run(({ db }) => listStaff(db));
      if (staff.length === 0) options.out("Belum ada petugas terdaftar.");
      for (const row of staff) options.out(`${row.identity}\t${row.agencyCode}\t${row.name ?? ""}`.trimEnd());
      return 0;
    }
    const identity = parseIdentity(args[0] ?? "");
    if (!identity) {
      options.err(
        `Identitas "${args[0] ?? ""}" tidak valid. Gunakan kanal:id, mis. telegram:123456, whatsapp:6281234567890 atau terminal:budi.`,
      );
      return 1;
    }
    const now = (options.now ?? (() => new Date()))();
    if (command === "link") {
      const link = await transactions.run(({ db }) => issueLoginToken(db, identity.identity, now));
      if (!link.ok) {
        options.err(link.message);
        return 1;
      }
      options.out(`Tautan masuk dasbor untuk ${identity.identity} (sekali pakai, berlaku ${LOGIN_LINK_MINUTES} menit):`);
      options.out(loginUrl(options.dashboardUrl, link.token));
      return 0;
    }
    if (command === "logout") {
      const ended = await transactions.run(({ db }) => revokeAllSessions(db, identity.identity, now));
      options.out(`${ended} sesi dasbor ${identity.identity} diakhiri.`);
      return 0;
    }
    if (command === "remove") {
      if (!(await transactions.run(({ db }) => removeStaff(db, identity.identity)))) {
        options.err(`Petugas ${identity.identity} tidak terdaftar.`);
        return 1;
      }
      options.out(`Petugas ${identity.identity} dihapus.`);
      return 0;
    }
    const agency = validateStaffAgency(args[1] ?? "", options.agencies.name, options.agencies.codes);
    if (!agency.ok) {
      options.err(agency.message);
      return 1;
    }
    const result = await transactions.run(({ db }) =>
      upsertStaff(db, { identity: identity.identity, agencyCode: agency.agencyCode, name: name ?? null }),
    );
    const label = options.agencies.name(agency.agencyCode);
    options.out(
      `${result.created ? "Petugas ditambahkan" : "Data petugas diperbarui"}: ${result.staff.identity} - ${result.staff.agencyCode}` +
        `${label && label !== agency.agencyCode ? ` (${label})` : ""}${result.staff.name ? ` - ${result.staff.name}` : ""}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** The nlp catalog (built-in, with AGENCIES_FILE applied): the same codes the bot routes to. */
export function agencyLookup(file: string | undefined): AgencyLookup {
  const catalog = loadAgencyCatalog(file);
  return { name: (code) => catalog.byCode(code)?.name, codes: () => catalog.agencies.map((agency) => agency.code) };
}

if (isEntryPoint(import.meta.url)) {
  installProcessGuards({ entry: "staff" });
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    process.exitCode = await runStaffCli(process.argv.slice(2), {
      databaseUrl: config.DATABASE_URL,
      agencies: agencyLookup(config.AGENCIES_FILE),
      dashboardUrl: dashboardBaseUrl(config),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
