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
