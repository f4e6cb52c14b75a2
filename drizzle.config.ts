import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and applied from code at start-up (db/migrate.server.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
