import { afterAll, beforeAll, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/permissions";
import { openExport } from "@/lib/data/exports";
import { VENUE_BATCH } from "@/lib/exports/datasets/venue-activity";
import { csvText } from "@/lib/documents/csv";
import { neutraliseFormula } from "@/lib/documents/cells";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { VENUE_CATEGORY_LABELS } from "@/lib/domain/venue-activity";
import type { ExportFilters } from "@/lib/schemas/exports";
import { loadDemo } from "@/prisma/seed/load";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// The venue-activity file is laid out in Node from one row per venue (its first day and its scans,
// ADR 033). Here it is compared, byte for byte, with the file written the way it was before: one
// database row per venue and day from a plain statement (generate_series, a left join to the
// scans, 0 on a day without scans inside the days the venue-level data covers, empty outside
// them), each row written by csv-stringify. On both databases, for a district (the scope's ids
// in slices) and the whole register (keyset batches), with venues registered inside the range,
// names that need quoting or neutralising, and a range that starts before the scans do.

const DISTRICT = "002";
const PHUC_TAN = "00037";
const FROM = "2021-07-25";
const SCANS_FROM = "2021-08-01";
const LAST = "2021-08-17";
const NOW = new Date("2021-08-20T03:00:00Z");
const STATUS = { ACTIVE: "Hoạt động", SUSPENDED: "Tạm dừng", CLOSED: "Đã đóng" } as const;

type ReferenceRow = { day: string; ward_code: string; ward_name: string; code: string; name: string; category: string; status: keyof typeof STATUS; scans: number | null };

/** The file as it was written before ADR 033: a database row per line, csv-stringify per row. */
async function referenceFile(prisma: PrismaClient, district: string | null, from: string, to: string): Promise<{ text: string; rows: number }> {
  const rows = await prisma.$queryRaw<ReferenceRow[]>(Prisma.sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, v.ward_code, w.name AS ward_name, v.code, v.name,
      v.category::text AS category, v.status::text AS status,
      CASE WHEN d.day BETWEEN b.first AND b.last THEN COALESCE(s.scans, 0) END AS scans
    FROM venue v
    JOIN unit w ON w.code = v.ward_code
    CROSS JOIN (SELECT min(day) AS first, max(day) AS last FROM venue_day_scan) b
    CROSS JOIN LATERAL (
      SELECT g::date AS day FROM generate_series(GREATEST(v.registered_on, ${from}::date), ${to}::date, interval '1 day') g
    ) d
    LEFT JOIN venue_day_scan s ON s.venue_id = v.id AND s.day = d.day
    WHERE (${district}::text IS NULL OR w.parent_code = ${district}::text) AND v.registered_on <= ${to}::date
    ORDER BY v.id, d.day`);
  const header = ["Ngày", "Mã phường", "Tên phường", "Mã điểm QR", "Tên điểm QR", "Loại điểm", "Trạng thái điểm", "Lượt quét QR"];
  const lines = rows.map((r) => [
    r.day,
    neutraliseFormula(r.ward_code),
    neutraliseFormula(r.ward_name),
    neutraliseFormula(r.code),
    neutraliseFormula(r.name),
    neutraliseFormula(VENUE_CATEGORY_LABELS[r.category] ?? r.category),
    neutraliseFormula(STATUS[r.status]),
    r.scans === null ? "" : String(r.scans),
  ]);
  return { text: "\uFEFF" + stringify([header, ...lines], { record_delimiter: "windows", quoted_match: /[\r\n]/ }), rows: rows.length };
}

describeOnBothDatabases("venue activity laid out from one row per venue equals the file of one row per venue-day", (open) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let admin: SessionUser;

  async function file(filters: Partial<ExportFilters>): Promise<{ text: string; rowCount: number }> {
    const table = await openExport(admin, { dataset: "venue-activity", filters: { ...filters, from: FROM, to: LAST } }, NOW);
    return { text: await csvText(table), rowCount: table.rowCount };
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    prisma = db.prisma;
    await loadDemo(prisma);
    admin = await createTestUser(prisma, { role: "ADMIN" });
    // The venue-level scans start after the range does: the first days' scans are unknown (empty).
    await prisma.venueDayScan.deleteMany({ where: { day: { lt: isoDayToUtcDate(SCANS_FROM) } } });
    const venues: { code: string; name: string; registeredOn: string; status: "ACTIVE" | "SUSPENDED" | "CLOSED"; scans: Record<string, number> }[] = [
      { code: "QR-THU-1", name: 'Quán "Phở Bò", số 1', registeredOn: "2021-08-10", status: "ACTIVE", scans: { "2021-08-10": 3, [LAST]: 12 } },
      { code: "=QR-THU-2", name: "=HYPERLINK(\"http://x\")", registeredOn: "2021-07-01", status: "SUSPENDED", scans: { [SCANS_FROM]: 1, "2021-08-02": 2 } },
      { code: "QR-THU-3", name: "Chợ\r\nđêm", registeredOn: LAST, status: "CLOSED", scans: { [LAST]: 7 } },
      { code: "QR-THU-4", name: "-5 chỗ ngồi", registeredOn: "2021-08-20", status: "ACTIVE", scans: {} },
      { code: "QR-THU-5", name: "Quán\ncà phê", registeredOn: LAST, status: "ACTIVE", scans: { [LAST]: 4 } },
    ];
    for (const v of venues) {
      const venue = await prisma.venue.create({
        data: { code: v.code, name: v.name, category: "BUSINESS", status: v.status, wardCode: PHUC_TAN, registeredOn: isoDayToUtcDate(v.registeredOn) },
      });
      const scans = Object.entries(v.scans).map(([day, n]) => ({ venueId: venue.id, day: isoDayToUtcDate(day), scans: n }));
      if (scans.length > 0) await prisma.venueDayScan.createMany({ data: scans });
    }
  });
  afterAll(() => closeServedDatabase(db));

  it("a district's file (the scope's venues by id, in slices) is the reference file, byte for byte", async () => {
    const { text, rowCount } = await file({ district: DISTRICT });
    const { text: expected, rows } = await referenceFile(prisma, DISTRICT, FROM, LAST);
    expect(text).toBe(expected);
    expect(rowCount).toBe(rows);
    // The cases the layout has to get right are in it: unknown days, zero days, quoted and neutralised names.
    expect(expected).toContain(`\r\n${FROM},${PHUC_TAN},`);
    expect(expected).toMatch(/\r\n2021-07-25,[^\r]*,\r\n/);
    expect(expected).toMatch(/\r\n2021-08-03,[^\r]*,0\r\n/);
    expect(expected).toContain(`"Quán ""Phở Bò"", số 1"`);
    expect(expected).toContain(`,'=QR-THU-2,"'=HYPERLINK(""http://x"")",Cơ sở kinh doanh,Tạm dừng,1\r\n`);
    expect(expected).toContain(`"Chợ\r\nđêm",Cơ sở kinh doanh,Đã đóng,7\r\n`);
    expect(expected).not.toContain("-5 chỗ ngồi");
    // a lone line feed in a name is quoted too: every CSV reader keeps the row whole
    expect(expected).toContain(`,QR-THU-5,"Quán\ncà phê",Cơ sở kinh doanh,Hoạt động,4\r\n`);
    const venues = await prisma.venue.count({ where: { ward: { parentCode: DISTRICT } } });
    expect(venues).toBeGreaterThan(VENUE_BATCH); // more than one batch
  });

  it("the whole register's file (keyset batches) is the reference file, byte for byte", async () => {
    const { text, rowCount } = await file({});
    const { text: expected, rows } = await referenceFile(prisma, null, FROM, LAST);
    expect(text).toBe(expected);
    expect(rowCount).toBe(rows);
  });
});
