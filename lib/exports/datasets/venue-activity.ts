import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { canExportDataset } from "../../permissions.ts";
import { compareIsoDays, dayRange, parseIsoDayOrThrow, type IsoDay } from "../../domain/days.ts";
import { VENUE_CATEGORY_LABELS } from "../../domain/venue-activity.ts";
import { FILTER_LABELS } from "../../schemas/exports.ts";
import { batchedRows, type BatchedRows, type ExportColumn, type ExportRow } from "../../documents/table.ts";
import { chooseRange, resolveScope, scopeFilters, scopeSlug } from "../scope.ts";
import type { DatasetBody, DatasetContext, ExportDatasetModule } from "../types.ts";

const columns: readonly ExportColumn[] = [
  { key: "day", header: "Ngày", type: "day", width: 12 },
  { key: "wardCode", header: "Mã phường", type: "text", width: 10 },
  { key: "wardName", header: "Tên phường", type: "text", width: 24 },
  { key: "venueCode", header: "Mã điểm QR", type: "text", width: 16 },
  { key: "venueName", header: "Tên điểm QR", type: "text", width: 36 },
  { key: "category", header: "Loại điểm", type: "text", width: 18 },
  { key: "venueStatus", header: "Trạng thái điểm", type: "text", width: 12 },
  { key: "scans", header: "Lượt quét QR", type: "integer", width: 12 },
];

// Venues and their activity: one row per venue and day, streamed from the database

/** Venues per query: ×90 days ≈ 18.000 rows of the file a round trip (ADR 031, 033). */
export const VENUE_BATCH = 200;

const VENUE_STATUS_LABELS: Readonly<Record<string, string>> = { ACTIVE: "Hoạt động", SUSPENDED: "Tạm dừng", CLOSED: "Đã đóng" };

/** A venue of a batch (venueBatchSql). */
type VenueRow = {
  id: number;
  code: string;
  name: string;
  category: string;
  status: string;
  ward_code: string;
  ward_name: string;
  /** its first day in the file, as days after `from` */
  first: number;
  /** its days with scans in the range, as days after `from`, ascending (null: none) */
  days: number[] | null;
  /** the scans of those days */
  scans: number[] | null;
};

/** Wards as a condition on venue `v`: every ward (null) or a list of codes. */
function venueWardCondition(codes: readonly string[] | null): Prisma.Sql {
  return codes === null ? Prisma.sql`true` : Prisma.sql`v.ward_code = ANY(${[...codes]}::text[])`;
}

/**
 * Which venues a batch reads: the next `limit` after `afterId` in the whole register (every ward),
 * or exactly the venues `ids` (a scope's, taken in slices of its list, scopeVenueIdsSql).
 */
export type VenueBatch = { afterId: number; limit: number } | { ids: readonly number[] };

function venueBatchCondition(batch: VenueBatch): { where: Prisma.Sql; limit: Prisma.Sql } {
  return "ids" in batch
    ? { where: Prisma.sql`v.id = ANY(${[...batch.ids]}::int[])`, limit: Prisma.empty }
    : { where: Prisma.sql`v.id > ${batch.afterId}`, limit: Prisma.sql`LIMIT ${batch.limit}` };
}

/**
 * The venues of a scope (a province, a district, a ward) registered by `to`, in id order: read
 * once in the export's snapshot, then the batches take them a slice at a time by primary key.
 * Binding the scope's ward codes into every batch instead (`ward_code = ANY(…) ORDER BY id
 * LIMIT`) tested every row against the codes and, where the scope's ids have gaps (Hà Nội's
 * communes of the old Hà Tây come after other provinces' codes), walked the primary key through
 * the other provinces' venues: up to 190.000 rows for one batch (ADR 031).
 */
export function scopeVenueIdsSql(wardCodes: readonly string[], to: IsoDay): Prisma.Sql {
  return Prisma.sql`
    SELECT v.id FROM venue v
    WHERE ${venueWardCondition(wardCodes)} AND v.registered_on <= ${parseIsoDayOrThrow(to)}::date
    ORDER BY v.id`;
}

