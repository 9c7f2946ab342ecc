import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DEFAULT_SOURCE_PRIORITY, FIGURE_SOURCES, type FigureSource } from "../domain/figures.ts";

// Settings an admin can change, stored as JSON in the `setting` table and checked with zod on read
// (a bad stored value falls back to the default rather than breaking every page).

export const SOURCE_PRIORITY_KEY = "figures.sourcePriority";

const SourcePrioritySchema = z
  .array(z.enum(FIGURE_SOURCES))
  .length(FIGURE_SOURCES.length)
  .refine((list) => new Set(list).size === list.length, "mỗi nguồn chỉ xuất hiện một lần");

export async function getSourcePriority(prisma: Pick<PrismaClient, "setting">): Promise<readonly FigureSource[]> {
  const row = await prisma.setting.findUnique({ where: { key: SOURCE_PRIORITY_KEY }, select: { value: true } });
  const parsed = SourcePrioritySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SOURCE_PRIORITY;
}
