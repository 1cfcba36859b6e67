// Prisma CLI configuration: the WASM schema engine over better-sqlite3, so generate and migrate run offline.
// The database is the one every entry point uses: DATABASE_URL, else DATA_DIR/lapor.db (app/config.ts).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { loadConfig } from "./app/config.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("db", "schema.prisma"),
  migrations: { path: path.join("db", "migrations") },
  // Read when a command needs the database, so `prisma generate` (postinstall) never depends on .env.
  adapter: async () => {
    loadDotenv({ quiet: true });
    const url = loadConfig(process.env).DATABASE_URL;
    // A fresh DATA_DIR may not exist yet; every other entry point creates it too.
    mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, "").split("?")[0] ?? "")), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
