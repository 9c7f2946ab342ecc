import { finished } from "node:stream/promises";
import { Prisma } from "../generated/prisma/client.ts";
import { writeWithBackpressure, type ImportSession, type SqlExecutor } from "./session.ts";

// Staging: rows that passed validation wait in a TEMP table until the whole file is known to be
// good, then one transaction publishes them. TEMP tables belong to the session, so an import that
// dies leaves nothing behind, and nothing here touches the migrated schema.
//
// On PostgreSQL the rows go in through COPY … FROM STDIN (text format) while the file is still
// being read; on the embedded database through INSERT … SELECT FROM unnest($1::int[], …), a few
// thousand rows per statement (one parameter per column, whatever the number of rows).

type ColumnType = "int" | "text" | "date";

export type StageTable = {
  readonly name: string;
  readonly columns: readonly (readonly [string, ColumnType])[];
};

// Table and column names come only from these constants.
export const STAGE = {
  venues: {
    name: "ww_stage_venues",
    columns: [
      ["line", "int"],
      ["code", "text"],
      ["name", "text"],
      ["address", "text"],
      ["category", "text"],
      ["ward_code", "text"],
      ["registered_on", "date"],
      ["status", "text"],
    ],
  },
  installs: {
    name: "ww_stage_installs",
    columns: [
      ["line", "int"],
      ["unit_code", "text"],
      ["day", "date"],
      ["smartphones", "int"],
      ["installs", "int"],
    ],
  },
} as const satisfies Record<string, StageTable>;

/** Per-venue-day counts of a scan log go straight into their table, inside the publish transaction. */
export const VENUE_DAY_SCAN: StageTable = {
  name: "venue_day_scan",
  columns: [
    ["venue_id", "int"],
    ["day", "date"],
    ["scans", "int"],
  ],
};

export type StageValue = string | number | null;

/** Creates the TEMP table (if this session has none yet) and empties it. */
export async function prepareStage(session: ImportSession, table: StageTable): Promise<void> {
  const columns = table.columns.map(([name, type]) => `${name} ${type}`).join(", ");
  await session.exec.execute(Prisma.sql`${Prisma.raw(`CREATE TEMP TABLE IF NOT EXISTS ${table.name} (${columns})`)}`);
  await session.exec.execute(Prisma.sql`${Prisma.raw(`TRUNCATE ${table.name}`)}`);
}

export async function dropStage(session: ImportSession, table: StageTable): Promise<void> {
  await session.exec.execute(Prisma.sql`${Prisma.raw(`DROP TABLE IF EXISTS ${table.name}`)}`).catch(() => undefined);
}

export interface StageWriter {
  /** buffers one row (values in the table's column order) */
  add(values: readonly StageValue[]): void;
  /** writes out the buffer once it is large; await it between chunks of the file */
  flushIfFull(): Promise<void>;
  /** writes the rest; returns how many rows were staged */
  finish(): Promise<number>;
}

/** COPY text format: backslash, tab, line feed and carriage return are escaped; NULL is \N. */
export function copyTextValue(value: StageValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : value;
}

const COPY_BUFFER_CHARS = 256 * 1024;
const INSERT_BATCH_ROWS = 5000;

/**
 * A writer into `table` on the session's connection: COPY on PostgreSQL, batched INSERTs through
 * `exec` (the session, or the transaction it is in) on the embedded database.
 */
export function openStageWriter(session: ImportSession, table: StageTable, exec: SqlExecutor = session.exec): StageWriter {
  return session.copy ? copyWriter(session, table) : insertWriter(exec, table);
}

function copyWriter(session: ImportSession, table: StageTable): StageWriter {
  const copy = session.copy;
  if (!copy) throw new Error("COPY needs a PostgreSQL session");
  const stream = copy.into(`COPY ${table.name} (${table.columns.map(([n]) => n).join(", ")}) FROM STDIN`);
  let failure: Error | null = null;
  stream.on("error", (err: Error) => {
    failure ??= err;
  });
  let buffer = "";
  let rows = 0;
  const check = () => {
    if (failure) throw failure;
  };
  return {
    add(values) {
      let line = "";
      for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : "\t") + copyTextValue(values[i] ?? null);
      buffer += `${line}\n`;
      rows += 1;
    },
    async flushIfFull() {
      check();
      if (buffer.length < COPY_BUFFER_CHARS) return;
      const text = buffer;
      buffer = "";
      await writeWithBackpressure(stream, text);
    },
    async finish() {
      check();
      if (buffer.length > 0) await writeWithBackpressure(stream, buffer);
      buffer = "";
      stream.end();
      await finished(stream);
      check();
      return rows;
    },
  };
}

function insertWriter(exec: SqlExecutor, table: StageTable): StageWriter {
  const width = table.columns.length;
  let columns: StageValue[][] = table.columns.map(() => []);
  let pending = 0;
  let rows = 0;
  const target = Prisma.raw(`${table.name} (${table.columns.map(([n]) => n).join(", ")})`);
  const flush = async () => {
    if (pending === 0) return;
    const arrays = columns.map((values, i) => {
      const type = table.columns[i]?.[1] ?? "text";
      return Prisma.sql`${values}::${Prisma.raw(type)}[]`;
    });
    columns = table.columns.map(() => []);
    pending = 0;
    await exec.execute(Prisma.sql`INSERT INTO ${target} SELECT * FROM unnest(${Prisma.join(arrays)})`);
  };
  return {
    add(values) {
      for (let i = 0; i < width; i++) columns[i]?.push(values[i] ?? null);
      pending += 1;
      rows += 1;
    },
    async flushIfFull() {
      if (pending >= INSERT_BATCH_ROWS) await flush();
    },
    async finish() {
      await flush();
      return rows;
    },
  };
}