/**
 * One batch of venues (by primary key, so every batch costs the same however deep the export is;
 * works on PGlite and PostgreSQL alike): one row per venue, with `first`, the day of its first row
 * (its registration, or `from`) as days after `from`, and its scans in the range as two arrays in
 * day order, `days` (days after `from`) and `scans` (null when it has none). The rows of the file,
 * one per venue and day, are laid out from these in Node (venueDays): the database sends
 * 1 row where the file has up to 90, and no day it did not count (ADR 033).
 */
export function venueBatchSql(params: { batch: VenueBatch; from: IsoDay; to: IsoDay }): Prisma.Sql {
  const from = parseIsoDayOrThrow(params.from);
  const to = parseIsoDayOrThrow(params.to);
  const venues = venueBatchCondition(params.batch);
  // The batch's venues are materialised first and their scans read by primary key for exactly
  // their ids (`ANY(ARRAY(SELECT id FROM v))`, a bitmap scan of each month's partition): joined
  // directly, the planner hashed the whole venue_day_scan table on every batch (ADR 008: 1,3 s
  // instead of 0,2 s a batch on the city dataset).
  return Prisma.sql`
    WITH v AS MATERIALIZED (
      SELECT v.id, v.code, v.name, v.category, v.status, v.ward_code, v.registered_on FROM venue v
      WHERE ${venues.where} AND v.registered_on <= ${to}::date
      ORDER BY v.id ${venues.limit}
    ),
    s AS MATERIALIZED (
      SELECT s.venue_id, array_agg(s.day - ${from}::date ORDER BY s.day) AS days, array_agg(s.scans ORDER BY s.day) AS scans
      FROM venue_day_scan s
      WHERE s.venue_id = ANY(ARRAY(SELECT id FROM v)) AND s.day BETWEEN ${from}::date AND ${to}::date
      GROUP BY s.venue_id
    )
    SELECT v.id, v.code, v.name, v.category::text AS category, v.status::text AS status, v.ward_code, w.name AS ward_name,
      GREATEST(v.registered_on, ${from}::date) - ${from}::date AS first, s.days, s.scans
    FROM v
    JOIN unit w ON w.code = v.ward_code
    LEFT JOIN s ON s.venue_id = v.id
    ORDER BY v.id`;
}

export function venueDayCountSql(wardCodes: readonly string[] | null, from: IsoDay, to: IsoDay): Prisma.Sql {
  const f = parseIsoDayOrThrow(from);
  const t = parseIsoDayOrThrow(to);
  return Prisma.sql`
    SELECT COALESCE(sum(${t}::date - GREATEST(v.registered_on, ${f}::date) + 1), 0)::bigint AS n
    FROM venue v WHERE ${venueWardCondition(wardCodes)} AND v.registered_on <= ${t}::date`;
}

