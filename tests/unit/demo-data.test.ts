import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCodeList } from "../../lib/domain/unit-code-list.ts";
import { aggregateChildren, mergeSources, type FigureRow, type FigureValues } from "../../lib/domain/figures.ts";
import { formatCount, formatPercent } from "../../lib/domain/format.ts";
import { rankUnits } from "../../lib/domain/ranking.ts";
import { compareRatios } from "../../lib/domain/ratio.ts";
import { DEMO_DAYS, generateDemo, type DemoData, type DemoFigure } from "../../prisma/seed/demo-data.ts";

// The demo data must reproduce Công văn 1178/UBND-VHTT (17/8/2021). Every expected number below is
// copied from the dispatch, and every actual number is summed here from the generated rows with
// the domain's own merge/sum/rank functions (the pure twins of the SQL rollups), not taken from
// the generator.

let data: DemoData;
beforeAll(() => {
  data = generateDemo();
});

const HOAN_KIEM = "002";
const BA_DINH = "001";
const HA_NOI = "01";
const PHUC_TAN = "00037";
const TRUC_BACH = "00004";
const NGOC_KHANH = "00025";

function rowsOn(day: string): DemoFigure[] {
  return data.figures.filter((f) => f.day === day);
}

function toRow(f: DemoFigure | { unitCode: string; day: string; source: "COMPUTED" } & FigureValues): FigureRow {
  return {
    unitCode: f.unitCode,
    day: f.day,
    source: f.source,
    smartphones: f.smartphones,
    installs: f.installs,
    qrVenues: f.qrVenues,
    activeVenues: f.activeVenues,
    scans: f.scans,
  };
}

function childrenOf(code: string): string[] {
  return data.units.filter((u) => u.parentCode === code).map((u) => u.code);
}

/** Effective figure of every unit on a day: wards from their rows, parents = own rows + COMPUTED sum of children. */
function effectiveOn(day: string): Map<string, FigureValues> {
  const rows = rowsOn(day);
  const effective = new Map<string, FigureValues>();
  const resolve = (code: string): FigureValues | null => {
    const cached = effective.get(code);
    if (cached) return cached;
    const own = rows.filter((r) => r.unitCode === code).map(toRow);
    const kids = childrenOf(code);
    if (kids.length > 0) {
      const sum = aggregateChildren(kids.map(resolve), kids.length);
      if (sum.childrenCounted > 0) own.push(toRow({ unitCode: code, day, source: "COMPUTED", ...sum }));
    }
    const merged = mergeSources(own);
    if (merged) effective.set(code, merged);
    return merged;
  };
  resolve("VN");
  return effective;
}

function coverage(f: FigureValues | undefined) {
  if (!f || f.installs === null || f.smartphones === null) return null;
  return { num: f.installs, den: f.smartphones };
}

