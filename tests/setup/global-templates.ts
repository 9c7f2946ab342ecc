import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Vitest global setup of the integration project: a folder for this run's template databases
// (tests/setup/templates.ts), given to the test workers through the environment, and at the end
// the run's PostgreSQL templates dropped and the folder removed. Templates themselves are made by
// the first suite that needs them, so a run of one file pays only for what it uses.

export default function setup(): (() => Promise<void>) | undefined {
  // WARDWATCH_TEST_TEMPLATES=0: every suite migrates (and loads the demo into) a fresh database,
  // as before the templates: to compare timings, or to rule the templates out when hunting a bug.
  if (process.env.WARDWATCH_TEST_TEMPLATES === "0") {
    delete process.env.WARDWATCH_TEMPLATE_RUN_DIR;
    return undefined;
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-templates-"));
  process.env.WARDWATCH_TEMPLATE_RUN_DIR = runDir;
  return async () => {
    const list = path.join(runDir, "pg-databases.txt");
    if (fs.existsSync(list) && process.env.TEST_DATABASE_URL) {
      const { dropTestDatabase } = await import("./pg-database");
      for (const name of fs.readFileSync(list, "utf8").split("\n").filter(Boolean)) {
        await dropTestDatabase(name).catch((err: unknown) => console.warn(`[templates] could not drop ${name}:`, err));
      }
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}
