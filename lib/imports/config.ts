import path from "node:path";
import { z } from "zod";

// Limits of an import, configurable through the environment (checked with zod once), enforced
// while the file streams in: the import stops as soon as one is passed, with a clear message.

export const SHOWN_ERRORS = 1000;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ImportEnvSchema = z.object({
  /** largest file accepted, in bytes (default 1 GiB) */
  WARDWATCH_IMPORT_MAX_BYTES: positiveInt(1024 * 1024 * 1024),
  /** most data rows in one file (default 10.000.000) */
  WARDWATCH_IMPORT_MAX_ROWS: positiveInt(10_000_000),
  /** most calendar days one scan log or install statistics file may cover (default 31) */
  WARDWATCH_IMPORT_MAX_DAYS: positiveInt(31),
  /** most days a venue register writes figures for, counted back from its last registration (default 731) */
  WARDWATCH_IMPORT_REGISTER_DAYS: positiveInt(731),
  /** imports running at once in one server process (default 1; the embedded database always runs one) */
  WARDWATCH_IMPORT_CONCURRENCY: positiveInt(1),
  /** uploads waiting for their turn; one more is refused with 503 and Retry-After (default 3) */
  WARDWATCH_IMPORT_QUEUE: positiveInt(3),
  /**
   * worker threads reading a large scan log from the command line (0: none; default: chosen from
   * the file's size, the cores and the load, lib/imports/pieces.ts readerThreads)
   */
  WARDWATCH_IMPORT_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  /** folder for error reports (default <WARDWATCH_DATA_DIR>/imports) */
  WARDWATCH_IMPORT_DIR: z.string().trim().min(1).optional(),
  WARDWATCH_DATA_DIR: z.string().trim().min(1).default(".data"),
});

export type ImportLimits = {
  maxBytes: number;
  maxRows: number;
  maxDays: number;
  registerDays: number;
};

export type ImportConfig = ImportLimits & {
  reportDir: string;
  /** imports running at once in this process */
  concurrency: number;
  /** imports allowed to wait for a turn */
  queueBound: number;
  /** WARDWATCH_IMPORT_THREADS, null when not set (automatic) */
  threads: number | null;
};

export function readImportConfig(source: Readonly<Record<string, string | undefined>> = process.env): ImportConfig {
  const parsed = ImportEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình nhập dữ liệu không hợp lệ:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    maxBytes: env.WARDWATCH_IMPORT_MAX_BYTES,
    maxRows: env.WARDWATCH_IMPORT_MAX_ROWS,
    maxDays: env.WARDWATCH_IMPORT_MAX_DAYS,
    registerDays: env.WARDWATCH_IMPORT_REGISTER_DAYS,
    concurrency: env.WARDWATCH_IMPORT_CONCURRENCY,
    queueBound: env.WARDWATCH_IMPORT_QUEUE,
    threads: env.WARDWATCH_IMPORT_THREADS ?? null,
    // Not a file the build should trace: a folder chosen at run time.
    reportDir: path.resolve(/*turbopackIgnore: true*/ env.WARDWATCH_IMPORT_DIR ?? path.join(env.WARDWATCH_DATA_DIR, "imports")),
  };
}