describe("the dispatch's Bluezone figures on 17/8/2021", () => {
  it("Hoàn Kiếm: 150.788 smartphones, 77.113 installs, 51,14%", () => {
    const wards = childrenOf(HOAN_KIEM);
    const reports = rowsOn("2021-08-17").filter((f) => wards.includes(f.unitCode));
    expect(reports).toHaveLength(18);
    expect(reports.every((r) => r.source === "WARD_REPORT")).toBe(true);
    const smartphones = reports.reduce((a, r) => a + r.smartphones, 0);
    const installs = reports.reduce((a, r) => a + r.installs, 0);
    expect(smartphones).toBe(150788);
    expect(installs).toBe(77113);
    expect(formatPercent({ num: installs, den: smartphones })).toBe("51,14%");

    const hk = effectiveOn("2021-08-17").get(HOAN_KIEM);
    expect(formatCount(hk?.smartphones ?? null)).toBe("150.788");
    expect(formatCount(hk?.installs ?? null)).toBe("77.113");
  });

  it("Hà Nội: 3.220.382 installs, 47,05%", () => {
    const city = effectiveOn("2021-08-17").get(HA_NOI);
    expect(city?.installs).toBe(3220382);
    expect(formatCount(city?.installs ?? null)).toBe("3.220.382");
    expect(formatPercent(coverage(city))).toBe("47,05%");
  });

  it("Hoàn Kiếm ranks exactly 7th of the city's 30 districts, tied with none", () => {
    const effective = effectiveOn("2021-08-17");
    const districts = childrenOf(HA_NOI);
    expect(districts).toHaveLength(30);
    const ranked = rankUnits(districts, (code) => coverage(effective.get(code)));
    expect(ranked.every((r) => r.rank !== null)).toBe(true);
    const hk = ranked.find((r) => r.item === HOAN_KIEM);
    expect(hk?.rank).toBe(7);
    expect(ranked.filter((r) => r.rank === 7)).toHaveLength(1);

    const hkRate = { num: 77113, den: 150788 };
    const higher = districts.filter((c) => compareRatios(coverage(effective.get(c))!, hkRate) === 1);
    const equal = districts.filter((c) => c !== HOAN_KIEM && compareRatios(coverage(effective.get(c))!, hkRate) === 0);
    expect(higher).toHaveLength(6);
    expect(equal).toHaveLength(0);
  });

  it("records Hà Nội's policy phase: Chỉ thị 16 from 24/7/2021, still in force on 17/8", () => {
    expect(data.policyPhases).toEqual([{ unitCode: HA_NOI, name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null }]);
  });

  it("Hà Nội is 7th nationally (an official rank, stored as such)", () => {
    expect(data.officialRanks).toEqual([
      {
        unitCode: "01",
        day: "2021-08-17",
        metric: "BLUEZONE_INSTALLS_NATIONAL",
        rank: 7,
        outOf: 63,
        source: "Công văn 1178/UBND-VHTT ngày 17/8/2021",
      },
    ]);
  });
});

describe("the dispatch's QR figures on 14/8/2021", () => {
  it("Hà Nội: 206.385 venues with a QR code, 14.698 with scans that day", () => {
    const city = effectiveOn("2021-08-14").get(HA_NOI);
    expect(city?.qrVenues).toBe(206385);
    expect(city?.activeVenues).toBe(14698);
  });

  it("Hoàn Kiếm's QR venues on 14/8 are its venues registered by then", () => {
    const hk = effectiveOn("2021-08-14").get(HOAN_KIEM);
    const wards = new Set(childrenOf(HOAN_KIEM));
    const registered = data.venues.filter((v) => wards.has(v.wardCode) && v.registeredOn <= "2021-08-14").length;
    expect(hk?.qrVenues).toBe(registered);
  });

  it("phường Phúc Tân reported zero scans on 14/8 (a reported zero, not a missing report)", () => {
    const row = rowsOn("2021-08-14").find((f) => f.unitCode === PHUC_TAN);
    expect(row).toBeDefined();
    expect(row?.scans).toBe(0);
    expect(row?.activeVenues).toBe(0);
    const venues = new Set(data.venues.filter((v) => v.wardCode === PHUC_TAN).map((v) => v.code));
    expect(data.venueDayScans.filter((s) => s.day === "2021-08-14" && venues.has(s.venueCode))).toHaveLength(0);
  });

  it("no other Hoàn Kiếm ward has zero scans on 14/8", () => {
    const zero = rowsOn("2021-08-14").filter((f) => childrenOf(HOAN_KIEM).includes(f.unitCode) && f.scans === 0);
    expect(zero.map((f) => f.unitCode)).toEqual([PHUC_TAN]);
  });
});

