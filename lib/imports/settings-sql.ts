import { Prisma } from "../generated/prisma/client.ts";
import { DEFAULT_SOURCE_PRIORITY, type FigureSource } from "../domain/figures.ts";
import { SOURCE_PRIORITY_KEY, SourcePrioritySchema } from "../figures/settings.ts";
import { textOrNull } from "./rows.ts";
import type { SqlExecutor } from "./session.ts";

// The source priority (lib/figures/settings.ts) read through an import's own connection, with the
// same check and default as getSourcePriority: an import needs no Prisma client (issue 15).

export async function readSourcePriority(exec: SqlExecutor): Promise<readonly FigureSource[]> {
  const rows = await exec.rows(Prisma.sql`SELECT value::text AS value FROM setting WHERE key = ${SOURCE_PRIORITY_KEY}`);
  const text = textOrNull(rows[0], "value");
  if (text === null) return DEFAULT_SOURCE_PRIORITY;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_SOURCE_PRIORITY;
  }
  const parsed = SourcePrioritySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SOURCE_PRIORITY;
}
