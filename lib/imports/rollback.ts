import { Prisma } from "../generated/prisma/client.ts";
import { readSourcePriority } from "./settings-sql.ts";
import { formatCount } from "../domain/format.ts";
import type { ImportRowError } from "./errors.ts";
import { IMPORT_KINDS, type ImportKind } from "../domain/imports/catalogue.ts";
import { markActive, markInactive, runQueued } from "./process-state.ts";
import type { IsoDay } from "../domain/days.ts";
import { GROUPS_OF_KIND, importKindModule } from "./kinds/index.ts";
import { auditSql, consistencyConflicts, IMPORT_LOCK_CLASS, takePublishLock } from "./publish.ts";
import { hasCells, recountQrVenuesFrom, undoImport } from "./undo.ts";
import { refreshRollupsOn } from "./rollups-tx.ts";
import { boolOf, textOf, textOrNull } from "./rows.ts";
import { openImportSession, type ImportDatabase, type SqlExecutor } from "./session.ts";

// Rolling back a successful import, in one transaction: what it replaced comes back, cell by cell
// (undo.ts; where a later import replaced the same cells again, the later import's figures stay),
// the import becomes ROLLED_BACK (its file is no longer a duplicate), an import it had replaced
// whole and whose figures are back becomes SUCCEEDED again, and the district, city and country
// rollups of its days are refreshed before COMMIT.

export type RollbackResult =
  | { ok: true; id: number; message: string; details: string[] }
  | { ok: false; id: number; reason: "not-found" | "not-succeeded" | "busy" | "conflict"; message: string; conflicts?: ImportRowError[] };

type Target = { kind: ImportKind; status: string; dayFrom: string | null; dayTo: string | null; fileName: string };

export async function rollbackImport(
  db: ImportDatabase,
  importId: number,
  actor: { userId: number | null; displayName: string },
  options: { reason?: string | null } = {},
): Promise<RollbackResult> {
  const task = () => rollbackNow(db, importId, actor, options.reason ?? null);
  return db.kind === "embedded" ? runQueued(task) : task();
}

async function rollbackNow(db: ImportDatabase, importId: number, actor: { userId: number | null; displayName: string }, reason: string | null): Promise<RollbackResult> {
  const session = await openImportSession(db);
  markActive(importId);
  try {
    if (session.kind === "postgres") {
      // The import's own lock: held by a running import or another rollback.
      const locked = await session.exec.rows(Prisma.sql`SELECT pg_try_advisory_lock(${IMPORT_LOCK_CLASS}::int, ${importId}::int) AS ok`);
      if (!boolOf(locked[0], "ok")) {
        return { ok: false, id: importId, reason: "busy", message: `Lần nhập #${importId} đang được xử lý; thử lại sau ít phút.` };
      }
    }
    const priority = await readSourcePriority(session.exec);
    type Outcome = { kind: "done"; details: string[]; from: string; to: string } | { kind: "refused"; result: RollbackResult };
    const outcome: Outcome = await session.transaction(async (tx): Promise<Outcome> => {
      await takePublishLock(tx, session.kind === "postgres");
      const rows = await tx.rows(Prisma.sql`
        SELECT kind::text AS kind, status::text AS status, day_from::text AS day_from, day_to::text AS day_to, file_name
        FROM import WHERE id = ${importId}::int FOR UPDATE`);
      const row = rows[0];
      if (!row) return { kind: "refused", result: { ok: false, id: importId, reason: "not-found", message: `Không có lần nhập #${importId}.` } };
      const kindText = textOf(row, "kind");
      const kind = IMPORT_KINDS.find((k) => k === kindText);
      if (!kind) throw new Error(`unknown import kind ${kindText}`);
      const target: Target = { kind, status: textOf(row, "status"), dayFrom: textOrNull(row, "day_from"), dayTo: textOrNull(row, "day_to"), fileName: textOf(row, "file_name") };
      if (target.status !== "SUCCEEDED" || target.dayFrom === null || target.dayTo === null) {
        return {
          kind: "refused",
          result: { ok: false, id: importId, reason: "not-succeeded", message: `Chỉ hoàn tác được lần nhập đã nạp thành công và còn hiệu lực.` },
        };
      }
      const { details, from, to } = await rollbackWrites(tx, kind, importId, target.dayFrom, target.dayTo, actor.displayName);
      const conflicts = await consistencyConflicts(tx, priority, target.dayFrom, target.dayTo);
      if (conflicts.length > 0) {
        throw new RollbackConflict(conflicts);
      }
      const note = `Đã hoàn tác bởi ${actor.displayName}${reason ? ` (lý do: ${reason})` : ""}.`;
      await tx.execute(Prisma.sql`
        UPDATE import SET status = 'ROLLED_BACK', pid = NULL, message = concat_ws(' ', message, ${note}::text)
        WHERE id = ${importId}::int`);
      await tx.execute(auditSql(actor.userId, "import.rollback", importId, { kind, fileName: target.fileName, reason, details }));
      const range = { from: from < target.dayFrom ? from : target.dayFrom, to: to > target.dayTo ? to : target.dayTo };
      await refreshRollupsOn(tx, priority, range);
      return { kind: "done", details, ...range };
    });
    if (outcome.kind === "refused") return outcome.result;
    return { ok: true, id: importId, message: `Đã hoàn tác lần nhập #${importId}.`, details: outcome.details };
  } catch (err) {
    if (err instanceof RollbackConflict) {
      return {
        ok: false,
        id: importId,
        reason: "conflict",
        message:
          `Không hoàn tác được: sau khi bỏ số liệu của lần nhập này, ${formatCount(err.conflicts.length)} đơn vị-ngày sẽ có số liệu mâu thuẫn ` +
          `(ví dụ số địa điểm có lượt quét lớn hơn số địa điểm đăng ký). Không có gì thay đổi.`,
        conflicts: err.conflicts,
      };
    }
    throw err;
  } finally {
    markInactive(importId);
    await session.close();
  }
}

