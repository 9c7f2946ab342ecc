// A deterministic national-scale dataset for `npm run bench -- national` (issue 18), generated
// inside PostgreSQL (INSERT … SELECT generate_series: no rows cross the wire):
//
//   the real unit tree of the country (prisma/data/vietnam-units-2021-07-01.csv, the GSO codes
//   in force on 1/7/2021: 63 provinces, 705 districts, 10.603 communes), loaded by the app's own
//   loadReferenceUnits; 1.500.000 × scale QR venues spread evenly over the communes in code order (so
//   venue ids follow the wards: Hà Nội's venues come first, which the export benchmark uses); 90 days
//   (1/6–29/8/2021) of ward-level daily figures for every commune (ward reports: smartphones and
//   cumulative installs, ~1 % of ward-days missing; the QR rollup an import writes: registered,
//   active venues, scans); per-venue daily scans (venue_day_scan) for Hà Nội's 579 wards over all
//   90 days and for the whole country over the last `venueDays` days (default 7: the alerts'
//   dormancy window), 5–30 % of a ward's venues active a day; then the COMPUTED rows of districts,
//   provinces and the country through the app's own refreshRollups.
//
// Why not venue-day rows for the whole country over 90 days: that is ~24 million rows (1,5 M
// venues × 90 days × ~17 %), about 1,5 GB with its indexes, and an hour of this shared 2-core
// machine. Where no venue-day rows exist, a ward-day's active venues and scans are drawn from the
// same hash (as an import of the national system's own aggregates would write them). The sizes
// generated are printed and written to the results.
//
// Randomness is a hash of fixed integers (PostgreSQL's hashint8): the same scale gives the same rows.

import type { Pool, PoolClient } from "pg";
import { addDays, type IsoDay } from "../../lib/domain/days.ts";
import { ensureMonthPartitions, type SqlRows } from "../../lib/storage/partitions.ts";

export const NATIONAL_FIRST_DAY: IsoDay = "2021-06-01";
export const NATIONAL_DAYS = 90;
export const NATIONAL_LAST_DAY: IsoDay = addDays(NATIONAL_FIRST_DAY, NATIONAL_DAYS - 1);
export const NATIONAL_VENUES = 1_500_000;
/** Hà Nội: 90 days of venue-level data (the city-wide export). */
export const CAPITAL = "01";

type Log = (message: string) => void;

