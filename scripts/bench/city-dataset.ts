// A deterministic city-scale dataset for the dashboard benchmark, generated inside PostgreSQL
// (INSERT … SELECT generate_series: no rows cross the wire, which is the fastest way to load it):
//
//   Hà Nội's 30 real districts (prisma/data/hanoi-units-2021.csv), 579 wards, 206.385 QR venues,
//   90 days (1/6–29/8/2021) of per-venue daily scans with 5–30 % of a ward's venues active a day,
//   ward reports (smartphones, cumulative installs; ~1 % of ward-days missing), the ward-day QR
//   rollup an import writes (IMPORT: registered venues, active venues, scans), then the COMPUTED
//   rows of districts, the city and the country through the app's own refreshRollups.
//
// Randomness is a hash of fixed integers (PostgreSQL's hashint8), so every run on the same
// PostgreSQL major version produces the same rows.

import fs from "node:fs";
import path from "node:path";
import type { Pool, PoolClient } from "pg";
import { addDays, type IsoDay } from "../../lib/domain/days.ts";

export const BENCH_FIRST_DAY: IsoDay = "2021-06-01";
export const BENCH_DAYS = 90;
export const BENCH_LAST_DAY: IsoDay = addDays(BENCH_FIRST_DAY, BENCH_DAYS - 1);
export const BENCH_WARDS = 579;
/** The city's registered QR venues in the dispatch (14/8/2021). */
export const BENCH_VENUES = 206_385;

type Log = (message: string) => void;