describe("generateDemo", () => {
  it("is deterministic", () => {
    expect(generateDemo()).toEqual(data);
  });

  it("covers 19/7 to 17/8/2021, 30 days", () => {
    expect(DEMO_DAYS).toHaveLength(30);
    expect(DEMO_DAYS[0]).toBe("2021-07-19");
    expect(DEMO_DAYS[29]).toBe("2021-08-17");
    expect(new Set(data.figures.map((f) => f.day))).toEqual(new Set(DEMO_DAYS));
  });

  it("has the units of the CSV: Việt Nam, Hà Nội, 30 districts, Hoàn Kiếm's 18 wards and Ba Đình's 14", () => {
    const count = (level: string) => data.units.filter((u) => u.level === level).length;
    expect([count("COUNTRY"), count("PROVINCE"), count("DISTRICT"), count("WARD")]).toEqual([1, 1, 30, 32]);
    expect(childrenOf(HOAN_KIEM)).toHaveLength(18);
    expect(childrenOf(BA_DINH)).toHaveLength(14);
    expect(data.units.find((u) => u.code === PHUC_TAN)).toEqual({
      code: PHUC_TAN,
      level: "WARD",
      name: "Phường Phúc Tân",
      type: "Phường",
      parentCode: HOAN_KIEM,
    });
    expect(data.units.find((u) => u.code === HOAN_KIEM)?.type).toBe("Quận");
    expect(data.units.find((u) => u.code === "VN")?.parentCode).toBeNull();
  });

  it("takes Ba Đình's wards, names and codes, from the country's code list (parent 001)", () => {
    const list = fs.readFileSync(path.join(process.cwd(), "prisma", "data", "vietnam-units-2021-07-01.csv"), "utf8");
    const expected = parseCodeList(list)
      .filter((u) => u.parentCode === BA_DINH)
      .map((u) => ({ code: u.code, level: "WARD", name: u.name, type: u.type, parentCode: BA_DINH }));
    expect(expected).toHaveLength(14);
    expect(data.units.filter((u) => u.parentCode === BA_DINH)).toEqual(expected);
  });

  it("sets the city's targets: coverage 60%, active QR venues 30%", () => {
    expect(data.targets).toEqual(
      expect.arrayContaining([
        { unitCode: "01", metric: "COVERAGE_RATE", basisPoints: 6000 },
        { unitCode: "01", metric: "QR_ACTIVE_RATE", basisPoints: 3000 },
      ]),
    );
    expect(data.targets).toHaveLength(2);
  });
});

describe("who reports what", () => {
  it("wards (Hoàn Kiếm's, Ba Đình's) send WARD_REPORT rows, the other 29 districts IMPORT rows, nobody else any row", () => {
    const wards = new Set([...childrenOf(HOAN_KIEM), ...childrenOf(BA_DINH)]);
    const others = new Set(childrenOf(HA_NOI).filter((c) => c !== HOAN_KIEM));
    expect(others.size).toBe(29);
    for (const f of data.figures) {
      if (f.source === "WARD_REPORT") expect(wards.has(f.unitCode)).toBe(true);
      else expect(f.source === "IMPORT" && others.has(f.unitCode)).toBe(true);
    }
    for (const code of others) expect(data.figures.filter((f) => f.unitCode === code)).toHaveLength(30);
  });

  it("every row has all five fields", () => {
    const wrong = data.figures.filter(
      (f) => ![f.smartphones, f.installs, f.qrVenues, f.activeVenues, f.scans].every((v) => Number.isSafeInteger(v) && v >= 0),
    );
    expect(wrong).toEqual([]);
  });

  it("exactly one Hoàn Kiếm ward-day is missing: phường Hàng Bồ on 15/8 (no row, not a zero)", () => {
    const missing: string[] = [];
    for (const ward of childrenOf(HOAN_KIEM)) {
      for (const day of DEMO_DAYS) {
        const rows = data.figures.filter((f) => f.unitCode === ward && f.day === day);
        expect(rows.length).toBeLessThanOrEqual(1);
        if (rows.length === 0) missing.push(`${ward}/${day}`);
      }
    }
    expect(missing).toEqual(["00052/2021-08-15"]);
    const effective = effectiveOn("2021-08-15");
    expect(effective.has("00052")).toBe(false);
    expect(effective.get(HOAN_KIEM)).toBeDefined();
  });

  it("exactly one Ba Đình ward-day is missing, on another day: phường Ngọc Khánh on 10/8", () => {
    const missing: string[] = [];
    for (const ward of childrenOf(BA_DINH)) {
      for (const day of DEMO_DAYS) {
        const rows = data.figures.filter((f) => f.unitCode === ward && f.day === day);
        expect(rows.length).toBeLessThanOrEqual(1);
        if (rows.length === 0) missing.push(`${ward}/${day}`);
      }
    }
    expect(missing).toEqual([`${NGOC_KHANH}/2021-08-10`]);
    const effective = effectiveOn("2021-08-10");
    expect(effective.has(NGOC_KHANH)).toBe(false);
    // Ba Đình's own figure that day is still its import, whole.
    expect(effective.get(BA_DINH)).toEqual(
      expect.objectContaining({ smartphones: data.figures.find((f) => f.unitCode === BA_DINH && f.day === "2021-08-10")?.smartphones }),
    );
  });

  it("ward reports carry a status and a submission time on their day (Asia/Ho_Chi_Minh)", () => {
    for (const f of data.figures.filter((r) => r.source === "WARD_REPORT")) {
      expect(["SUBMITTED", "APPROVED"]).toContain(f.status);
      const local = new Date(Date.parse(f.submittedAt ?? "") + 7 * 3_600_000).toISOString().slice(0, 10);
      expect(local).toBe(f.day);
    }
  });
});

