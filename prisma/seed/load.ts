// Loads the demo (prisma/seed/demo-data.ts: Hoàn Kiếm, the city's districts, Ba Đình's wards) into a
// database. Used by `npm run db:seed`, by `npm start` on an empty database, and by the integration
// tests.
//
// Idempotent: the setting "demo.version" marks a loaded demo, and a second call does nothing.
// Everything is written in one transaction (all or nothing), with createMany … skipDuplicates so
// that two loaders racing on a PostgreSQL server cannot duplicate a row either. The COMPUTED rows
// of districts, the city and the country are then rebuilt by refreshRollups, as after any write.
//
// A demo loaded by an earlier version (its marker's version is lower than DEMO_VERSION, e.g. one
// without Ba Đình's wards) gets the rows it lacks on the next load, and nothing it has is changed:
// units, figures, venues, scans, targets and ranks already there (edited or not) stay as they are.

import { Prisma, type PrismaClient } from "../../lib/generated/prisma/client.ts";
import { analyzeTables } from "../../lib/db/planner-statistics.ts";
import { refreshRollups } from "../../lib/figures/rollups.ts";
import { loadDemoDispatchTemplates } from "./demo-dispatch-template.ts";
import { loadDemoUsers } from "./demo-users.ts";
import { isoDayToUtcDate } from "../../lib/domain/days.ts";
import { formatCount } from "../../lib/domain/format.ts";
import { DEMO_FIRST_DAY, DEMO_LAST_DAY, DEMO_VERSION, generateDemo, type DemoData } from "./demo-data.ts";

export const DEMO_SETTING_KEY = "demo.version";

