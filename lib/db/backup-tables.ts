// Which tables of a database hold rows, and a fingerprint of each (row count + md5 of its rows),
// through any client that runs SQL (node-pg's Client, PGlite). Restore uses the first to refuse a
// target that already holds data; tests and operators use the second to check a restored copy.

export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Bookkeeping: rows here are not data (a freshly migrated database is still "empty"): the
 * migrations, and the data version the figure cache is keyed by (one row from the start).
 */
const BOOKKEEPING = new Set(["_prisma_migrations", "data_version"]);

// Identifiers come from the catalog, not from users; quoting still makes any name safe.
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function listTables(query: Query): Promise<string[]> {
  const { rows } = await query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => String(r.name));
}

export type TableRows = { table: string; rows: number };

/** Tables of the public schema that hold at least one row (migration bookkeeping aside), with counts. */
export async function tablesWithData(query: Query): Promise<TableRows[]> {
  const out: TableRows[] = [];
  for (const table of await listTables(query)) {
    if (BOOKKEEPING.has(table)) continue;
    const { rows } = await query(`SELECT count(*)::int AS n FROM public.${quoteIdent(table)}`);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) out.push({ table, rows: n });
  }
  return out;
}

export type TableFingerprint = { table: string; rows: number; md5: string };

/**
 * Every table's row count and the md5 of its rows as text, sorted (so the order rows were stored
 * in does not matter, and two copies agree exactly when they hold the same rows).
 */
export async function tableFingerprints(query: Query): Promise<TableFingerprint[]> {
  const out: TableFingerprint[] = [];
  for (const table of await listTables(query)) {
    const { rows } = await query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum
       FROM public.${quoteIdent(table)} t`,
    );
    out.push({ table, rows: Number(rows[0]?.n ?? 0), md5: String(rows[0]?.sum ?? "") });
  }
  return out;
}

export function describeTablesWithData(tables: TableRows[]): string {
  const shown = tables.slice(0, 12).map((t) => `${t.table} (${t.rows.toLocaleString("vi-VN")} dòng)`);
  return shown.join(", ") + (tables.length > shown.length ? ` và ${tables.length - shown.length} bảng khác` : "");
}

export class TargetNotEmptyError extends Error {
  constructor(
    readonly target: string,
    readonly tables: TableRows[],
  ) {
    super(
      `Không khôi phục: cơ sở dữ liệu đích ${target} đang có dữ liệu trong ${tables.length} bảng: ${describeTablesWithData(tables)}. ` +
        "Chỉ khôi phục vào cơ sở dữ liệu trống. Nếu chắc chắn muốn thay toàn bộ dữ liệu này bằng bản sao lưu, chạy lại với --force.",
    );
    this.name = "TargetNotEmptyError";
  }
}
