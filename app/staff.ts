// `npm run staff -- add telegram:123456 DPUPR [--name "Budi"] | add telegram:999 KOORDINATOR | list | remove telegram:123456`
// Registers the people who follow up complaints. Opens (and migrates) the database itself, so it works
// on a fresh file before the bot has ever run.
import "dotenv/config";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { validateStaffAgency } from "../complaints/lifecycle-staff-admin.js";
import { listStaff, parseIdentity, removeStaff, upsertStaff } from "../complaints/staff-directory.js";
import { openDatabase } from "../db/database.js";
import { loadAgencyCatalog } from "../nlp/agency-catalog.js";
import { installProcessGuards } from "./process-guards.js";

export interface AgencyLookup {
  name(code: string): string | undefined;
  codes(): string[];
}

export interface StaffCliOptions {
  databaseUrl: string;
  agencies: AgencyLookup;
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  "Pemakaian:",
  '  npm run staff -- add kanal:id INSTANSI [--name "Nama"]   (INSTANSI = kode instansi atau KOORDINATOR)',
  "  npm run staff -- remove kanal:id",
  "  npm run staff -- list",
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
  if (command !== "add" && command !== "remove" && command !== "list") {
    options.err(USAGE);
    return 2;
  }
  if (
    (command === "add" && args.length !== 2) ||
    (command === "remove" && args.length !== 1) ||
    (command === "list" && args.length > 0)
  ) {
    options.err(USAGE);
    return 2;
  }
  const database = await openDatabase(options.databaseUrl);
  try {
    const db = database.prisma;
    if (command === "list") {
      const staff = await listStaff(db);
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
    if (command === "remove") {
      if (!(await removeStaff(db, identity.identity))) {
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
    const result = await upsertStaff(db, { identity: identity.identity, agencyCode: agency.agencyCode, name: name ?? null });
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

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  installProcessGuards({ entry: "staff" });
  process.exitCode = await runStaffCli(process.argv.slice(2), {
    databaseUrl: process.env.DATABASE_URL ?? "file:./data/lapor.db",
    agencies: agencyLookup(process.env.AGENCIES_FILE?.trim() || undefined),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
