// Loads the demo district (prisma/seed/demo-data.ts) into a database. Used by `npm run db:seed`,
// by `npm start` on an empty database, and by the integration tests.
//
// Idempotent: the setting "demo.version" marks a loaded demo, and a second call does nothing.
// Everything is written in one transaction (all or nothing), with createMany … skipDuplicates so
// that two loaders racing on a PostgreSQL server cannot duplicate a row either. The COMPUTED rows
// of districts, the city and the country are then rebuilt by refreshRollups, as after any write.

import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client.ts";
import { refreshRollups } from "../../lib/data/rollups.ts";
import { loadDemoDispatchTemplates } from "./demo-dispatch-template.ts";
import { loadDemoUsers } from "./demo-users.ts";
import { isoDayToUtcDate } from "../../lib/domain/days.ts";
import { formatCount } from "../../lib/domain/format.ts";
import { DEMO_FIRST_DAY, DEMO_LAST_DAY, DEMO_VENUE_PREFIX, DEMO_VERSION, generateDemo, type DemoData } from "./demo-data.ts";

export const DEMO_SETTING_KEY = "demo.version";

export type LoadDemoOptions = {
  /** delete the demo's rows (in the demo's days and units) and load them again */
  reset?: boolean;
  log?: (message: string) => void;
};

const CHUNK = 1000;
const LEVEL_ORDER = { COUNTRY: 0, PROVINCE: 1, DISTRICT: 2, WARD: 3 } as const;

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
  const marker = await prisma.setting.findUnique({ where: { key: DEMO_SETTING_KEY }, select: { key: true } });
  if (marker && !opts.reset) {
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
      await writeDemoRows(tx, data);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  log(`Đã ghi dữ liệu mẫu vào cơ sở dữ liệu trong ${seconds(started)}.`);

  started = performance.now();
  await refreshRollups(prisma, { from: DEMO_FIRST_DAY, to: DEMO_LAST_DAY });
  log(`Đã tổng hợp số liệu quận, thành phố, cả nước trong ${seconds(started)}.`);
  await loadDemoUsers(prisma, { log });
  await loadDemoDispatchTemplates(prisma);
  return { loaded: true };
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

async function writeDemoRows(tx: Prisma.TransactionClient, data: DemoData): Promise<void> {
  // Units, parents before children (the foreign key to the parent is checked row by row).
  const units = [...data.units].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  for (const u of units) {
    await tx.unit.upsert({
      where: { code: u.code },
      create: { code: u.code, level: u.level, name: u.name, type: u.type, parentCode: u.parentCode },
      update: { level: u.level, name: u.name, type: u.type, parentCode: u.parentCode },
    });
  }

  for (const part of chunks(data.figures)) {
    await tx.dailyFigure.createMany({
      data: part.map((f) => ({
        unitCode: f.unitCode,
        day: isoDayToUtcDate(f.day),
        source: f.source,
        smartphones: f.smartphones,
        installs: f.installs,
        qrVenues: f.qrVenues,
        activeVenues: f.activeVenues,
        scans: f.scans,
        status: f.status ?? null,
        submittedAt: f.submittedAt === undefined ? null : new Date(f.submittedAt),
      })),
      skipDuplicates: true,
    });
  }

  for (const part of chunks(data.venues)) {
    await tx.venue.createMany({
      data: part.map((v) => ({
        code: v.code,
        name: v.name,
        address: v.address,
        category: v.category,
        wardCode: v.wardCode,
        registeredOn: isoDayToUtcDate(v.registeredOn),
      })),
      skipDuplicates: true,
    });
  }

  const ids = new Map(
    (
      await tx.venue.findMany({ where: { code: { startsWith: DEMO_VENUE_PREFIX } }, select: { id: true, code: true } })
    ).map((v) => [v.code, v.id]),
  );
  for (const part of chunks(data.venueDayScans, 2 * CHUNK)) {
    await tx.venueDayScan.createMany({
      data: part.map((s) => {
        const venueId = ids.get(s.venueCode);
        if (venueId === undefined) throw new Error(`dữ liệu mẫu: không tìm thấy địa điểm ${s.venueCode}`);
        return { venueId, day: isoDayToUtcDate(s.day), scans: s.scans };
      }),
      skipDuplicates: true,
    });
  }

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

  const value = { version: DEMO_VERSION, from: DEMO_FIRST_DAY, to: DEMO_LAST_DAY };
  await tx.setting.upsert({ where: { key: DEMO_SETTING_KEY }, create: { key: DEMO_SETTING_KEY, value }, update: { value } });
}
