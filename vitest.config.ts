import { configDefaults, defineConfig } from "vitest/config";

// TEST_ENGINE=postgresql (npm run test:postgres) runs every test that touches a database again, each on
// its own database of the throw-away cluster (test/support/test-database.ts). Left out of that run:
const NOT_ON_POSTGRES = [
  // Tests of code that never opens a database, so the engine cannot change their outcome: pure nlp/
  // functions and pure complaints/ rules (calendars, deadlines, codes, status rules, report periods).
  "test/nlp/**",
  "test/complaints/holidays.test.ts",
  "test/complaints/lifecycle-rules.test.ts",
  "test/complaints/monev-period.test.ts",
  "test/complaints/sla-deadlines.test.ts",
  "test/complaints/tracking-code.test.ts",
  "test/complaints/working-days.test.ts",
  // Tests of what only SQLite has:
  "test/db/wal-checkpointer.test.ts", // WAL checkpoints of the file
  "test/app/backup-cli.test.ts", // `npm run backup` copies the SQLite file (PostgreSQL uses pg_dump)
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: process.env.TEST_ENGINE === "postgresql" ? [...configDefaults.exclude, ...NOT_ON_POSTGRES] : configDefaults.exclude,
    // Integration tests open real databases and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One throw-away PostgreSQL cluster per run (TEST_DATABASE_URL_ADMIN for the test files).
    globalSetup: ["test/support/postgres-cluster.ts"],
  },
});
