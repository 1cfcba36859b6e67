// Derives db/postgres/schema.prisma from db/schema.prisma, the one source of the data model: only the
// datasource provider and the generator output differ. Run `npx tsx db/postgres/sync-schema.ts` after
// editing db/schema.prisma (a test fails while the two drift); `--check` exits 1 instead of writing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SQLITE_SCHEMA = path.join(HERE, "..", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(HERE, "schema.prisma");

/** Where the PostgreSQL client is generated, relative to db/postgres/ (see db/postgres/client.ts). */
export const POSTGRES_CLIENT_OUTPUT = "../../node_modules/.prisma/postgres";

const HEADER = [
  "// GENERATED from db/schema.prisma by db/postgres/sync-schema.ts: edit db/schema.prisma, then run",
  "// `npx tsx db/postgres/sync-schema.ts`. Only the provider and the client's output differ.",
  "",
].join("\n");

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`));
  if (matches?.length !== 1) throw new Error(`db/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

export function postgresSchemaFrom(sqliteSchema: string): string {
  let schema = replaceOnce(
    sqliteSchema,
    /(datasource db \{[^}]*?)provider\s*=\s*"sqlite"([^}]*?)url\s*=\s*"[^"]*"/,
    // The URL is a placeholder: the client always gets its connection from the PrismaPg adapter.
    `$1provider = "postgresql"$2url      = "postgresql://localhost/placeholder"`,
    "sqlite datasource",
  );
  schema = replaceOnce(
    schema,
    /(generator client \{[^}]*?provider\s*=\s*"prisma-client-js"\n)/,
    `$1  // Beside the SQLite client in node_modules, so \`npm ci\` (postinstall) regenerates it.\n  output     = "${POSTGRES_CLIENT_OUTPUT}"\n`,
    "prisma-client-js generator",
  );
  if (/\boutput\s*=/.test(sqliteSchema)) throw new Error("db/schema.prisma: the SQLite generator must keep its default output");
  return HEADER + schema;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8"));
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {
    // Not written yet.
  }
  if (current === wanted) {
    process.stdout.write("db/postgres/schema.prisma is up to date\n");
  } else if (process.argv.includes("--check")) {
    process.stderr.write("db/postgres/schema.prisma is out of date: run `npx tsx db/postgres/sync-schema.ts`\n");
    process.exit(1);
  } else {
    writeFileSync(POSTGRES_SCHEMA, wanted);
    process.stdout.write("db/postgres/schema.prisma written\n");
  }
}
