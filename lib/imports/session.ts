import { once } from "node:events";
import pg from "pg";
import type { Writable } from "node:stream";
import { from as copyFrom, to as copyTo, type CopyStreamQuery, type CopyToStreamQuery } from "pg-copy-streams";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

// Where an import runs its SQL. On PostgreSQL it opens a connection of its own (Prisma's adapter
// hides its pool) so that it can use COPY, session advisory locks and TEMP staging tables that
// live exactly as long as the import. On the embedded database (PGlite, one connection for the
// whole process) it talks to PGlite directly when it has the instance (through Prisma otherwise),
// and TEMP tables live in that one session.
//
// Statements are Prisma.Sql values (tagged templates: values always travel as parameters) and
// are written so that every driver returns the same thing: every value selected is cast to int or
// text, never date or bigint, whose JavaScript forms differ between node-postgres, PGlite and Prisma.
//
// No PrismaClient is needed (issue 15): the command line imports without one, so it never loads
// Prisma's query compiler (~0,4 s and ~45 MB). The server passes its client, used for the queries
// an import makes beside its own connection (`side`, below) on PostgreSQL.

export type ImportDatabase =
  /** `prisma`: the app's client, for the side queries; without it the import opens a second connection */
  | { kind: "postgres"; url: string; connectTimeoutMs?: number; prisma?: PrismaClient }
  /** `pglite`: the instance (statements go to it directly, bulk reads as COPY, see blobOut); else through `prisma` */
  | { kind: "embedded"; pglite: PGlite; prisma?: PrismaClient }
  | { kind: "embedded"; pglite?: undefined; prisma: PrismaClient };

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  execute(sql: Prisma.Sql): Promise<number>;
  rows(sql: Prisma.Sql): Promise<Row[]>;
}

/** Statements and transactions: an import's connection, or the side one (openSideSession). */
export interface SqlSession {
  readonly kind: "postgres" | "embedded";
  readonly exec: SqlExecutor;
  /** BEGIN … COMMIT on the session's connection (ROLLBACK when `run` throws). */
  transaction<T>(run: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ImportSession extends SqlSession {
  /** PostgreSQL only: COPY … FROM STDIN / TO STDOUT on the session's connection. */
  readonly copy: PgCopy | null;
  /**
   * Embedded only, when the session has the PGlite instance: `COPY (…) TO '/dev/blob'` as bytes (the
   * same text as COPY TO STDOUT). A large read then never becomes one object per row in Prisma and
   * in PGlite's result. `statement` must be a constant.
   */
  readonly blobOut: ((statement: string) => Promise<Uint8Array>) | null;
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

function pgliteExecutor(db: PGlite | Transaction): SqlExecutor {
  return {
    async execute(sql) {
      return (await db.query(sql.text, sql.values)).affectedRows ?? 0;
    },
    async rows(sql) {
      return (await db.query<Row>(sql.text, sql.values)).rows;
    },
  };
}

function embeddedSession(db: Extract<ImportDatabase, { kind: "embedded" }>): SqlSession {
  const pglite = db.pglite;
  if (pglite) {
    return {
      kind: "embedded",
      exec: pgliteExecutor(pglite),
      transaction: (run) => pglite.transaction((tx) => run(pgliteExecutor(tx))),
      close: async () => undefined,
    };
  }
  return prismaSession(db.prisma, "embedded");
}

async function connectPostgres(db: Extract<ImportDatabase, { kind: "postgres" }>, applicationName: string): Promise<{ client: pg.Client; session: SqlSession }> {
  const client = new pg.Client({
    connectionString: db.url,
    connectionTimeoutMillis: db.connectTimeoutMs ?? 5000,
    application_name: applicationName,
  });
  // A connection lost mid-import rejects the pending query; without a listener the 'error' event
  // would also kill the process.
  client.on("error", (err) => console.error("[imports] mất kết nối PostgreSQL:", err.message));
  await client.connect();
  const exec = pgExecutor(client);
  return {
    client,
    session: {
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
      async close() {
        await client.end().catch(() => undefined);
      },
    },
  };
}

export async function openImportSession(db: ImportDatabase): Promise<ImportSession> {
  if (db.kind === "embedded") {
    return { ...embeddedSession(db), copy: null, blobOut: db.pglite ? pgliteBlobOut(db.pglite) : null };
  }
  const { client, session } = await connectPostgres(db, "wardwatch-import");
  return {
    ...session,
    blobOut: null,
    copy: {
      into: (statement) => client.query(copyFrom(statement)),
      out: (statement) => client.query(copyTo(statement)),
    },
  };
}

/**
 * Where an import makes the queries that must not wait for its own connection (which may be in the
 * middle of a COPY): finding a duplicate, recording a failure, recovering other imports. On
 * PostgreSQL the app's Prisma client when given, else a second connection of the import's own;
 * on the embedded database the one connection there is.
 */
export async function openSideSession(db: ImportDatabase): Promise<SqlSession> {
  if (db.kind === "embedded") return embeddedSession(db);
  if (db.prisma) return prismaSession(db.prisma, "postgres");
  return (await connectPostgres(db, "wardwatch-import-side")).session;
}

/** A Prisma client as a session (its transactions: Prisma's interactive ones). */
export function prismaSession(prisma: PrismaClient, kind: SqlSession["kind"]): SqlSession {
  return {
    kind,
    exec: prismaExecutor(prisma),
    transaction: (run) => prisma.$transaction((tx) => run(prismaExecutor(tx)), kind === "embedded" ? EMBEDDED_TX : undefined),
    close: async () => undefined,
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