const RAND_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.bench_rand(a bigint, b bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(a * 1000003 + b) & 2147483647)::double precision / 2147483648 $$`;

async function timed<T>(log: Log, what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function withRand<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(RAND_FUNCTION);
    await client.query(`SET work_mem = '256MB'`);
    return await fn(client);
  } finally {
    client.release();
  }
}

export type NationalCounts = {
  provinces: number;
  districts: number;
  wards: number;
  venues: number;
  venueDays: number;
  wardFigures: number;
  venueDayDays: number;
};

/**
 * Loads the dataset into a migrated database that already holds the reference unit tree
 * (loadReferenceUnits). `venues` venues; venue-day rows for the capital over all days and for
 * every ward over the last `venueDays` days. Returns what it generated.
 */
export async function generateNationalDataset(pool: Pool, log: Log, opts: { venues: number; venueDays: number }): Promise<NationalCounts> {
  const first = NATIONAL_FIRST_DAY;
  const unitCounts = await pool.query<{ level: string; n: number }>(`SELECT level::text, count(*)::int AS n FROM unit GROUP BY 1`);
  const count = (level: string) => unitCounts.rows.find((r) => r.level === level)?.n ?? 0;
  const wards = count("WARD");
  if (wards < 10_000) throw new Error(`expected the country's unit tree (10.603 communes), found ${wards} wards`);

  await pool.query(`INSERT INTO target (unit_code, metric, basis_points) VALUES ('VN', 'COVERAGE_RATE', 6000), ('VN', 'QR_ACTIVE_RATE', 3000)`);
  // The wards in code order with their index and province: a venue's ward is its number modulo the wards.
  await pool.query(`CREATE UNLOGGED TABLE bench_ward AS
    SELECT (row_number() OVER (ORDER BY w.code) - 1)::int AS idx, w.code, d.parent_code AS province
    FROM unit w JOIN unit d ON d.code = w.parent_code WHERE w.level = 'WARD'`);

  await timed(log, `${opts.venues.toLocaleString("vi-VN")} địa điểm`, () =>
    withRand(pool, (c) =>
      c.query(
        `INSERT INTO venue (code, name, category, ward_code, registered_on)
         SELECT 'NV-' || lpad(i::text, 7, '0'), 'Địa điểm ' || i,
           (ARRAY['AGENCY','BUSINESS','MARKET','SCHOOL','HEALTH_FACILITY','WARD_OFFICE','OTHER'])[1 + floor(pg_temp.bench_rand(i, 2) * 7)::int]::"VenueCategory",
           w.code, $3::date - 90 + floor(pg_temp.bench_rand(i, 1) * 150)::int
         FROM generate_series(1, $1::int) i JOIN bench_ward w ON w.idx = ((i - 1)::bigint * $2::int / $1::int)::int`,
        [opts.venues, wards, first],
      ),
    ),
  );

  // Venue-day rows: bulk loaded without the key, index and foreign key, rebuilt once after.
  const rows: SqlRows = { rows: async (sql) => (await pool.query(sql.text, sql.values)).rows };
  await ensureMonthPartitions(rows, "venue_day_scan", first, NATIONAL_LAST_DAY);
  const venueDays = await timed(log, `ngày-địa điểm (Hà Nội ${NATIONAL_DAYS} ngày, cả nước ${opts.venueDays} ngày cuối)`, async () => {
    await pool.query(`ALTER TABLE venue_day_scan DROP CONSTRAINT venue_day_scan_venue_id_fkey, DROP CONSTRAINT venue_day_scan_pkey`);
    await pool.query(`DROP INDEX venue_day_scan_day_idx`);
    const lastStart = NATIONAL_DAYS - opts.venueDays;
    const insert = (from: number, to: number, capitalOnly: boolean) =>
      withRand(pool, (c) =>
        c.query(
          `INSERT INTO venue_day_scan (venue_id, day, scans)
           SELECT v.id, $1::date + d.n, 1 + floor(pg_temp.bench_rand(v.id, d.n + 1000) * 40)::int
           FROM generate_series($2::int, $3::int) AS d(n)
           CROSS JOIN venue v
           WHERE v.registered_on <= $1::date + d.n
             ${capitalOnly ? `AND v.ward_code IN (SELECT code FROM bench_ward WHERE province = '${CAPITAL}')` : ""}
             AND pg_temp.bench_rand(v.id, d.n) < 0.05 + 0.25 * pg_temp.bench_rand(hashtext(v.ward_code), d.n + 5000)`,
          [first, from, to],
        ),
      );
    // Two connections, one per core.
    const half = lastStart + Math.floor(opts.venueDays / 2);
    const results = await Promise.all([
      (async () => (lastStart > 0 ? ((await insert(0, lastStart - 1, true)).rowCount ?? 0) : 0) + ((await insert(lastStart, half - 1, false)).rowCount ?? 0))(),
      (async () => (await insert(half, NATIONAL_DAYS - 1, false)).rowCount ?? 0)(),
    ]);
    await Promise.all([
      pool.query(`ALTER TABLE venue_day_scan ADD CONSTRAINT venue_day_scan_pkey PRIMARY KEY (venue_id, day)`),
      pool.query(`CREATE INDEX venue_day_scan_day_idx ON venue_day_scan (day)`),
    ]);
    await pool.query(`ALTER TABLE venue_day_scan ADD CONSTRAINT venue_day_scan_venue_id_fkey
                      FOREIGN KEY (venue_id) REFERENCES venue (id) ON DELETE CASCADE ON UPDATE CASCADE`);
    return results.reduce((a, b) => a + b, 0);
  });

  const wardFigures = await timed(log, "số liệu theo phường-ngày (báo cáo phường và số liệu QR)", async () => {
    // Loaded without the two secondary indexes (rebuilt once after: far cheaper than ~2 million
    // inserts into them), the sorts in memory.
    await pool.query(`DROP INDEX daily_figure_day_unit_code_idx, daily_figure_unit_code_day_source_key`);
    await pool.query(`ANALYZE bench_ward`);
    const reports = await withRand(pool, (c) =>
      c.query(
        `INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, status, updated_at)
         SELECT w.code, $1::date + d.n, 'WARD_REPORT', s.phones,
                least(s.phones, floor(s.phones * (0.18 + s.speed * d.n / ($2::int - 1)))::int), 'SUBMITTED', now()
         FROM bench_ward w
         CROSS JOIN generate_series(0, $2::int - 1) AS d(n)
         CROSS JOIN LATERAL (SELECT 2000 + floor(pg_temp.bench_rand(hashtext(w.code), 7) * 12000)::int AS phones,
                                    0.15 + 0.35 * pg_temp.bench_rand(hashtext(w.code), 8) AS speed) s
         WHERE pg_temp.bench_rand(hashtext(w.code), d.n + 9000) >= 0.01`,
        [first, NATIONAL_DAYS],
      ),
    );
    // The QR rollup: registered venues from the register; active venues and scans from the
    // venue-day rows where they exist (the capital, the last days), else drawn from the hash.
    const rollup = await withRand(pool, (c) =>
      c.query(
        `WITH days AS (SELECT n, $1::date + n AS day FROM generate_series(0, $2::int - 1) n),
         reg AS MATERIALIZED (SELECT ward_code, greatest(registered_on, $1::date) AS day, count(*) AS n FROM venue GROUP BY 1, 2),
         registered AS MATERIALIZED (
           SELECT w.code, w.province, d.n, d.day, sum(coalesce(r.n, 0)) OVER (PARTITION BY w.code ORDER BY d.day) AS qr
           FROM bench_ward w CROSS JOIN days d LEFT JOIN reg r ON r.ward_code = w.code AND r.day = d.day),
         active AS MATERIALIZED (
           SELECT v.ward_code, s.day, count(*) AS active, sum(s.scans) AS scans
           FROM venue_day_scan s JOIN venue v ON v.id = s.venue_id GROUP BY 1, 2)
         INSERT INTO daily_figure (unit_code, day, source, qr_venues, active_venues, scans, updated_at)
         SELECT r.code, r.day, 'IMPORT', r.qr::int,
           CASE WHEN r.province = '${CAPITAL}' OR r.n >= $3::int THEN coalesce(a.active, 0)
                ELSE floor(r.qr * (0.05 + 0.25 * pg_temp.bench_rand(hashtext(r.code), r.n + 5000)))::int END,
           CASE WHEN r.province = '${CAPITAL}' OR r.n >= $3::int THEN coalesce(a.scans, 0)
                ELSE floor(r.qr * (0.05 + 0.25 * pg_temp.bench_rand(hashtext(r.code), r.n + 5000)) * 20.5)::int END,
           now()
         FROM registered r LEFT JOIN active a ON a.ward_code = r.code AND a.day = r.day`,
        [first, NATIONAL_DAYS, NATIONAL_DAYS - opts.venueDays],
      ),
    );
    await Promise.all([
      pool.query(`CREATE INDEX daily_figure_day_unit_code_idx ON daily_figure (day, unit_code)`),
      pool.query(`CREATE UNIQUE INDEX daily_figure_unit_code_day_source_key ON daily_figure (unit_code, day, source)`),
    ]);
    return (reports.rowCount ?? 0) + (rollup.rowCount ?? 0);
  });
  await pool.query(`DROP TABLE bench_ward`);
  return {
    provinces: count("PROVINCE"),
    districts: count("DISTRICT"),
    wards,
    venues: opts.venues,
    venueDays,
    wardFigures,
    venueDayDays: opts.venueDays,
  };
}