class RollbackConflict extends Error {
  constructor(readonly conflicts: ImportRowError[]) {
    super("rollback conflicts");
    this.name = "RollbackConflict";
  }
}

type RollbackWrites = { details: string[]; from: IsoDay; to: IsoDay };

/**
 * Rolls an import's writes back: what it replaced comes back (undo.ts), after what only its kind
 * knows (kinds/*: venues it created). Imports published before replaced figures were kept have no
 * cells: their figures still in effect are removed instead (the kind's legacy rollback).
 */
async function rollbackWrites(tx: SqlExecutor, kind: ImportKind, importId: number, from: IsoDay, to: IsoDay, actor: string): Promise<RollbackWrites> {
  const rollback = importKindModule(kind).rollback;
  if (!(await hasCells(tx, importId))) {
    const details = ["Lần nhập này được nạp trước khi hệ thống lưu số liệu bị thay thế: số liệu cũ không khôi phục được."];
    details.push(...(await rollback.legacy(tx, importId, from, to)));
    return { details, from, to };
  }
  const { details, deleted } = await rollback.beforeUndo(tx, importId);
  const note = `Có hiệu lực trở lại vì lần nhập #${importId} (đã thay số liệu của lần nhập này) được hoàn tác bởi ${actor}.`;
  const undo = await undoImport(tx, importId, kind, GROUPS_OF_KIND, note);
  details.push(rollback.restoredText(undo.restored, undo.venueDays));
  if (undo.later > 0) {
    details.push(
      `${formatCount(undo.later)} ${rollback.cells} đã được lần nhập sau thay thế: giữ số liệu của lần nhập sau ` +
        `(nếu hoàn tác lần nhập sau, các ô này trở về số liệu trước lần nhập này).`,
    );
  }
  if (undo.revived.length > 0) details.push(`Có hiệu lực trở lại: lần nhập ${undo.revived.map((id) => `#${id}`).join(", ")}.`);
  let range = { from: undo.from ?? from, to: undo.to ?? to };
  if (deleted.length > 0) {
    // Days after the register's own, written by later scan logs, counted the deleted venues too.
    const first = deleted.reduce((m, d) => (d.day < m ? d.day : m), deleted[0]?.day ?? from);
    const last = await recountQrVenuesFrom(tx, [...new Set(deleted.map((d) => d.ward))], first);
    range = { from: first < range.from ? first : range.from, to: last !== null && last > range.to ? last : range.to };
  }
  return { details, ...range };
}