/** The days the venue-level scans cover (null when there are none). */
export function venueScanBoundsSql(): Prisma.Sql {
  return Prisma.sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM venue_day_scan`;
}

/** The days of the file, `from` to `to`, each with whether venue-level scans cover it (else its scans are unknown, null). */
type FileDays = { readonly days: readonly IsoDay[]; readonly known: readonly boolean[] };

function fileDays(from: IsoDay, to: IsoDay, known: { first: IsoDay; last: IsoDay } | null): FileDays {
  const days = dayRange(from, to);
  return { days, known: days.map((d) => known !== null && compareIsoDays(d, known.first) >= 0 && compareIsoDays(d, known.last) <= 0) };
}

/**
 * A venue's rows, one per day from its first day to `to`: the scans of a day its scans cover are
 * its count, 0 when it has no row that day; null on a day the venue-level data does not cover.
 * The cells repeated on every day are the same strings (the CSV writer then quotes them once).
 */
function venueDays(v: VenueRow, { days, known }: FileDays, rows: ExportRow[]): void {
  const category = VENUE_CATEGORY_LABELS[v.category] ?? v.category;
  const status = VENUE_STATUS_LABELS[v.status] ?? v.status;
  const scanDays = v.days ?? [];
  const scans = v.scans ?? [];
  let j = 0;
  for (let i = v.first; i < days.length; i++) {
    while (j < scanDays.length && (scanDays[j] ?? i) < i) j++;
    const n = known[i] ? (scanDays[j] === i ? (scans[j] ?? 0) : 0) : null;
    rows.push([days[i] ?? "", v.ward_code, v.ward_name, v.code, v.name, category, status, n]);
  }
}

/**
 * The rows of the whole register (`scopeIds` null) or of the scope's venues, a database batch at a
 * time (BatchedRows: the writers await once per batch, not per row).
 */
function venueDayRows(prisma: PrismaClient, scopeIds: readonly number[] | null, from: IsoDay, to: IsoDay, days: FileDays): BatchedRows {
  return batchedRows(async function* () {
    let taken = 0;
    /** The batch after venue `afterId`; null once the scope's list is used up. */
    const nextBatch = (afterId: number): VenueBatch | null => {
      if (scopeIds === null) return { afterId, limit: VENUE_BATCH };
      if (taken >= scopeIds.length) return null;
      const ids = scopeIds.slice(taken, taken + VENUE_BATCH);
      taken += ids.length;
      return { ids };
    };
    const fetch = (afterId: number): Promise<VenueRow[]> | null => {
      const batch = nextBatch(afterId);
      return batch && prisma.$queryRaw<VenueRow[]>(venueBatchSql({ from, to, batch }));
    };
    let pending = fetch(0);
    while (pending) {
      const venues = await pending;
      const last = venues.at(-1);
      // An empty batch is the register's end (or a scope's venues all gone, which the snapshot rules out).
      if (!last) return;
      // One batch ahead: the database works on the next batch while this one is written out; memory
      // holds one batch of rows and the next batch's venues.
      pending = fetch(last.id);
      // A consumer that stops early leaves the read-ahead unobserved: keep its failure from being unhandled.
      pending?.catch(() => undefined);
      const rows: ExportRow[] = [];
      for (const v of venues) venueDays(v, days, rows);
      yield rows;
    }
  });
}

async function read({ db: prisma, user, filters }: DatasetContext): Promise<DatasetBody> {
  const scope = await resolveScope(prisma, user, filters, { allowEveryDistrict: true });
  const { from, to } = await chooseRange(prisma, scope, filters);
  // Every ward of the system (an admin's country-wide export): no list of 10.603 codes to bind.
  const wardCodes = scope.province === null && scope.district === null && scope.ward === null ? null : scope.wards.map((w) => w.code);
  const [[count], [bounds], scopeIds] = await Promise.all([
    prisma.$queryRaw<{ n: bigint }[]>(venueDayCountSql(wardCodes, from, to)),
    prisma.$queryRaw<{ first: string | null; last: string | null }[]>(venueScanBoundsSql()),
    wardCodes === null ? null : prisma.$queryRaw<{ id: number }[]>(scopeVenueIdsSql(wardCodes, to)).then((rows) => rows.map((r) => r.id)),
  ]);
  const known = bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
  return {
    fileBase: `diem-qr-theo-ngay-${scopeSlug(scope)}-${from}-${to}`,
    filters: [
      ...scopeFilters(scope),
      { label: FILTER_LABELS.from, value: from },
      { label: FILTER_LABELS.to, value: to },
      {
        label: "Ghi chú",
        value: known
          ? `mỗi điểm QR một dòng mỗi ngày kể từ ngày đăng ký; lượt quét để trống ngoài những ngày có dữ liệu quét theo điểm (${known.first} đến ${known.last})`
          : "chưa có dữ liệu quét theo điểm: lượt quét để trống",
      },
    ],
    rowCount: Number(count?.n ?? 0n),
    rows: venueDayRows(prisma, scopeIds, from, to, fileDays(from, to, known)),
  };
}

export const venueActivity: ExportDatasetModule<"venue-activity"> = {
  id: "venue-activity",
  label: "Điểm QR và lượt quét theo ngày",
  description:
    "Mỗi điểm QR một dòng mỗi ngày: lượt quét theo ngày. Tệp lớn; Excel tối đa 1.048.575 dòng.",
  filters: ["province", "district", "ward", "from", "to"],
  permission: (user) => canExportDataset(user, "venue-activity"),
  columns,
  read,
};
