import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { CodeIndex } from "@/lib/imports/code-index";
import { CsvTokenizer } from "@/lib/imports/csv";
import { ImportErrors } from "@/lib/imports/errors";
import { readHeader } from "@/lib/imports/header";
import { IMPORT_COLUMNS } from "@/lib/imports/kinds";
import { executeRawOn } from "@/lib/imports/rollups-tx";
import { ScanLogReader } from "@/lib/imports/scan-log";
import {
  approvedChangeText,
  formatDayList,
  formatImportScope,
  ImportScopeSchema,
  parseImportScope,
  UploadScopeQuerySchema,
  unitTypeWord,
  unitWordFor,
} from "@/lib/domain/imports/scope";
import { outOfScopeReason, resolveScope, scanLogCells, type UnitTree } from "@/lib/imports/scope-units";
import type { SqlExecutor } from "@/lib/imports/session";
import { epochDayOfIsoDay } from "@/lib/imports/values";

// Issue 11, part 6, without a database: how a scope is written and checked, which (ward, day)
// cells a scan log replaces, the words that say so, the row error for a venue outside a chosen
// scope, and the adapter that runs the rollups inside an import's own transaction (part 8).

/**
 * Hà Nội: Hoàn Kiếm (three wards) and Ba Đình (one), and a district without wards; and a district
 * of another province (Hà Giang), which no scope of a Hà Nội file replaces or counts as kept.
 */
const TREE: UnitTree = (() => {
  const districts = [
    { code: "001", name: "Quận Ba Đình", province: "01", hasVenues: true, wards: [3] },
    { code: "002", name: "Quận Hoàn Kiếm", province: "01", hasVenues: true, wards: [0, 1, 2] },
    { code: "017", name: "Huyện Sóc Sơn", province: "01", hasVenues: false, wards: [] },
    { code: "024", name: "Thành phố Hà Giang", province: "02", hasVenues: false, wards: [4] },
  ];
  const wards = [
    { code: "00037", name: "Phường Phúc Tân", district: 1 },
    { code: "00040", name: "Phường Đồng Xuân", district: 1 },
    { code: "00043", name: "Phường Hàng Mã", district: 1 },
    { code: "00001", name: "Phường Phúc Xá", district: 0 },
    { code: "00688", name: "Phường Quang Trung", district: 3 },
  ];
  return {
    districts,
    wards,
    wardIndex: new Map(wards.map((w, i) => [w.code, i])),
    districtIndex: new Map(districts.map((d, i) => [d.code, i])),
  };
})();

const D14 = epochDayOfIsoDay("2021-08-14");
const resolveOrThrow = () => {
  const resolved = resolveScope({ kind: "file" }, TREE);
  if ("error" in resolved) throw new Error(resolved.error);
  return resolved;
};
const D15 = epochDayOfIsoDay("2021-08-15");

describe("scope syntax", () => {
  it("reads city, district:CODE and ward:CODE, and the default", () => {
    expect(parseImportScope("")).toEqual({ kind: "file" });
    expect(parseImportScope("file")).toEqual({ kind: "file" });
    expect(parseImportScope(" city ")).toEqual({ kind: "city" });
    expect(parseImportScope("district:002")).toEqual({ kind: "district", code: "002" });
    expect(parseImportScope("ward:00037")).toEqual({ kind: "ward", code: "00037" });
    for (const bad of ["district:2", "district:0020", "ward:0003", "ward:00037x", "quan:002", "district:", "City", "ward:00037:1"]) {
      expect([bad, parseImportScope(bad)]).toEqual([bad, null]);
    }
    expect(formatImportScope({ kind: "district", code: "002" })).toBe("district:002");
    expect(formatImportScope({ kind: "city" })).toBe("city");
  });

  it("is checked with zod at the boundary, with a Vietnamese message", () => {
    expect(ImportScopeSchema.parse("ward:00043")).toEqual({ kind: "ward", code: "00043" });
    const bad = ImportScopeSchema.safeParse("district:2");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("Phạm vi không hợp lệ");
    expect(UploadScopeQuerySchema.parse({ scope: "city", replaceApproved: "1" })).toEqual({ scope: { kind: "city" }, replaceApproved: "1" });
    expect(UploadScopeQuerySchema.parse({})).toEqual({});
    expect(UploadScopeQuerySchema.safeParse({ scope: ["city", "ward:00037"] }).success).toBe(false);
    expect(UploadScopeQuerySchema.safeParse({ replaceApproved: "yes" }).success).toBe(false);
  });
});