describe("Phúc Tân's zero-scan streak", () => {
  it("has no scan on 11, 12, 13 and 14/8 and scans on every other day", () => {
    const rows = data.figures.filter((f) => f.unitCode === PHUC_TAN);
    expect(rows).toHaveLength(30);
    const zeroDays = rows.filter((r) => r.scans === 0).map((r) => r.day);
    expect(zeroDays).toEqual(["2021-08-11", "2021-08-12", "2021-08-13", "2021-08-14"]);
    for (const r of rows.filter((x) => x.scans === 0)) expect(r.activeVenues).toBe(0);
  });
});

describe("Ba Đình: its import and its wards' reports", () => {
  const imported = (day: string) => data.figures.find((f) => f.unitCode === BA_DINH && f.day === day)!;
  const wardSum = (day: string) => {
    const rows = rowsOn(day).filter((f) => childrenOf(BA_DINH).includes(f.unitCode));
    const total = (field: "smartphones" | "installs" | "qrVenues" | "activeVenues" | "scans") => rows.reduce((a, r) => a + r[field], 0);
    return { count: rows.length, smartphones: total("smartphones"), installs: total("installs"), qrVenues: total("qrVenues") };
  };

  it("keeps an IMPORT row every day; its effective figure is the import, not the wards' sum", () => {
    const rows = data.figures.filter((f) => f.unitCode === BA_DINH);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.source === "IMPORT")).toBe(true);
    const own = imported("2021-08-17");
    expect(effectiveOn("2021-08-17").get(BA_DINH)).toMatchObject({ smartphones: own.smartphones, installs: own.installs });
  });

  it("the wards' smartphones add up to about the import's (0,5–5 % apart), never exactly", () => {
    for (const day of DEMO_DAYS) {
      const sum = wardSum(day);
      if (sum.count < 14) continue;
      const own = imported(day);
      expect(sum.smartphones).not.toBe(own.smartphones);
      const gap = Math.abs(sum.smartphones - own.smartphones) / own.smartphones;
      expect(gap).toBeGreaterThanOrEqual(0.005);
      expect(gap).toBeLessThanOrEqual(0.05);
    }
  });

  it("counted by its wards or by its import, Ba Đình is ahead of Hoàn Kiếm on 17/8", () => {
    const hk = { num: 77113, den: 150788 };
    const own = imported("2021-08-17");
    const sum = wardSum("2021-08-17");
    expect(sum.count).toBe(14);
    expect(compareRatios({ num: own.installs, den: own.smartphones }, hk)).toBe(1);
    expect(compareRatios({ num: sum.installs, den: sum.smartphones }, hk)).toBe(1);
  });

  it("every ward's coverage is 35–65 % on every day", () => {
    for (const f of data.figures.filter((r) => childrenOf(BA_DINH).includes(r.unitCode))) {
      const rate = f.installs / f.smartphones;
      expect(rate).toBeGreaterThanOrEqual(0.35);
      expect(rate).toBeLessThanOrEqual(0.65);
    }
  });

  it("phường Trúc Bạch reported zero scans on Sunday 8/8, and no other Ba Đình ward-day has none", () => {
    const zero = data.figures.filter((f) => childrenOf(BA_DINH).includes(f.unitCode) && f.scans === 0);
    expect(zero.map((f) => `${f.unitCode}/${f.day}`)).toEqual([`${TRUC_BACH}/2021-08-08`]);
    expect(zero[0]?.activeVenues).toBe(0);
    expect(zero[0]?.qrVenues).toBeGreaterThan(0);
  });

  it("Ba Đình's wards add nothing to the city's 14/8 QR figures (its import counts instead)", () => {
    const city = effectiveOn("2021-08-14").get(HA_NOI);
    expect(city?.qrVenues).toBe(206385);
    expect(wardSum("2021-08-14").qrVenues).toBeGreaterThan(0);
  });
});

