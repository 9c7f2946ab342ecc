// Opened by tests in a separate process: tries to open the embedded database in argv[2] and
// prints one JSON line with the outcome. Used to prove that a second process is refused.
import { openDatabase } from "../../lib/db/open.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: open-embedded-child DIR");
openDatabase({ dataDir: dir })
  .then(async (db) => {
    const units = await db.prisma.unit.count();
    await db.close();
    console.log(JSON.stringify({ ok: true, units }));
  })
  .catch((err: unknown) => {
    console.log(JSON.stringify({ ok: false, name: (err as Error).name, message: (err as Error).message }));
  });