export type LoadDemoOptions = {
  /** delete the demo's rows (in the demo's days and units) and load them again */
  reset?: boolean;
  log?: (message: string) => void;
};

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1).replace(".", ",")} s`;
}

export async function loadDemo(prisma: PrismaClient, opts: LoadDemoOptions = {}): Promise<{ loaded: boolean }> {
  const log = opts.log ?? (() => undefined);
  const marker = await prisma.setting.findUnique({ where: { key: DEMO_SETTING_KEY }, select: { value: true } });
  const loadedVersion = marker ? markerVersion(marker.value) : null;
  const upgrade = loadedVersion !== null && loadedVersion < DEMO_VERSION && !opts.reset;
  if (marker && !opts.reset && !upgrade) {
    log("Dữ liệu mẫu đã có sẵn: không nạp lại (dùng --reset để nạp lại từ đầu).");
    // Accounts came later than the figures: databases seeded before them get them now.
    await loadDemoUsers(prisma, { log });
    await loadDemoDispatchTemplates(prisma);
    return { loaded: false };
  }

  let started = performance.now();
  const data = generateDemo();
  log(
    `Đã tạo dữ liệu mẫu (${formatCount(data.units.length)} đơn vị, ${formatCount(data.figures.length)} số liệu ngày, ` +
      `${formatCount(data.venues.length)} địa điểm, ${formatCount(data.venueDayScans.length)} ngày-địa điểm có lượt quét) ` +
      `trong ${seconds(started)}.`,
  );

  started = performance.now();
  await prisma.$transaction(
    async (tx) => {
      if (opts.reset) await deleteDemoRows(tx, data, log);
      await writeDemoRows(tx, data, { keepExisting: upgrade });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  log(
    upgrade
      ? `Đã bổ sung dữ liệu mẫu (phiên bản ${loadedVersion} lên ${DEMO_VERSION}; số liệu đã có được giữ nguyên) trong ${seconds(started)}.`
      : `Đã ghi dữ liệu mẫu vào cơ sở dữ liệu trong ${seconds(started)}.`,
  );

  started = performance.now();
  await refreshRollups(prisma, { from: DEMO_FIRST_DAY, to: DEMO_LAST_DAY });
  log(`Đã tổng hợp số liệu quận, thành phố, cả nước trong ${seconds(started)}.`);
  // Statistics for the planner at once (the embedded database has no autovacuum; on PostgreSQL it
  // would come later): lib/db/planner-statistics.ts.
  await analyzeTables(async (sql) => {
    await prisma.$executeRaw(Prisma.raw(sql));
    return [];
  });
  await loadDemoUsers(prisma, { log });
  await loadDemoDispatchTemplates(prisma);
  return { loaded: true };
}

/** The version a "demo.version" setting records (1 when it records none: the first demo). */
function markerVersion(value: unknown): number {
  const version = typeof value === "object" && value !== null ? (value as { version?: unknown }).version : undefined;
  return typeof version === "number" && Number.isSafeInteger(version) ? version : 1;
}

async function deleteDemoRows(tx: Prisma.TransactionClient, data: DemoData, log: (message: string) => void): Promise<void> {
  const unitCodes = data.units.map((u) => u.code);
  const figures = await tx.dailyFigure.deleteMany({
    where: {
      unitCode: { in: unitCodes },
      day: { gte: isoDayToUtcDate(DEMO_FIRST_DAY), lte: isoDayToUtcDate(DEMO_LAST_DAY) },
    },
  });
  let venues = 0;
  for (const codes of chunks(data.venues.map((v) => v.code))) {
    await tx.venueDayScan.deleteMany({ where: { venue: { code: { in: codes } } } });
    await tx.scanLog.deleteMany({ where: { venue: { code: { in: codes } } } });
    venues += (await tx.venue.deleteMany({ where: { code: { in: codes } } })).count;
  }
  await tx.setting.deleteMany({ where: { key: DEMO_SETTING_KEY } });
  log(`Đã xoá dữ liệu mẫu cũ: ${formatCount(figures.count)} số liệu ngày, ${formatCount(venues)} địa điểm (cùng lượt quét của chúng).`);
}

/**
 * Writes the demo's rows. With keepExisting (an older demo being completed), rows already there
 * are left as they are: units are only added, targets and ranks only added, never overwritten.
 *
 * Each table is written by one INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING (what
 * createMany … skipDuplicates does, without binding six parameters per row): the ~40.000 rows
 * take about a second instead of about five.
 */
async function writeDemoRows(tx: Prisma.TransactionClient, data: DemoData, opts: { keepExisting: boolean }): Promise<void> {
  // Units, parents before children (each level's parents are in by the time it is written).
  for (const level of ["COUNTRY", "PROVINCE", "DISTRICT", "WARD"] as const) {
    const units = data.units.filter((u) => u.level === level);
    if (units.length === 0) continue;
    const columns = [units.map((u) => u.code), units.map((u) => u.level), units.map((u) => u.name), units.map((u) => u.type), units.map((u) => u.parentCode)];
    if (opts.keepExisting) {
      await tx.$executeRaw`
        INSERT INTO unit (code, level, name, type, parent_code)
        SELECT r.code, r.level::"UnitLevel", r.name, r.type, r.parent_code
        FROM unnest(${columns[0]}::text[], ${columns[1]}::text[], ${columns[2]}::text[], ${columns[3]}::text[], ${columns[4]}::text[])
          AS r(code, level, name, type, parent_code)
        ON CONFLICT (code) DO NOTHING`;
    } else {
      await tx.$executeRaw`
        INSERT INTO unit (code, level, name, type, parent_code)
        SELECT r.code, r.level::"UnitLevel", r.name, r.type, r.parent_code
        FROM unnest(${columns[0]}::text[], ${columns[1]}::text[], ${columns[2]}::text[], ${columns[3]}::text[], ${columns[4]}::text[])
          AS r(code, level, name, type, parent_code)
        ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, name = EXCLUDED.name, type = EXCLUDED.type, parent_code = EXCLUDED.parent_code`;
    }
  }

  const f = data.figures;
  await tx.$executeRaw`
    INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, qr_venues, active_venues, scans, status, submitted_at)
    SELECT r.unit_code, r.day::date, r.source::"FigureSource", r.smartphones, r.installs, r.qr_venues, r.active_venues, r.scans,
      r.status::"ReportStatus", r.submitted_at::timestamptz
    FROM unnest(${f.map((x) => x.unitCode)}::text[], ${f.map((x) => x.day)}::text[], ${f.map((x) => x.source)}::text[],
                ${f.map((x) => x.smartphones)}::int[], ${f.map((x) => x.installs)}::int[], ${f.map((x) => x.qrVenues)}::int[],
                ${f.map((x) => x.activeVenues)}::int[], ${f.map((x) => x.scans)}::int[], ${f.map((x) => x.status ?? null)}::text[],
                ${f.map((x) => x.submittedAt ?? null)}::text[])
      AS r(unit_code, day, source, smartphones, installs, qr_venues, active_venues, scans, status, submitted_at)
    ON CONFLICT (unit_code, day, source) DO NOTHING`;

  const v = data.venues;
  await tx.$executeRaw`
    INSERT INTO venue (code, name, address, category, ward_code, registered_on)
    SELECT r.code, r.name, r.address, r.category::"VenueCategory", r.ward_code, r.registered_on::date
    FROM unnest(${v.map((x) => x.code)}::text[], ${v.map((x) => x.name)}::text[], ${v.map((x) => x.address)}::text[],
                ${v.map((x) => x.category)}::text[], ${v.map((x) => x.wardCode)}::text[], ${v.map((x) => x.registeredOn)}::text[])
      AS r(code, name, address, category, ward_code, registered_on)
    ON CONFLICT (code) DO NOTHING`;

  // Each scan row's venue by its code (a demo venue is there now, just written or kept).
  const s = data.venueDayScans;
  const codes = s.map((x) => x.venueCode);
  const [unknown] = await tx.$queryRaw<{ code: string | null }[]>`
    SELECT min(c.code) AS code FROM unnest(${[...new Set(codes)]}::text[]) AS c(code)
    WHERE NOT EXISTS (SELECT 1 FROM venue v WHERE v.code = c.code)`;
  if (unknown?.code) throw new Error(`dữ liệu mẫu: không tìm thấy địa điểm ${unknown.code}`);
  await tx.$executeRaw`
    INSERT INTO venue_day_scan (venue_id, day, scans)
    SELECT v.id, r.day::date, r.scans
    FROM unnest(${codes}::text[], ${s.map((x) => x.day)}::text[], ${s.map((x) => x.scans)}::int[]) AS r(code, day, scans)
    JOIN venue v ON v.code = r.code
    ON CONFLICT (venue_id, day) DO NOTHING`;

  // Policy phases: only added, never overwritten (an admin may have edited or removed one since).
  await tx.policyPhase.createMany({
    data: data.policyPhases.map((p) => ({
      unitCode: p.unitCode,
      name: p.name,
      startDay: isoDayToUtcDate(p.startDay),
      endDay: p.endDay === null ? null : isoDayToUtcDate(p.endDay),
    })),
    skipDuplicates: true,
  });

  if (opts.keepExisting) {
    await tx.target.createMany({ data: [...data.targets], skipDuplicates: true });
    await tx.officialRank.createMany({ data: data.officialRanks.map((r) => ({ ...r, day: isoDayToUtcDate(r.day) })), skipDuplicates: true });
  } else {
    await writeTargetsAndRanks(tx, data);
  }

  const value = { version: DEMO_VERSION, from: DEMO_FIRST_DAY, to: DEMO_LAST_DAY };
  await tx.setting.upsert({ where: { key: DEMO_SETTING_KEY }, create: { key: DEMO_SETTING_KEY, value }, update: { value } });
}

async function writeTargetsAndRanks(tx: Prisma.TransactionClient, data: DemoData): Promise<void> {
  for (const t of data.targets) {
    await tx.target.upsert({
      where: { unitCode_metric: { unitCode: t.unitCode, metric: t.metric } },
      create: { unitCode: t.unitCode, metric: t.metric, basisPoints: t.basisPoints },
      update: { basisPoints: t.basisPoints },
    });
  }

  for (const r of data.officialRanks) {
    const day = isoDayToUtcDate(r.day);
    await tx.officialRank.upsert({
      where: { unitCode_day_metric: { unitCode: r.unitCode, day, metric: r.metric } },
      create: { unitCode: r.unitCode, day, metric: r.metric, rank: r.rank, outOf: r.outOf, source: r.source },
      update: { rank: r.rank, outOf: r.outOf, source: r.source },
    });
  }
}