describe("invariants", () => {
  const seriesByUnit = () => {
    const map = new Map<string, DemoFigure[]>();
    for (const f of data.figures) map.set(f.unitCode, [...(map.get(f.unitCode) ?? []), f]);
    for (const rows of map.values()) rows.sort((a, b) => (a.day < b.day ? -1 : 1));
    return map;
  };

  it("installs ≤ smartphones and active venues ≤ QR venues on every row", () => {
    for (const f of data.figures) {
      expect(f.installs).toBeLessThanOrEqual(f.smartphones);
      expect(f.activeVenues).toBeLessThanOrEqual(f.qrVenues);
    }
  });

  it("installs and QR venues never decrease; installs grow every day", () => {
    for (const rows of seriesByUnit().values()) {
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.installs).toBeGreaterThan(rows[i - 1]!.installs);
        expect(rows[i]!.qrVenues).toBeGreaterThanOrEqual(rows[i - 1]!.qrVenues);
      }
    }
  });

  it.each([
    ["Hoàn Kiếm", HOAN_KIEM, 5000, 13000],
    ["Ba Đình", BA_DINH, 9000, 27500],
  ])("%s's wards: constant smartphones (%i–%i), installs growing 0,3–1,5%% of them a day", (_name, district, low, high) => {
    for (const ward of childrenOf(district)) {
      const rows = seriesByUnit().get(ward)!;
      const phones = new Set(rows.map((r) => r.smartphones));
      expect(phones.size).toBe(1);
      const [n] = [...phones];
      expect(n).toBeGreaterThanOrEqual(low);
      expect(n).toBeLessThanOrEqual(high);
      for (let i = 1; i < rows.length; i++) {
        const days = (Date.parse(rows[i]!.day) - Date.parse(rows[i - 1]!.day)) / 86_400_000;
        const perDay = (rows[i]!.installs - rows[i - 1]!.installs) / days / n!;
        expect(perDay).toBeGreaterThanOrEqual(0.0029);
        expect(perDay).toBeLessThanOrEqual(0.0151);
      }
    }
  });

  it("Hoàn Kiếm's wards differ: some lag below 45% on 17/8, some pass 60%", () => {
    const rates = rowsOn("2021-08-17")
      .filter((f) => f.source === "WARD_REPORT" && childrenOf(HOAN_KIEM).includes(f.unitCode))
      .map((f) => f.installs / f.smartphones);
    expect(rates.filter((r) => r < 0.45).length).toBeGreaterThanOrEqual(2);
    expect(rates.filter((r) => r > 0.6).length).toBeGreaterThanOrEqual(2);
  });

  // The rank history must tell a story: wards overtake each other over the 30 days (a late starter
  // climbs after the push of 11/8), while 17/8 stays the dispatch's day.
  function wardRanks(district: string): Map<string, (number | null)[]> {
    const wards = childrenOf(district);
    const history = new Map<string, (number | null)[]>(wards.map((w) => [w, []]));
    for (const day of DEMO_DAYS) {
      const rows = rowsOn(day);
      const ranked = rankUnits(wards, (code) => {
        const f = rows.find((r) => r.unitCode === code);
        return f ? { num: f.installs, den: f.smartphones } : null;
      });
      for (const r of ranked) history.get(r.item)!.push(r.rank);
    }
    return history;
  }

  function daysWithAChange(history: Map<string, (number | null)[]>): number {
    let days = 0;
    for (let k = 1; k < DEMO_DAYS.length; k++) {
      if ([...history.values()].some((h) => h[k] !== null && h[k - 1] !== null && h[k] !== h[k - 1])) days++;
    }
    return days;
  }

  it.each([
    ["Hoàn Kiếm", HOAN_KIEM, 25, 8],
    ["Ba Đình", BA_DINH, 20, 8],
  ])("%s's ward ranks move: a change on at least %i of 29 days, at least %i wards moved in the last week", (_name, district, days, movedInWeek) => {
    const history = wardRanks(district);
    expect(daysWithAChange(history)).toBeGreaterThanOrEqual(days);
    const last = DEMO_DAYS.length - 1;
    expect([...history.values()].filter((h) => h[last] !== h[last - 7]).length).toBeGreaterThanOrEqual(movedInWeek);
    // not a shuffle: most wards stay within a few places of where they were the day before
    for (const h of history.values()) {
      for (let k = 1; k < h.length; k++) if (h[k] !== null && h[k - 1] !== null) expect(Math.abs(h[k]! - h[k - 1]!)).toBeLessThanOrEqual(3);
    }
  });

  it("Hoàn Kiếm's overview opens on 17/8 with ranks that changed since 16/8, and a ward that climbed at least 5 places in 30 days", () => {
    const history = wardRanks(HOAN_KIEM);
    const last = DEMO_DAYS.length - 1;
    expect([...history.values()].filter((h) => h[last] !== h[last - 1]).length).toBeGreaterThanOrEqual(2);
    expect([...history.values()].some((h) => h[0]! - h[last]! >= 5)).toBe(true);
    expect([...history.values()].some((h) => h[last]! - h[0]! >= 5)).toBe(true);
  });
});

