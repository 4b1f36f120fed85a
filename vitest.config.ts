import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // DuckDB and Chromium are heavy; two cores are better spent on one file at a time.
    fileParallelism: false
  }
});