/** A uniform number in [0, 1) from two integers: the same inputs give the same number. */
const RAND_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.bench_rand(a bigint, b bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(a * 1000003 + b) & 2147483647)::double precision / 2147483648 $$`;

function districtsFromReferenceData(): { code: string; name: string }[] {
  const csv = fs.readFileSync(path.join(import.meta.dirname, "../../prisma/data/hanoi-units-2021.csv"), "utf8");
  return csv
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","))
    .filter((cols) => cols[1] === "district")
    .map(([code = "", , name = ""]) => ({ code, name }));
}

async function timed(log: Log, what: string, fn: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await fn();
  log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function withRand<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(RAND_FUNCTION);
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Loads the dataset into an empty, migrated database. Returns the ward-day and venue-day counts. */
export async function generateCityDataset(pool: Pool, log: Log): Promise<{ venueDays: number; figures: number }> {
  const first = BENCH_FIRST_DAY;
  const districts = districtsFromReferenceData();
  if (districts.length !== 30) throw new Error(`expected 30 districts in the reference data, found ${districts.length}`);

  await timed(log, "units (country, city, 30 districts, 579 wards)", () =>
    withRand(pool, async (c) => {
      await c.query(`INSERT INTO unit (code, level, name, parent_code) VALUES ('VN', 'COUNTRY', 'Việt Nam', NULL),
                     ('01', 'PROVINCE', 'Thành phố Hà Nội', 'VN')`);
      await c.query(
        `INSERT INTO unit (code, level, name, parent_code) SELECT code, 'DISTRICT', name, '01' FROM unnest($1::text[], $2::text[]) AS d(code, name)`,
        [districts.map((d) => d.code), districts.map((d) => d.name)],
      );
      // Wards in blocks of 19–20 per district, in code order.
      await c.query(
        `INSERT INTO unit (code, level, name, parent_code)
         SELECT lpad(n::text, 5, '0'), 'WARD', 'Phường Thử Nghiệm ' || n, d.code
         FROM generate_series(1, $1::int) n
         JOIN (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS idx FROM unit WHERE level = 'DISTRICT') d
           ON d.idx = ((n - 1) * 30) / $1::int`,
        [BENCH_WARDS],
      );
      await c.query(`INSERT INTO target (unit_code, metric, basis_points) VALUES ('01', 'COVERAGE_RATE', 6000), ('01', 'QR_ACTIVE_RATE', 3000)`);
    }),
  );

  await timed(log, `${BENCH_VENUES.toLocaleString("vi-VN")} venues`, () =>
    withRand(pool, (c) =>
      c.query(
        // 60 % registered before the first day, the rest over the first 60 days.
        `INSERT INTO venue (code, name, category, ward_code, registered_on)
         SELECT 'BV-' || lpad(i::text, 6, '0'), 'Địa điểm thử nghiệm ' || i,
           (ARRAY['AGENCY','BUSINESS','MARKET','SCHOOL','HEALTH_FACILITY','WARD_OFFICE','OTHER'])[1 + floor(pg_temp.bench_rand(i, 2) * 7)::int]::"VenueCategory",
           lpad((1 + (i - 1) % $2::int)::text, 5, '0'),
           $3::date - 90 + floor(pg_temp.bench_rand(i, 1) * 150)::int
         FROM generate_series(1, $1::int) i`,
        [BENCH_VENUES, BENCH_WARDS, first],
      ),
    ),
  );

  // Bulk load without the indexes and the foreign key, then rebuild them once (much faster than
  // maintaining them row by row). Two connections, one half of the days each, use both cores.
  let venueDays = 0;
  await timed(log, "venue-day scans (90 days, 5–30 % of venues active a day)", async () => {
    await pool.query(`ALTER TABLE venue_day_scan DROP CONSTRAINT venue_day_scan_venue_id_fkey,
                      DROP CONSTRAINT venue_day_scan_pkey`);
    await pool.query(`DROP INDEX venue_day_scan_day_idx`);
    const half = Math.ceil(BENCH_DAYS / 2);
    const counts = await Promise.all(
      [
        [0, half - 1],
        [half, BENCH_DAYS - 1],
      ].map(([from, to]) =>
        withRand(pool, (c) =>
          c.query(
            // A ward's share of active venues that day is 5–30 %; a venue scans 1–40 times.
            `INSERT INTO venue_day_scan (venue_id, day, scans)
             SELECT v.id, $1::date + d.n, 1 + floor(pg_temp.bench_rand(v.id, d.n + 1000) * 40)::int
             FROM generate_series($2::int, $3::int) AS d(n)
             CROSS JOIN venue v
             WHERE v.registered_on <= $1::date + d.n
               AND pg_temp.bench_rand(v.id, d.n) < 0.05 + 0.25 * pg_temp.bench_rand(hashtext(v.ward_code), d.n + 5000)`,
            [first, from, to],
          ),
        ),
      ),
    );
    venueDays = counts.reduce((s, r) => s + (r.rowCount ?? 0), 0);
    await Promise.all([
      pool.query(`ALTER TABLE venue_day_scan ADD CONSTRAINT venue_day_scan_pkey PRIMARY KEY (venue_id, day)`),
      pool.query(`CREATE INDEX venue_day_scan_day_idx ON venue_day_scan (day)`),
    ]);
    await pool.query(`ALTER TABLE venue_day_scan ADD CONSTRAINT venue_day_scan_venue_id_fkey
                      FOREIGN KEY (venue_id) REFERENCES venue (id) ON DELETE CASCADE ON UPDATE CASCADE`);
  });

  let figures = 0;
  await timed(log, "ward reports and the ward-day QR rollup", async () => {
    const reports = await withRand(pool, (c) =>
      c.query(
        // Smartphones 4.000–16.000 a ward; installs rise from ~18 % at a ward's own speed;
        // about 1 % of ward-days have no report (missing, not zero).
        `INSERT INTO daily_figure (unit_code, day, source, smartphones, installs, status, updated_at)
         SELECT w.code, $1::date + d.n, 'WARD_REPORT', s.phones,
                least(s.phones, floor(s.phones * (0.18 + s.speed * d.n / ($2::int - 1)))::int), 'SUBMITTED', now()
         FROM unit w
         CROSS JOIN generate_series(0, $2::int - 1) AS d(n)
         CROSS JOIN LATERAL (SELECT 4000 + floor(pg_temp.bench_rand(hashtext(w.code), 7) * 12000)::int AS phones,
                                    0.15 + 0.35 * pg_temp.bench_rand(hashtext(w.code), 8) AS speed) s
         WHERE w.level = 'WARD' AND pg_temp.bench_rand(hashtext(w.code), d.n + 9000) >= 0.01`,
        [first, BENCH_DAYS],
      ),
    );
    // What a QR import writes for each ward and day: registered venues, venues with scans, scans.
    const rollup = await pool.query(
      `WITH days AS (SELECT $1::date + n AS day FROM generate_series(0, $2::int - 1) n),
       reg AS (SELECT ward_code, greatest(registered_on, $1::date) AS day, count(*) AS n FROM venue GROUP BY 1, 2),
       registered AS (
         SELECT w.code, d.day, sum(coalesce(r.n, 0)) OVER (PARTITION BY w.code ORDER BY d.day) AS qr
         FROM unit w CROSS JOIN days d LEFT JOIN reg r ON r.ward_code = w.code AND r.day = d.day
         WHERE w.level = 'WARD'),
       active AS (
         SELECT v.ward_code, s.day, count(*) AS active, sum(s.scans) AS scans
         FROM venue_day_scan s JOIN venue v ON v.id = s.venue_id GROUP BY 1, 2)
       INSERT INTO daily_figure (unit_code, day, source, qr_venues, active_venues, scans, updated_at)
       SELECT r.code, r.day, 'IMPORT', r.qr::int, coalesce(a.active, 0)::int, coalesce(a.scans, 0)::int, now()
       FROM registered r LEFT JOIN active a ON a.ward_code = r.code AND a.day = r.day`,
      [first, BENCH_DAYS],
    );
    figures = (reports.rowCount ?? 0) + (rollup.rowCount ?? 0);
  });
  return { venueDays, figures };
}
