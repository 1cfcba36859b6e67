import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests open real SQLite files and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One throw-away PostgreSQL cluster per run (TEST_DATABASE_URL_ADMIN for the test files).
    globalSetup: ["test/support/postgres-cluster.ts"],
  },
});