describe("words for units and days", () => {
  it("names a set of units by their common type, or by the level's pair", () => {
    expect(unitTypeWord("Quận Hoàn Kiếm")).toBe("quận");
    expect(unitTypeWord("Thị xã Sơn Tây")).toBe("thị xã");
    expect(unitTypeWord("Hoàn Kiếm")).toBeNull();
    expect(unitWordFor(["Quận Ba Đình", "Quận Hoàn Kiếm"], "DISTRICT")).toBe("quận");
    expect(unitWordFor(["Quận Ba Đình", "Huyện Sóc Sơn"], "DISTRICT")).toBe("quận, huyện");
    expect(unitWordFor(["Phường Phúc Tân", "Xã Kim Chung"], "WARD")).toBe("phường, xã");
    expect(unitWordFor([], "DISTRICT")).toBe("quận, huyện");
  });

  it("lists days: one, two or three by name, more as a range", () => {
    expect(formatDayList(["2021-08-18"])).toBe("18/08/2021");
    expect(formatDayList(["2021-08-14", "2021-08-13"])).toBe("13/08/2021 và 14/08/2021");
    expect(formatDayList(["2021-08-13", "2021-08-14", "2021-08-16"])).toBe("13/08/2021, 14/08/2021 và 16/08/2021");
    expect(formatDayList(["2021-08-13", "2021-08-14", "2021-08-16", "2021-08-20"])).toBe("từ 13/08/2021 đến 20/08/2021");
  });

  it("describes an approved figure an import changes", () => {
    expect(
      approvedChangeText({
        unitCode: "00043",
        unitName: "Phường Hàng Mã",
        day: "2021-08-16",
        changes: [
          { field: "scans", before: 1200, after: 0 },
          { field: "active_venues", before: 42, after: null },
        ],
      }),
    ).toBe("Phường Hàng Mã, ngày 16/08/2021: số lượt quét 1.200 → 0, số địa điểm có lượt quét 42 → —");
  });
});

describe("the cells a scan log replaces", () => {
  it("by default: every ward of each district with a scan that day, and only that day", () => {
    const resolved = resolveScope({ kind: "file" }, TREE);
    if ("error" in resolved) throw new Error(resolved.error);
    // 14/8: a scan in Đồng Xuân (Hoàn Kiếm); 15/8: in Phúc Xá (Ba Đình) and Hàng Mã.
    const { cells, summary } = scanLogCells(resolved, TREE, new Map([
      [D14, new Set([1])],
      [D15, new Set([3, 2])],
    ]));
    expect(cells).toEqual([
      ["00037", "2021-08-14"],
      ["00040", "2021-08-14"],
      ["00043", "2021-08-14"],
      ["00037", "2021-08-15"],
      ["00040", "2021-08-15"],
      ["00043", "2021-08-15"],
      ["00001", "2021-08-15"],
    ]);
    expect(summary).toMatchObject({ chosen: "file", level: "DISTRICT", replaced: 2, kept: 1, replacedWord: "quận", keptWord: "huyện" });
    expect(summary.text).toBe("Thay số liệu quét của 2 quận × 2 ngày (14/08/2021 và 15/08/2021); giữ nguyên 1 huyện.");
  });

  it("with a chosen district or ward: its wards on every day of the file, whatever the file's venues", () => {
    const district = resolveScope({ kind: "district", code: "002" }, TREE);
    if ("error" in district) throw new Error(district.error);
    expect([...(district.allowed ?? [])]).toEqual([1, 1, 1, 0, 0]);
    const d = scanLogCells(district, TREE, new Map([[D14, new Set([1])]]));
    expect(d.cells).toEqual([
      ["00037", "2021-08-14"],
      ["00040", "2021-08-14"],
      ["00043", "2021-08-14"],
    ]);
    expect(d.summary.text).toBe("Thay số liệu quét của 1 quận × 1 ngày (14/08/2021) (phạm vi đã chọn: Quận Hoàn Kiếm); giữ nguyên 2 quận, huyện.");

    const ward = resolveScope({ kind: "ward", code: "00043" }, TREE);
    if ("error" in ward) throw new Error(ward.error);
    const w = scanLogCells(ward, TREE, new Map([[D14, new Set([1])], [D15, new Set([1])]]));
    expect(w.cells).toEqual([
      ["00043", "2021-08-14"],
      ["00043", "2021-08-15"],
    ]);
    expect(w.summary.text).toBe(
      "Thay số liệu quét của 1 phường × 2 ngày (14/08/2021 và 15/08/2021) (phạm vi đã chọn: Phường Hàng Mã, Quận Hoàn Kiếm); giữ nguyên 2 phường.",
    );

    const city = resolveScope({ kind: "city" }, TREE);
    if ("error" in city) throw new Error(city.error);
    // the city of the file's venues: Hà Nội's four wards, not the ward of Hà Giang
    expect(scanLogCells(city, TREE, new Map([[D14, new Set([0])]])).cells.map(([code]) => code)).toEqual(["00037", "00040", "00043", "00001"]);
    expect(() => scanLogCells(resolveOrThrow(), TREE, new Map([[D14, new Set([-1])]]))).toThrow("in no known ward");
  });

  it("refuses a scope the unit tree does not have", () => {
    expect(resolveScope({ kind: "district", code: "999" }, TREE)).toEqual({ error: "Phạm vi: không có quận, huyện nào mã 999 trong hệ thống." });
    expect(resolveScope({ kind: "district", code: "017" }, TREE)).toEqual({ error: "Phạm vi: Huyện Sóc Sơn chưa có phường, xã nào trong hệ thống." });
    expect(resolveScope({ kind: "ward", code: "99999" }, TREE)).toEqual({ error: "Phạm vi: không có phường, xã nào mã 99999 trong hệ thống." });
  });
});

