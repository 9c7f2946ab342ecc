import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dayOfInstant } from "@/lib/domain/days";
import type { ImportKind } from "@/lib/domain/imports/catalogue";
import { runImport, type ImportResult, type RunImportInput, type RunImportOptions } from "@/lib/imports/run";
import type { ImportDatabase } from "@/lib/imports/session";
import type { TestDatabase } from "./databases";

// Helpers for the import tests: the pipeline's view of a test database, imports from strings, an
// independent count of what a scan log should publish, and snapshots of the figures.

/** The ImportDatabase of a test database (PostgreSQL: the admin URL pointed at the test database). */
export function importTarget(db: TestDatabase): ImportDatabase {
  if (db.kind === "embedded") return { kind: "embedded", prisma: db.prisma, pglite: db.pglite };
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set");
  const url = new URL(admin);
  url.pathname = new URL(db.location).pathname;
  return { kind: "postgres", prisma: db.prisma, url: url.toString() };
}

export function tempReportDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ww-import-reports-"));
}

export async function* chunksOf(text: string, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function importText(
  target: ImportDatabase,
  kind: ImportKind,
  text: string,
  opts: {
    fileName?: string;
    reportDir: string;
    userId?: number | null;
    options?: RunImportOptions;
    /** a scope, or the confirmation to replace approved figures */
    input?: Pick<RunImportInput, "scope" | "replaceApproved">;
  },
): Promise<ImportResult> {
  return runImport(
    target,
    {
      kind,
      fileName: opts.fileName ?? `${kind.toLowerCase()}.csv`,
      source: chunksOf(text),
      bytesTotal: new TextEncoder().encode(text).length,
      userId: opts.userId ?? null,
      ...opts.input,
    },
    { today: "2021-08-31", ...opts.options, config: { reportDir: opts.reportDir, ...opts.options?.config } },
  );
}

/**
 * What a scan log should publish, counted without lib/imports: each line split on commas, the
 * time parsed by Date and its day taken with lib/domain/days (dayOfInstant).
 */
export function expectedScanFigures(text: string, wardOfVenue: ReadonlyMap<string, string>): Map<string, { active: number; scans: number }> {
  const perVenueDay = new Map<string, number>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [code = "", at = ""] = line.split(",");
    const key = `${code}|${dayOfInstant(new Date(at))}`;
    perVenueDay.set(key, (perVenueDay.get(key) ?? 0) + 1);
  }
  const perWardDay = new Map<string, { active: number; scans: number }>();
  for (const [key, n] of perVenueDay) {
    const [code = "", day = ""] = key.split("|");
    const ward = wardOfVenue.get(code);
    if (!ward) throw new Error(`venue ${code} has no ward`);
    const k = `${ward}|${day}`;
    const cur = perWardDay.get(k) ?? { active: 0, scans: 0 };
    perWardDay.set(k, { active: cur.active + 1, scans: cur.scans + n });
  }
  return perWardDay;
}

export type FigureRow = {
  unit_code: string;
  day: string;
  source: string;
  smartphones: number | null;
  installs: number | null;
  qr_venues: number | null;
  active_venues: number | null;
  scans: number | null;
};

export async function figures(prisma: PrismaClient, where: { source?: string; day?: string } = {}): Promise<FigureRow[]> {
  const rows = await prisma.$queryRawUnsafe<FigureRow[]>(
    `SELECT unit_code, day::text AS day, source::text AS source, smartphones, installs, qr_venues, active_venues, scans
     FROM daily_figure WHERE ($1::text IS NULL OR source::text = $1) AND ($2::text IS NULL OR day = $2::date)
     ORDER BY day, unit_code, source`,
    where.source ?? null,
    where.day ?? null,
  );
  return rows;
}

/** Everything an import can change, to compare before and after. */
export async function snapshot(prisma: PrismaClient): Promise<{ figures: FigureRow[]; venueDays: string; venues: string }> {
  const [venueDays] = await prisma.$queryRawUnsafe<{ s: string }[]>(
    `SELECT coalesce(string_agg(venue_id || ':' || day || ':' || scans, ',' ORDER BY venue_id, day), '') AS s FROM venue_day_scan`,
  );
  const [venues] = await prisma.$queryRawUnsafe<{ s: string }[]>(
    `SELECT coalesce(string_agg(code || ':' || name || ':' || ward_code || ':' || registered_on || ':' || status, ',' ORDER BY code), '') AS s FROM venue`,
  );
  return { figures: await figures(prisma), venueDays: venueDays?.s ?? "", venues: venues?.s ?? "" };
}

export async function importRow(prisma: PrismaClient, id: number) {
  return prisma.import.findUniqueOrThrow({ where: { id } });
}
