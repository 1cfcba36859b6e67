// Prisma CLI configuration: the WASM schema engine over better-sqlite3, so generate and migrate run offline.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("db", "schema.prisma"),
  migrations: { path: path.join("db", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/lapor.db" }),
});