describe("a venue outside a chosen scope", () => {
  const VENUES = ["HK-00037-0001", "HK-00040-0001", "BD-00001-0001"];
  const lookup = {
    index: CodeIndex.fromStrings(VENUES),
    ids: Int32Array.from([11, 12, 13]),
    registeredDay: Int32Array.from([0, 0, 0]),
    ward: Int32Array.from([0, 1, 3]),
  };

  function read(text: string, allowed: number[] | null, withLookup: boolean) {
    const errors = new ImportErrors(null);
    let reader: ScanLogReader | null = null;
    const scope =
      allowed === null ? null : { allowed: Uint8Array.from(allowed), reason: (w: number) => outOfScopeReason(TREE, w, "Quận Hoàn Kiếm") };
    const tokenizer = new CsvTokenizer(",", {
      onRecord(r) {
        if (reader === null) {
          const header = readHeader(r.texts(), IMPORT_COLUMNS.QR_SCAN_LOG);
          if (!header.ok) throw new Error("header");
          reader = new ScanLogReader(withLookup ? lookup : null, header.header, errors, 31, scope);
          return;
        }
        reader.row(r);
      },
      onError() {},
    });
    tokenizer.push(new TextEncoder().encode(text));
    tokenizer.end();
    const r = reader as ScanLogReader | null;
    if (!withLookup) r?.resolve(lookup);
    return { errors, reader: r };
  }

  const FILE = [
    "venue_code,scanned_at",
    "HK-00037-0001,2021-08-14T08:00:00+07:00",
    "BD-00001-0001,2021-08-14T09:00:00+07:00",
    "HK-00040-0001,2021-08-15T09:00:00+07:00",
  ].join("\n");

  it("is a row error naming the line, the column and where the venue is, whether the venue list came first or later", () => {
    for (const withLookup of [true, false]) {
      const { errors, reader } = read(FILE, [1, 1, 1, 0], withLookup);
      expect(errors.shown).toEqual([
        {
          line: 3,
          column: "venue_code",
          value: "BD-00001-0001",
          reason:
            "Địa điểm thuộc Phường Phúc Xá, Quận Ba Đình, ngoài phạm vi đã chọn (Quận Hoàn Kiếm): tệp chỉ được có địa điểm trong phạm vi. " +
            "Bỏ dòng này hoặc chọn phạm vi rộng hơn.",
        },
      ]);
      expect(reader?.accepted).toBe(2);
    }
  });

  it("without a chosen scope, gives the wards with scans on each day", () => {
    const { errors, reader } = read(FILE, null, true);
    expect(errors.count).toBe(0);
    expect(reader?.wardDays()).toEqual(new Map([
      [D14, new Set([0, 3])],
      [D15, new Set([1])],
    ]));
  });
});

describe("rollups on the import's own transaction", () => {
  function recorder(fail: (text: string) => boolean = () => false): SqlExecutor & { ran: { text: string; values: unknown[] }[] } {
    const ran: { text: string; values: unknown[] }[] = [];
    return {
      ran,
      async execute(sql) {
        ran.push({ text: sql.text, values: [...sql.values] });
        if (fail(sql.text)) throw new Error("boom");
        return 1;
      },
      async rows() {
        return [];
      },
    };
  }

  it("runs a statement only when awaited, with nested fragments flattened into parameters", async () => {
    const tx = recorder();
    const db = executeRawOn(tx);
    const inner = Prisma.sql`level = ${"WARD"}`;
    const statement = db.$executeRaw`DELETE FROM t WHERE day = ${"2021-08-14"} AND ${inner}`;
    expect(tx.ran).toEqual([]);
    expect(await statement).toBe(1);
    expect(tx.ran).toEqual([{ text: "DELETE FROM t WHERE day = $1 AND level = $2", values: ["2021-08-14", "WARD"] }]);
  });

  it("leaves the statements after a failing one unrun", async () => {
    const tx = recorder((text) => text.includes("two"));
    const db = executeRawOn(tx);
    const statements = [db.$executeRaw`one`, db.$executeRaw`two`, db.$executeRaw`three`];
    await expect((async () => {
      for (const s of statements) await s;
    })()).rejects.toThrow("boom");
    expect(tx.ran.map((r) => r.text)).toEqual(["one", "two"]);
  });
});
