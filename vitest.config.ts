import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests open real SQLite files and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
