import { once } from "node:events";
import pg from "pg";
import type { Writable } from "node:stream";
import { from as copyFrom, to as copyTo, type CopyStreamQuery, type CopyToStreamQuery } from "pg-copy-streams";
import type { PGlite } from "@electric-sql/pglite";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

// Where an import runs its SQL. On PostgreSQL it opens a connection of its own (Prisma's adapter
// hides its pool) so that it can use COPY, session advisory locks and TEMP staging tables that
// live exactly as long as the import. On the embedded database (PGlite, one connection for the
// whole process) it goes through Prisma, and TEMP tables live in that one session.
//
// Statements are Prisma.Sql values (tagged templates: values always travel as parameters) and
// are written so that both drivers return the same thing: every value selected is cast to int or
// text, never date or bigint, whose JavaScript forms differ between node-postgres and Prisma.

export type ImportDatabase =
  | { kind: "postgres"; prisma: PrismaClient; url: string; connectTimeoutMs?: number }
  /** `pglite`: the instance behind `prisma`, when the caller has it (bulk reads as COPY, see blobOut) */
  | { kind: "embedded"; prisma: PrismaClient; pglite?: PGlite };

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  execute(sql: Prisma.Sql): Promise<number>;
  rows(sql: Prisma.Sql): Promise<Row[]>;
}

export interface ImportSession {
  readonly kind: "postgres" | "embedded";
  readonly exec: SqlExecutor;
  /** BEGIN … COMMIT on the session's connection (ROLLBACK when `run` throws). */
  transaction<T>(run: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** PostgreSQL only: COPY … FROM STDIN / TO STDOUT on the session's connection. */
  readonly copy: PgCopy | null;
  /**
   * Embedded only, when the session has the PGlite instance: `COPY (…) TO '/dev/blob'` as bytes (the
   * same text as COPY TO STDOUT). A large read then never becomes one object per row in Prisma and
   * in PGlite's result. `statement` must be a constant.
   */
  readonly blobOut: ((statement: string) => Promise<Uint8Array>) | null;
  close(): Promise<void>;
}

export type PgCopy = {
  /** a writable for `COPY table (…) FROM STDIN`; `statement` must be a constant */
  into(statement: string): CopyStreamQuery;
  /** a readable for `COPY (…) TO STDOUT`; `statement` must be a constant */
  out(statement: string): CopyToStreamQuery;
};

/** Interactive transactions on the embedded database: long enough for a city's register. */
const EMBEDDED_TX = { timeout: 30 * 60_000, maxWait: 10 * 60_000 } as const;

function prismaExecutor(client: Pick<PrismaClient, "$executeRaw" | "$queryRaw">): SqlExecutor {
  return {
    execute: (sql) => client.$executeRaw(sql),
    rows: (sql) => client.$queryRaw<Row[]>(sql),
  };
}

/**
 * Parameters for node-postgres. A Date (statements shared with Prisma pass days as UTC midnights,
 * see isoDayToUtcDate) goes as its ISO instant: node-postgres would write it in the process's local
 * time zone, which shifts the day of a `date` parameter west of UTC.
 */
function pgValues(values: readonly unknown[]): unknown[] {
  return values.map((v) => (v instanceof Date ? v.toISOString() : v));
}

function pgExecutor(client: pg.Client): SqlExecutor {
  return {
    async execute(sql) {
      const result = await client.query({ text: sql.text, values: pgValues(sql.values) });
      return result.rowCount ?? 0;
    },
    async rows(sql) {
      const result = await client.query<Row>({ text: sql.text, values: pgValues(sql.values) });
      return result.rows;
    },
  };
}

export async function openImportSession(db: ImportDatabase): Promise<ImportSession> {
  if (db.kind === "embedded") {
    const prisma = db.prisma;
    return {
      kind: "embedded",
      exec: prismaExecutor(prisma),
      transaction: (run) => prisma.$transaction((tx) => run(prismaExecutor(tx)), EMBEDDED_TX),
      copy: null,
      blobOut: db.pglite ? pgliteBlobOut(db.pglite) : null,
      close: async () => undefined,
    };
  }
  const client = new pg.Client({
    connectionString: db.url,
    connectionTimeoutMillis: db.connectTimeoutMs ?? 5000,
    application_name: "wardwatch-import",
  });
  // A connection lost mid-import rejects the pending query; without a listener the 'error' event
  // would also kill the process.
  client.on("error", (err) => console.error("[imports] mất kết nối PostgreSQL:", err.message));
  await client.connect();
  const exec = pgExecutor(client);
  return {
    kind: "postgres",
    exec,
    async transaction(run) {
      await client.query("BEGIN");
      try {
        const result = await run(exec);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    },
    blobOut: null,
    copy: {
      into: (statement) => client.query(copyFrom(statement)),
      out: (statement) => client.query(copyTo(statement)),
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

function pgliteBlobOut(pglite: PGlite): (statement: string) => Promise<Uint8Array> {
  return async (statement) => {
    const result = await pglite.query(statement.replace(/\bTO STDOUT\s*$/, "TO '/dev/blob'"));
    return new Uint8Array(result.blob ? await result.blob.arrayBuffer() : new ArrayBuffer(0));
  };
}

/** Writes `text` to a COPY stream, waiting when the server falls behind. */
export async function writeWithBackpressure(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}
