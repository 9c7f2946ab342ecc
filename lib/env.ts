import path from "node:path";
import { z } from "zod";

// Environment, checked once at the boundary. Every setting has a safe default so that
// `npm start` works on a fresh machine with no configuration at all.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://",
    }),
  WARDWATCH_DATA_DIR: z.string().trim().min(1).default(".data"),
  /** Load the demo district into an empty database on start (default on). */
  WARDWATCH_SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /** Milliseconds before a PostgreSQL connection attempt gives up (node-pg defaults to forever). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** Connections in the pool for pages, actions and API requests. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /**
   * Longest a page, action or API request waits for one query (PostgreSQL). The slowest legitimate
   * page query at city scale takes well under a second; past this the request answers 503.
   */
  WARDWATCH_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5000),
  /** The same deadline for long work (downloads, imports, documents) on its own pool. */
  WARDWATCH_LONG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
  /** Connections in the long-work pool (heavy work runs a few at a time: lib/server/capacity.ts). */
  WARDWATCH_LONG_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  /** Longest the health check (/api/health and the proxy's availability gate) waits for the database. */
  WARDWATCH_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình môi trường không hợp lệ:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Absolute folder that holds the embedded database (PGlite) and its lock file. */
export function dataDirectory(env: Env = readEnv()): string {
  return path.resolve(process.cwd(), env.WARDWATCH_DATA_DIR);
}