describe("venues", () => {
  it.each([
    ["Hoàn Kiếm", HOAN_KIEM, "HK", 8000, 9500],
    ["Ba Đình", BA_DINH, "BD", 3000, 5000],
  ])("%s: %i venues or so, all categories, unique codes %s-<ward>-<nnnn>", (_name, district, prefix, low, high) => {
    const wards = new Set(childrenOf(district));
    const venues = data.venues.filter((v) => wards.has(v.wardCode));
    expect(venues.length).toBeGreaterThanOrEqual(low);
    expect(venues.length).toBeLessThanOrEqual(high);
    for (const v of venues) {
      expect(v.code).toMatch(new RegExp(`^${prefix}-\\d{5}-\\d{4}$`));
      expect(v.code.slice(3, 8)).toBe(v.wardCode);
      expect(v.registeredOn <= "2021-08-17").toBe(true);
    }
    expect(new Set(venues.map((v) => v.category))).toEqual(
      new Set(["AGENCY", "BUSINESS", "MARKET", "SCHOOL", "HEALTH_FACILITY", "WARD_OFFICE", "OTHER"]),
    );
  });

  it("venue codes are unique across both districts, and every venue is in a ward of one of them", () => {
    expect(new Set(data.venues.map((v) => v.code)).size).toBe(data.venues.length);
    const wards = new Set([...childrenOf(HOAN_KIEM), ...childrenOf(BA_DINH)]);
    expect(data.venues.filter((v) => !wards.has(v.wardCode))).toEqual([]);
    expect(data.venues.filter((v) => v.address.includes("quận Ba Đình")).every((v) => v.code.startsWith("BD-"))).toBe(true);
  });

  it("each ward has its own office and health station", () => {
    for (const ward of data.units.filter((u) => u.parentCode === HOAN_KIEM || u.parentCode === BA_DINH)) {
      const short = ward.name.replace(/^Phường /, "");
      const venues = data.venues.filter((v) => v.wardCode === ward.code);
      expect(venues.filter((v) => v.category === "WARD_OFFICE").map((v) => v.name)).toEqual([`UBND phường ${short}`]);
      expect(venues.some((v) => v.category === "HEALTH_FACILITY" && v.name === `Trạm Y tế phường ${short}`)).toBe(true);
    }
  });

  it("scan rows: one per venue and day, only with scans > 0, only once the venue is registered", () => {
    const venues = new Map(data.venues.map((v) => [v.code, v]));
    const days = new Set(DEMO_DAYS);
    const keys = new Set<string>();
    const wrong: string[] = [];
    for (const s of data.venueDayScans) {
      const venue = venues.get(s.venueCode);
      const ok = venue !== undefined && Number.isSafeInteger(s.scans) && s.scans > 0 && venue.registeredOn <= s.day && days.has(s.day);
      if (!ok) wrong.push(`${s.venueCode}/${s.day}: ${s.scans}`);
      keys.add(`${s.venueCode}/${s.day}`);
    }
    expect(wrong).toEqual([]);
    expect(keys.size).toBe(data.venueDayScans.length);
  });

  it("every ward report's QR fields are the venue-level data of that ward and day", () => {
    const wardOf = new Map(data.venues.map((v) => [v.code, v.wardCode]));
    const scans = new Map<string, { active: number; scans: number }>();
    for (const s of data.venueDayScans) {
      const key = `${wardOf.get(s.venueCode)}/${s.day}`;
      const t = scans.get(key) ?? { active: 0, scans: 0 };
      t.active += 1;
      t.scans += s.scans;
      scans.set(key, t);
    }
    for (const f of data.figures.filter((r) => r.source === "WARD_REPORT")) {
      const registered = data.venues.filter((v) => v.wardCode === f.unitCode && v.registeredOn <= f.day).length;
      const t = scans.get(`${f.unitCode}/${f.day}`) ?? { active: 0, scans: 0 };
      expect({ qrVenues: f.qrVenues, activeVenues: f.activeVenues, scans: f.scans }).toEqual({
        qrVenues: registered,
        activeVenues: t.active,
        scans: t.scans,
      });
    }
  });

  it("venues register through the period, so Hoàn Kiếm's QR venues grow", () => {
    const hk = (day: string) => effectiveOn(day).get(HOAN_KIEM)?.qrVenues ?? 0;
    expect(hk("2021-07-19")).toBeLessThan(hk("2021-08-01"));
    expect(hk("2021-08-01")).toBeLessThan(hk("2021-08-14"));
    expect(hk("2021-08-14")).toBeLessThan(hk("2021-08-17"));
  });

  it("venues register through the period, so Ba Đình's wards' QR venues grow", () => {
    const bd = (day: string) => data.venues.filter((v) => childrenOf(BA_DINH).includes(v.wardCode) && v.registeredOn <= day).length;
    expect(bd("2021-07-19")).toBeLessThan(bd("2021-08-01"));
    expect(bd("2021-08-01")).toBeLessThan(bd("2021-08-14"));
    expect(bd("2021-08-14")).toBeLessThan(bd("2021-08-17"));
  });

  it("5–15% of a ward's registered venues are scanned on a day (except the zero days of Phúc Tân and Trúc Bạch)", () => {
    for (const f of data.figures.filter((r) => r.source === "WARD_REPORT" && r.scans > 0)) {
      const share = f.activeVenues / f.qrVenues;
      expect(share).toBeGreaterThanOrEqual(0.05);
      expect(share).toBeLessThanOrEqual(0.15);
    }
  });
});
