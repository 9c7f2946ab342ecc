import { defineConfig } from "prisma/config";

// Prisma 7 keeps connection settings out of the schema. The app connects through driver
// adapters (lib/db.ts); this file only tells the CLI where the schema and migrations are.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
