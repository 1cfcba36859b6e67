// db/schema.prisma is the one data model: the PostgreSQL schema is derived from it, and both engines'
// migration folders carry the same names so a change is always made for both.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../db/migrate.js";
import { POSTGRES_MIGRATIONS_DIR } from "../../db/postgres/migrate.js";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "../../db/postgres/sync-schema.js";

const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("db/postgres/schema.prisma", () => {
  it("is db/schema.prisma with only the provider and the client's output changed (run db/postgres/sync-schema.ts)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("keeps every model, field and comment of the SQLite schema", () => {
    const strip = (text: string) =>
      text
        .split("\n")
        .filter((line) => !/^\s*(provider|url|output)\s*=|^\/\/ (GENERATED|`npx)|^\s*\/\/ Beside/.test(line))
        .join("\n");
    const derived = postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(strip(derived)).toBe(strip(readFileSync(SQLITE_SCHEMA, "utf8")));
    expect(derived).toMatch(/datasource db \{\s*provider = "postgresql"/);
    expect(derived).toMatch(/output\s+= "\.\.\/\.\.\/node_modules\/\.prisma\/postgres"/);
  });

  it("refuses a SQLite schema it does not understand rather than writing a wrong one", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n  url = "x"\n}\n')).toThrow(/sqlite datasource/);
  });
});

describe("migration folders", () => {
  it("have the same names for SQLite and PostgreSQL", () => {
    expect(migrationNames(POSTGRES_MIGRATIONS_DIR)).toEqual(migrationNames(MIGRATIONS_DIR));
    expect(readFileSync(path.join(POSTGRES_MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toMatch(/provider = "postgresql"/);
  });
});
