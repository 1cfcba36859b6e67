// `npm run staff`: add, list and remove on a fresh database, with agency codes checked; one-time
// dashboard links; and the real entry point reading DATA_DIR through the shared config loader.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agencyLookup, runStaffCli, type AgencyLookup } from "../../app/staff.js";
import { createTestDatabase, describeOnSqlite, type TestDatabase } from "../support/test-database.js";

const catalog: AgencyLookup = {
  name: (code) => ({ DPUPR: "Dinas PUPR", DLH: "Dinas Lingkungan Hidup" })[code],
  codes: () => ["DPUPR", "DLH"],
};

let dir: string;
let database: TestDatabase;
let out: string[];
let err: string[];
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lapor-staff-cli-"));
  database = await createTestDatabase("staff");
  out = [];
  err = [];
});
afterEach(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], agencies: AgencyLookup = catalog) =>
  runStaffCli(args, {
    databaseUrl: database.url,
    agencies,
    dashboardUrl: "https://dasbor.contoh.go.id",
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });

describe("staff CLI", () => {
  it("adds, lists and removes on a fresh database", async () => {
    expect(await run(["add", "telegram:123456", "dpupr", "--name", "Budi Santoso"])).toBe(0);
    expect(out.at(-1)).toBe("Petugas ditambahkan: telegram:123456 - DPUPR (Dinas PUPR) - Budi Santoso");
    expect(await run(["add", "telegram:999", "KOORDINATOR"])).toBe(0);
    expect(await run(["list"])).toBe(0);
    expect(out.slice(-2)).toEqual(["telegram:999\tKOORDINATOR", "telegram:123456\tDPUPR\tBudi Santoso"]);
    expect(await run(["remove", "telegram:123456"])).toBe(0);
    expect(await run(["remove", "telegram:123456"])).toBe(1);
    expect(err.at(-1)).toBe("Petugas telegram:123456 tidak terdaftar.");
  });

  it("refuses unknown agencies and bad identities; prints usage for wrong calls", async () => {
    expect(await run(["add", "telegram:1", "PLN"])).toBe(1);
    expect(err.at(-1)).toContain("KOORDINATOR, DPUPR, DLH");
    expect(await run(["add", "123", "DPUPR"])).toBe(1);
    expect(err.at(-1)).toContain("telegram:123456");
    expect(await run(["tambah"])).toBe(2);
    expect(await run(["add", "telegram:1"])).toBe(2);
    expect(err.at(-1)).toContain("Pemakaian:");
  });

  it("checks codes against the real nlp catalog by default", async () => {
    const real = agencyLookup(undefined);
    expect(await run(["add", "telegram:5", "disdukcapil"], real)).toBe(0);
    expect(out.at(-1)).toMatch(/^Petugas ditambahkan: telegram:5 - DISDUKCAPIL \(.+\)$/);
    expect(await run(["add", "telegram:6", "DINAS_ASAL"], real)).toBe(1);
  });

  it("prints a one-time dashboard link for registered staff only, and ends sessions on logout", async () => {
    expect(await run(["link", "telegram:77"])).toBe(1);
    expect(err.at(-1)).toContain("tidak terdaftar");
    expect(await run(["add", "telegram:77", "DLH"])).toBe(0);
    expect(await run(["link", "telegram:77"])).toBe(0);
    expect(out.at(-1)).toMatch(/^https:\/\/dasbor\.contoh\.go\.id\/masuk\/[A-Za-z0-9_-]{40,}$/);
    expect(await run(["logout", "telegram:77"])).toBe(0);
    expect(out.at(-1)).toBe("0 sesi dasbor telegram:77 diakhiri.");
  });
});

// Without DATABASE_URL the database is the SQLite file in DATA_DIR: nothing of PostgreSQL to test here.
describeOnSqlite("staff CLI entry point", () => {
  it("registers staff in DATA_DIR's database, the one npm start opens", async () => {
    const env = { ...process.env, DATA_DIR: path.join(dir, "custom-data"), DATABASE_URL: "", LOG_LEVEL: "silent" };
    await promisify(execFile)("npx", ["tsx", "app/staff.ts", "add", "terminal:koor", "KOORDINATOR"], { env });
    const file = path.join(dir, "custom-data", "lapor.db");
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT identity, agencyCode FROM Staff").all()).toEqual([
      { identity: "terminal:koor", agencyCode: "KOORDINATOR" },
    ]);
    db.close();
  });

  it("Prisma's CLI (prisma.config.ts) migrates the same DATA_DIR database", async () => {
    const env = { ...process.env, DATA_DIR: path.join(dir, "prisma-data", "nested"), DATABASE_URL: "" };
    await promisify(execFile)("npx", ["prisma", "migrate", "deploy"], { env });
    const db = new Database(path.join(dir, "prisma-data", "nested", "lapor.db"), { readonly: true });
    const names = db.prepare("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name").all();
    db.close();
    expect(names).toContainEqual({ migration_name: "20261130200000_dashboard" });
  });
});
