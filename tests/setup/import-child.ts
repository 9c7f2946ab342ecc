// Run by the crash tests in a separate process: imports a file into a database and, at the hook
// named on the command line, prints "HOOK <name>" and waits forever, so that the test can kill it
// (kill -9) at that exact point. Usage: import-child '<json: { url?, dataDir?, file, kind, hook, reportDir }>'
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { openDatabase } from "../../lib/db/open.ts";
import { IMPORT_KINDS } from "../../lib/domain/imports/catalogue.ts";
import { runImport } from "../../lib/imports/run.ts";
import type { ImportDatabase } from "../../lib/imports/session.ts";

const ArgsSchema = z.object({
  url: z.string().optional(),
  dataDir: z.string().optional(),
  file: z.string(),
  kind: z.enum(IMPORT_KINDS),
  hook: z.enum(["beforeCommit", "afterCommit", "none"]),
  reportDir: z.string(),
});

async function main(): Promise<void> {
  const args = ArgsSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
  const db = await openDatabase(args.url ? { url: args.url } : { dataDir: args.dataDir });
  const target: ImportDatabase = db.kind === "postgres" && args.url ? { kind: "postgres", prisma: db.prisma, url: args.url } : { kind: "embedded", prisma: db.prisma };
  const stop = (name: string) => async () => {
    console.log(`HOOK ${name}`);
    // Keep the process (and its open transaction) alive until the test kills it.
    setInterval(() => undefined, 60_000);
    await new Promise<never>(() => undefined);
  };
  const result = await runImport(
    target,
    { kind: args.kind, fileName: path.basename(args.file), source: fs.createReadStream(args.file), bytesTotal: fs.statSync(args.file).size },
    {
      config: { reportDir: args.reportDir },
      today: "2021-08-31",
      hooks: args.hook === "beforeCommit" ? { beforeCommit: stop("beforeCommit") } : args.hook === "afterCommit" ? { afterCommit: stop("afterCommit") } : {},
    },
  );
  console.log(`RESULT ${JSON.stringify({ id: result.id, status: result.status, message: result.message })}`);
  await db.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
