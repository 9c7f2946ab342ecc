import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { refreshRollupsOn } from "./rollups-tx.ts";
import { readSourcePriority } from "./settings-sql.ts";
import { prismaSession, type SqlSession } from "./session.ts";
import { IMPORT_LOCK_CLASS } from "./publish.ts";
import { isActiveHere } from "./process-state.ts";
import { boolOf, intOf, intOrNull, textOf, textOrNull } from "./rows.ts";

// Crash recovery. An import that is RUNNING holds, for as long as its process lives, a PostgreSQL
// session advisory lock on (IMPORT_LOCK_CLASS, id) on its own connection; the server drops the lock
// when the connection goes, e.g. after kill -9. On the embedded database only this process can have
// the database open, so an import is live exactly when this process runs it.
//
// A stale import is one that is no longer live:
// - RUNNING: it died before or during its publish transaction, which PostgreSQL rolled back, so
//   nothing of it is in effect: it is marked FAILED.
// - SUCCEEDED or ROLLED_BACK with a pid still set: an import or rollback of an earlier version,
//   which refreshed the district/city rollups after COMMIT, died in between: the rollups of its
//   days are refreshed now and the pid cleared. Imports and rollbacks now refresh the rollups and
//   clear the pid in their own transaction, so they never leave this state.
//
// Call it when the app starts (scripts/start.ts, before serving) and whenever convenient: every
// import calls it before it starts, and it is cheap when nothing is stale.

export type RecoveryReport = { failed: number[]; rolledUp: number[] };

type Candidate = { id: number; status: string; pid: number | null; dayFrom: string | null; dayTo: string | null };

export async function isEmbeddedDatabase(prisma: Pick<PrismaClient, "$queryRaw">): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ embedded: boolean }[]>(Prisma.sql`SELECT version() LIKE '%PGlite%' AS embedded`);
  return rows[0]?.embedded === true;
}

export async function recoverStaleImports(
  prisma: PrismaClient,
  options: { log?: (message: string) => void } = {},
): Promise<RecoveryReport> {
  const kind = (await isEmbeddedDatabase(prisma)) ? "embedded" : "postgres";
  return recoverStaleImportsOn(prismaSession(prisma, kind), options);
}

/** The same, through an import's side session (lib/imports/session.ts: no Prisma client needed). */
export async function recoverStaleImportsOn(db: SqlSession, options: { log?: (message: string) => void } = {}): Promise<RecoveryReport> {
  const log = options.log ?? ((m: string) => console.warn(`[imports] ${m}`));
  const embedded = db.kind === "embedded";
  const stale = await db.transaction(async (tx) => {
    const rows = await tx.rows(Prisma.sql`
      SELECT id, status::text AS status, pid, day_from::text AS day_from, day_to::text AS day_to
      FROM import
      WHERE status = 'RUNNING' OR (pid IS NOT NULL AND status IN ('SUCCEEDED', 'ROLLED_BACK'))
      ORDER BY id
      FOR UPDATE`);
    const candidates: Candidate[] = rows.map((r) => ({
      id: intOf(r, "id"),
      status: textOf(r, "status"),
      pid: intOrNull(r, "pid"),
      dayFrom: textOrNull(r, "day_from"),
      dayTo: textOrNull(r, "day_to"),
    }));
    const found: Candidate[] = [];
    for (const c of candidates) {
      if (embedded) {
        if (!isActiveHere(c.id)) found.push(c);
        continue;
      }
      // Succeeds only when no session holds the import's lock, i.e. its process is gone.
      const free = await tx.rows(Prisma.sql`SELECT pg_try_advisory_xact_lock(${IMPORT_LOCK_CLASS}::int, ${c.id}::int) AS free`);
      if (boolOf(free[0], "free")) found.push(c);
    }
    for (const c of found.filter((f) => f.status === "RUNNING")) {
      await tx.execute(Prisma.sql`
        UPDATE import SET status = 'FAILED', finished_at = now(), pid = NULL,
          message = ${`Tiến trình nạp${c.pid === null ? "" : ` (pid ${c.pid})`} đã dừng giữa chừng; không có số liệu nào của lần nhập này được ghi.`}
        WHERE id = ${c.id}::int AND status = 'RUNNING'`);
    }
    return found;
  });
  const report: RecoveryReport = { failed: [], rolledUp: [] };
  for (const c of stale) {
    if (c.status === "RUNNING") {
      report.failed.push(c.id);
      log(`Lần nhập #${c.id} bị gián đoạn (tiến trình ${c.pid ?? "?"} không còn chạy): đã đánh dấu thất bại.`);
      continue;
    }
    const { dayFrom, dayTo } = c;
    if (dayFrom !== null && dayTo !== null) {
      const priority = await readSourcePriority(db.exec);
      await db.transaction((tx) => refreshRollupsOn(tx, priority, { from: dayFrom, to: dayTo }));
    }
    await db.exec.execute(Prisma.sql`UPDATE import SET pid = NULL WHERE id = ${c.id}::int AND pid IS NOT DISTINCT FROM ${c.pid}::int`);
    report.rolledUp.push(c.id);
    log(`Lần nhập #${c.id}: tiến trình dừng trước khi tổng hợp xong số liệu quận, thành phố; đã tổng hợp lại.`);
  }
  return report;
}
