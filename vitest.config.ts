import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const app = fileURLToPath(new URL("./app", import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": app } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file opens its own database (an in-memory PGlite, or a fresh Postgres database),
          // so files may run side by side. A small pool: starting PGlite is CPU-heavy, and the mail
          // tests measure retry delays.
          maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
          // Files share a worker's module cache instead of re-importing the app for each file
          // (the app's import is about half of the integration run): every file opens its own
          // database and passes its own config, so no state carries over between files.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
