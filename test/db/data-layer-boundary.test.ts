// One way to the database: only db/ names Prisma or the SQLite driver, holds the client, opens
// transactions or runs queries; everything else calls db/'s repositories inside `transactions.run`.
// Read from the sources.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUTSIDE_DB = ["app", "bots", "dialogs", "complaints", "web", "nlp", "bench"];

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** Prisma's client property of each model in the schema, e.g. outboxMessage. */
function modelProperties(): string[] {
  const schema = readFileSync(path.join(ROOT, "db/schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{/gm)].map((match) => (match[1] ?? "").replace(/^./, (c) => c.toLowerCase()));
}

const METHODS =
  "findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy";

/** Every line of these sources that reaches the database by itself. */
function violations(files: ReadonlyArray<{ name: string; text: string }>): string[] {
  const models = modelProperties();
  // Across line breaks too: a chain may be split over lines.
  const modelCall = new RegExp(`\\.(${models.join("|")})\\s*\\.\\s*(${METHODS})\\s*\\(`, "g");
  const rules: Array<[string, RegExp]> = [
    ["imports a database library", /(from\s+|import\(\s*)["'](@prisma\/[\w-]+|better-sqlite3)["']/g],
    ["opens a transaction or runs SQL itself", /\$(transaction|queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/g],
    ["calls a Prisma model method", modelCall],
    // A repository takes the client as well as a transaction: holding it would be a way around run().
    ["holds the Prisma client", /\.prisma\b|\bPrismaClient\b/g],
  ];
  return files.flatMap((file) => {
    const found: Array<{ line: number; text: string }> = [];
    for (const [what, pattern] of rules) {
      for (const match of file.text.matchAll(pattern)) {
        const line = file.text.slice(0, match.index).split("\n").length;
        found.push({ line, text: `${file.name}:${line} ${what}: ${match[0].replace(/\s+/g, " ")}` });
      }
    }
    return found.sort((a, b) => a.line - b.line).map((entry) => entry.text);
  });
}

describe("the data layer's boundary", () => {
  it("no module outside db/ imports Prisma or better-sqlite3, holds the client, opens a transaction or queries a model", () => {
    const files = OUTSIDE_DB.flatMap(sources).map((name) => ({ name, text: readFileSync(path.join(ROOT, name), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it("the check recognises each way around the layer", () => {
    expect(modelProperties()).toEqual(expect.arrayContaining(["complaint", "outboxMessage", "chatActivity", "staff"]));
    const probe = [
      'import type { Staff } from "@prisma/client";',
      'import Database from "better-sqlite3";',
      "await prisma.$transaction((tx) => work(tx));",
      "await db.$queryRaw`SELECT 1`;",
      "const rows = await this.prisma.outboxMessage.findMany({ where });",
      "await tx.complaint",
      "  .updateMany({ where, data });",
      "const ok = await complaintByCode(database.prisma, code);",
      "function report(client: PrismaClient) {}",
      "const ok = await transactions.run(({ db }) => complaintByCode(db, code));",
    ].join("\n");
    expect(violations([{ name: "probe.ts", text: probe }]).map((line) => line.replace(/^\S+ /, "").split(":")[0])).toEqual([
      "imports a database library",
      "imports a database library",
      "opens a transaction or runs SQL itself",
      "opens a transaction or runs SQL itself",
      "calls a Prisma model method",
      "holds the Prisma client",
      "calls a Prisma model method",
      "holds the Prisma client",
      "holds the Prisma client",
    ]);
  });
});
