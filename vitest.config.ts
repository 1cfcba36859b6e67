import { configDefaults, defineConfig } from "vitest/config";

// TEST_ENGINE=postgresql (npm run test:postgres): every test app runs on its own PostgreSQL database.
// Left out there: pure nlp/ tests and the lifecycle fixtures, which never touch the engine choice, and
// tests of what only SQLite has (its file lock, WAL checkpoints, file backups, a file vanishing).
const SQLITE_ONLY = [
  "test/nlp/**",
  "test/complaints/**",
  "test/dialogs/runner-protection.test.ts",
  "test/db/wal-checkpointer.test.ts",
  "test/app/backup-cli.test.ts",
  "test/app/health-server.test.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: process.env.TEST_ENGINE === "postgresql" ? [...configDefaults.exclude, ...SQLITE_ONLY] : configDefaults.exclude,
    // Integration tests open real SQLite files and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One throw-away PostgreSQL cluster per run (TEST_DATABASE_URL_ADMIN for the test files).
    globalSetup: ["test/support/postgres-cluster.ts"],
  },
});
