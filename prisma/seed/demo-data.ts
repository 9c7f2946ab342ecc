// The demo: Hoàn Kiếm (Hà Nội) from 19/7 to 17/8/2021, generated deterministically so that every
// figure of Công văn 1178/UBND-VHTT (17/8/2021) comes out exactly when the rows are rolled up (a
// district's COMPUTED figure = the sum of its wards; the city = the sum of its 30 districts'
// effective figures), and a second district, Ba Đình, whose wards report too:
//
//   17/8  Hoàn Kiếm: 77.113 installs of 150.788 smartphones = 51,14%, 7th of the 30 districts;
//         Hà Nội: 3.220.382 installs = 47,05% (of 6.844.000 smartphones, a number the dispatch
//         does not give: 3.220.382 / 0,4705 ≈ 6,84 million); 7th nationally (an official rank);
//   14/8  Hà Nội: 206.385 venues with a QR code, 14.698 of them with scans that day;
//         phường Phúc Tân: no scan at all (its fourth day in a row without one).
//
// What is generated:
// - Hoàn Kiếm's 18 wards report every day (WARD_REPORT, all five fields), except phường Hàng Bồ,
//   which did not report on 15/8 (no row: missing, not zero). Their QR fields are counted from
//   venue-level data: ~9.000 venues with registration days and per-day scan counts.
// - The other 29 districts have the city's official aggregates (IMPORT rows, all fields). Their
//   numbers are shaped from rough 2019-census populations and then fitted exactly to the
//   dispatch's totals.
// - Ba Đình (one of those 29) keeps its IMPORT rows, and its 14 wards report as well, the same way
//   as Hoàn Kiếm's (WARD_REPORT rows, QR fields from ~4.700 venues coded BD-<ward>-<nnnn>), except
//   phường Ngọc Khánh on 10/8 (missing); phường Trúc Bạch had no scan on Sunday 8/8. The wards'
//   figures are their own, not a split of the import: their smartphones add up to about 2 % more
//   than the import's, their installs to a similar rate, and their registered QR venues to about
//   half of the import's (the national system counts every code issued in the district, the wards
//   list the venues they registered). The district's effective figure stays its import (IMPORT
//   comes first in the source priority), so the city's totals and every dispatch figure are those
//   of the import, and the pages show the wards' sum beside it with the difference: the real-life
//   case of two sources that do not agree.
//
// Pure: no database, no clock. The only input is prisma/data/ (the unit list and the dispatch's
// figures); the randomness is a fixed-seed PRNG, so every run returns the same data. The
// generator checks the dispatch's figures on its own output and throws if a change breaks them.

import fs from "node:fs";
import path from "node:path";
import { addDays, dayRange, type IsoDay } from "../../lib/domain/days.ts";
import { compareRatios, ratioToPercentHundredths } from "../../lib/domain/ratio.ts";
import { parseCodeList } from "../../lib/domain/unit-code-list.ts";
import { createRandom, type Random } from "./random.ts";

// ---------------------------------------------------------------------------------------------
// Types

export type DemoUnitLevel = "COUNTRY" | "PROVINCE" | "DISTRICT" | "WARD";
export type DemoVenueCategory = "AGENCY" | "BUSINESS" | "MARKET" | "SCHOOL" | "HEALTH_FACILITY" | "WARD_OFFICE" | "OTHER";

export type DemoUnit = { code: string; level: DemoUnitLevel; name: string; type: string | null; parentCode: string | null };

export type DemoFigure = {
  unitCode: string;
  day: IsoDay;
  source: "WARD_REPORT" | "IMPORT";
  smartphones: number;
  installs: number;
  qrVenues: number;
  activeVenues: number;
  scans: number;
  /** ward reports only */
  status?: "SUBMITTED" | "APPROVED";
  /** ward reports only: an ISO instant */
  submittedAt?: string;
};

export type DemoVenue = {
  code: string;
  name: string;
  address: string;
  category: DemoVenueCategory;
  wardCode: string;
  registeredOn: IsoDay;
};

/** Only days with scans > 0 have a row. */
export type DemoVenueDayScan = { venueCode: string; day: IsoDay; scans: number };

export type DemoTarget = { unitCode: string; metric: "COVERAGE_RATE" | "QR_ACTIVE_RATE"; basisPoints: number };

export type DemoOfficialRank = {
  unitCode: string;
  day: IsoDay;
  metric: string;
  rank: number;
  outOf: number;
  source: string;
};

/** A policy phase drawn as a band on the time charts (lib/domain/policy-phases.ts). */
export type DemoPolicyPhase = { unitCode: string; name: string; startDay: IsoDay; endDay: IsoDay | null };

export type DemoData = {
  days: readonly IsoDay[];
  units: DemoUnit[];
  figures: DemoFigure[];
  venues: DemoVenue[];
  venueDayScans: DemoVenueDayScan[];
  targets: DemoTarget[];
  officialRanks: DemoOfficialRank[];
  policyPhases: DemoPolicyPhase[];
};

// ---------------------------------------------------------------------------------------------
// Fixed facts of the demo

/**
 * 2: Ba Đình's wards, venues and reports were added; 3: Hà Nội's policy phase (Chỉ thị 16 from
 * 24/7/2021). An older demo gets what it lacks on the next load.
 */
export const DEMO_VERSION = 3;
export const DEMO_FIRST_DAY: IsoDay = "2021-07-19";
export const DEMO_LAST_DAY: IsoDay = "2021-08-17";
/** 19/7 to 17/8/2021, both included: 30 days. */
export const DEMO_DAYS: readonly IsoDay[] = Object.freeze(dayRange(DEMO_FIRST_DAY, DEMO_LAST_DAY));
export const DEMO_CITY_CODE = "01";
export const DEMO_DISTRICT_CODE = "002";
/** The demo's second district with ward reports: Quận Ba Đình (it also keeps its imported figures). */
export const DEMO_BA_DINH_CODE = "001";
/** Venue codes of Hoàn Kiếm's demo venues start with this (e.g. HK-00037-0001). */
export const DEMO_VENUE_PREFIX = "HK-";
/** Venue codes of Ba Đình's demo venues start with this (e.g. BD-00004-0001). */
export const DEMO_BA_DINH_VENUE_PREFIX = "BD-";

const SEED = "wardwatch/hoan-kiem/2021-08-17";
/** Not in the dispatch: chosen so that 3.220.382 / it rounds half-up to 47,05%. */
const CITY_SMARTPHONES = 6_844_000;
/** The wards that did not report, and the day each did not: Hàng Bồ (Hoàn Kiếm), Ngọc Khánh (Ba Đình). */
const NON_REPORTING = [
  { wardCode: "00052", day: "2021-08-15" },
  { wardCode: "00025", day: "2021-08-10" },
] as const;
/** Phường Phúc Tân: no scan on these days (the dispatch names 14/8; the streak began on 11/8). */
const ZERO_SCAN = { wardCode: "00037", days: ["2021-08-11", "2021-08-12", "2021-08-13", "2021-08-14"] } as const;
/** Phường Trúc Bạch (Ba Đình): no scan on Sunday 8/8 (one day, not a streak). */
const BA_DINH_ZERO_SCAN = { wardCode: "00004", days: ["2021-08-08"] } as const;
/** Hà Nội applied Directive 16 (social distancing) from 24/7/2021. */
const DISTANCING_FROM: IsoDay = "2021-07-24";
/** Công văn 19/SCHTP of 11/8/2021 pushed QR scanning and Bluezone installs: both speed up. */
const PUSH_FROM: IsoDay = "2021-08-11";
const OFFICIAL_RANK_SOURCE = "Công văn 1178/UBND-VHTT ngày 17/8/2021";

type DispatchFigures = {
  bluezone: {
    asOf: string;
    city: { code: string; installs: number; coverageRatePercent: number; nationalRankBySmartphonesWithBluezone: number };
    district: { code: string; smartphones: number; installs: number; coverageRatePercent: number; rankInCity: number };
  };
  qr: {
    asOfEndOf: string;
    city: { code: string; venuesWithQrCode: number; venuesWithScansOnDay: number; day: string };
    wardsWithZeroScansOnDay: { code: string; name: string; day: string }[];
  };
};

function dataFile(name: string): string {
  return path.join(process.cwd(), "prisma", "data", name);
}

function readDispatchFigures(): DispatchFigures {
  return JSON.parse(fs.readFileSync(dataFile("dispatch-figures.json"), "utf8")) as DispatchFigures;
}

const LEVELS: Record<string, DemoUnitLevel> = {
  country: "COUNTRY",
  province: "PROVINCE",
  district: "DISTRICT",
  ward: "WARD",
};

/**
 * Reads prisma/data/hanoi-units-2021.csv (code,level,name,parent_code; no quoted fields): the
 * demo's units, each with its type ("Phường", "Quận", …) from the country's code list.
 */
export function readDemoUnits(): DemoUnit[] {
  const typeOf = new Map(parseCodeList(fs.readFileSync(dataFile("vietnam-units-2021-07-01.csv"), "utf8")).map((u) => [u.code, u.type]));
  const lines = fs.readFileSync(dataFile("hanoi-units-2021.csv"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const [header, ...rows] = lines;
  if (header?.trim() !== "code,level,name,parent_code") throw new Error(`hanoi-units-2021.csv: unexpected header ${header}`);
  return rows.map((line, i) => {
    const fields = line.split(",");
    const [code, level, name, parentCode] = fields.map((f) => f.trim());
    const mapped = level ? LEVELS[level] : undefined;
    if (fields.length !== 4 || !code || !name || !mapped) {
      throw new Error(`hanoi-units-2021.csv line ${i + 2}: cannot read ${JSON.stringify(line)}`);
    }
    return { code, level: mapped, name, type: typeOf.get(code) ?? null, parentCode: parentCode ? parentCode : null };
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo data: missing ${what}`);
  return value;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`demo data: ${message}`);
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder; ties to the
 * earlier index), so that the parts add up to `total` exactly.
 */
function distribute(total: number, weights: readonly number[]): number[] {
  const weightSum = sum(weights);
  check(weightSum > 0 && Number.isSafeInteger(total) && total >= 0, "distribute: bad input");
  const exact = weights.map((w) => (total * w) / weightSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - sum(parts);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[must(order[k], "order").i]! += 1;
  return parts;
}

const dayIndex = new Map(DEMO_DAYS.map((d, i) => [d, i]));

function indexOfDay(day: IsoDay): number {
  return must(dayIndex.get(day), `day ${day} in the demo period`);
}

function shortName(unitName: string): string {
  return unitName.replace(/^(Phường|Quận|Huyện|Thị xã|Xã|Thị trấn)\s+/u, "");
}

// ---------------------------------------------------------------------------------------------
// Hoàn Kiếm's wards

type WardProfile = {
  /** smartphones before a ±2% jitter (and, in Hoàn Kiếm, the fit to 150.788) */
  phones: number;
  /** coverage on 17/8 before a ±2% jitter (Ba Đình) or the fit to 77.113 installs (Hoàn Kiếm) */
  rate: number;
  /** installs per day, as a share of smartphones, before the push of 11/8 */
  pace: number;
  /** venues registered by 17/8, before a ±4% jitter */
  venues: number;
  /** how busy its venues are, relative to the district */
  activity: number;
  streets: readonly string[];
};

// Phúc Tân and Chương Dương (riverside, residential, many people) lag; the government quarter
// (Lý Thái Tổ, Tràng Tiền, Hàng Bài) leads; the Old Quarter wards have the most venues.
const WARD_PROFILES: Record<string, WardProfile> = {
  "00037": { phones: 12400, rate: 0.381, pace: 0.0046, venues: 380, activity: 0.85, streets: ["Phúc Tân", "Bạch Đằng", "Hồng Hà", "Chương Dương Độ"] },
  "00040": { phones: 9400, rate: 0.437, pace: 0.0052, venues: 650, activity: 1.1, streets: ["Đồng Xuân", "Hàng Khoai", "Hàng Chiếu", "Hàng Giấy", "Nguyễn Thiện Thuật", "Cầu Đông"] },
  "00043": { phones: 7900, rate: 0.497, pace: 0.0061, venues: 560, activity: 1.0, streets: ["Hàng Mã", "Hàng Lược", "Hàng Cót", "Hàng Gà", "Hàng Rươi", "Chả Cá"] },
  "00046": { phones: 6900, rate: 0.524, pace: 0.0064, venues: 610, activity: 1.05, streets: ["Hàng Buồm", "Mã Mây", "Tạ Hiện", "Lương Ngọc Quyến", "Hàng Giầy", "Đào Duy Từ", "Hàng Chĩnh"] },
  "00049": { phones: 6600, rate: 0.556, pace: 0.0066, venues: 600, activity: 1.05, streets: ["Hàng Đào", "Hàng Ngang", "Hàng Đường", "Cầu Gỗ", "Đinh Liệt"] },
  "00052": { phones: 5600, rate: 0.489, pace: 0.006, venues: 520, activity: 0.95, streets: ["Hàng Bồ", "Hàng Thiếc", "Hàng Cân", "Lãn Ông", "Thuốc Bắc", "Hàng Vải"] },
  "00055": { phones: 7300, rate: 0.512, pace: 0.0062, venues: 470, activity: 1.0, streets: ["Cửa Đông", "Hàng Điếu", "Đường Thành", "Bát Đàn", "Phùng Hưng", "Hàng Gà"] },
  "00058": { phones: 5300, rate: 0.641, pace: 0.0078, venues: 430, activity: 1.15, streets: ["Lý Thái Tổ", "Đinh Tiên Hoàng", "Lê Lai", "Lê Thạch", "Ngô Quyền", "Trần Nguyên Hãn"] },
  "00061": { phones: 5900, rate: 0.573, pace: 0.0068, venues: 590, activity: 1.05, streets: ["Hàng Bạc", "Hàng Bè", "Gia Ngư", "Đinh Liệt", "Cầu Gỗ", "Nguyễn Hữu Huân"] },
  "00064": { phones: 6800, rate: 0.538, pace: 0.0064, venues: 560, activity: 1.0, streets: ["Hàng Gai", "Hàng Hòm", "Hàng Quạt", "Tô Tịch", "Hàng Nón", "Hàng Mành"] },
  "00067": { phones: 12600, rate: 0.412, pace: 0.0049, venues: 360, activity: 0.85, streets: ["Chương Dương Độ", "Bạch Đằng", "Vạn Kiếp", "Hàm Tử Quan", "Trần Quang Khải"] },
  "00070": { phones: 8600, rate: 0.566, pace: 0.0067, venues: 560, activity: 1.1, streets: ["Hàng Trống", "Lê Thái Tổ", "Nhà Thờ", "Nhà Chung", "Bảo Khánh", "Hàng Hành", "Lý Quốc Sư", "Ấu Triệu"] },
  "00073": { phones: 8300, rate: 0.528, pace: 0.0063, venues: 450, activity: 0.95, streets: ["Cửa Nam", "Phan Bội Châu", "Thợ Nhuộm", "Lý Thường Kiệt", "Quán Sứ", "Hai Bà Trưng"] },
  "00076": { phones: 9200, rate: 0.502, pace: 0.006, venues: 560, activity: 1.0, streets: ["Hàng Bông", "Hàng Da", "Đình Ngang", "Tống Duy Tân", "Phủ Doãn", "Tràng Thi", "Yên Thái"] },
  "00079": { phones: 7400, rate: 0.628, pace: 0.0076, venues: 470, activity: 1.15, streets: ["Tràng Tiền", "Hàng Khay", "Đinh Lễ", "Tông Đản", "Ngô Quyền", "Hai Bà Trưng", "Lê Thánh Tông"] },
  "00082": { phones: 10400, rate: 0.487, pace: 0.0058, venues: 420, activity: 0.95, streets: ["Trần Hưng Đạo", "Quán Sứ", "Trần Bình Trọng", "Lý Thường Kiệt", "Yết Kiêu", "Nguyễn Du"] },
  "00085": { phones: 8700, rate: 0.579, pace: 0.0069, venues: 390, activity: 1.0, streets: ["Phan Chu Trinh", "Lý Đạo Thành", "Phạm Sư Mạnh", "Trần Hưng Đạo", "Tông Đản", "Lê Thánh Tông"] },
  "00088": { phones: 9600, rate: 0.611, pace: 0.0074, venues: 450, activity: 1.1, streets: ["Hàng Bài", "Bà Triệu", "Ngô Quyền", "Hai Bà Trưng", "Lý Thường Kiệt", "Trần Hưng Đạo"] },
};

// ---------------------------------------------------------------------------------------------
// Ba Đình's wards

// The government quarter (Điện Biên, Quán Thánh) and the lakeside (Trúc Bạch) lead; Phúc Xá (outside
// the dike, by the river) and the big residential wards of the west (Vĩnh Phúc, Thành Công) lag.
// Their smartphones add up to 247.500 before the jitter, about 2 % above the district's import;
// their coverage stays within 35–65 % on every day (a slower pace for the laggards).
const BA_DINH_WARD_PROFILES: Record<string, WardProfile> = {
  "00001": { phones: 21500, rate: 0.482, pace: 0.0033, venues: 300, activity: 0.9, streets: ["Phúc Xá", "Nghĩa Dũng", "Tân Ấp", "Hồng Hà", "Hồng Phúc"] },
  "00004": { phones: 9200, rate: 0.603, pace: 0.0056, venues: 290, activity: 1.0, streets: ["Trúc Bạch", "Châu Long", "Ngũ Xã", "Trấn Vũ", "Nguyễn Khắc Hiếu", "Lạc Chính", "Phó Đức Chính"] },
  "00006": { phones: 26500, rate: 0.508, pace: 0.0041, venues: 330, activity: 0.9, streets: ["Hoàng Hoa Thám", "Vĩnh Phúc", "Đốc Ngữ", "Bưởi", "Đội Nhân"] },
  "00007": { phones: 25500, rate: 0.532, pace: 0.0049, venues: 360, activity: 0.95, streets: ["Cống Vị", "Đào Tấn", "Đội Cấn", "Liễu Giai", "Bưởi"] },
  "00008": { phones: 20500, rate: 0.591, pace: 0.0055, venues: 390, activity: 1.05, streets: ["Liễu Giai", "Văn Cao", "Vạn Bảo", "Đội Cấn", "Quần Ngựa"] },
  "00010": { phones: 9800, rate: 0.552, pace: 0.0052, venues: 240, activity: 1.0, streets: ["Hàng Bún", "Hàng Than", "Nguyễn Trường Tộ", "Phạm Hồng Thái", "Hòe Nhai", "Yên Ninh"] },
  "00013": { phones: 10100, rate: 0.615, pace: 0.0057, venues: 300, activity: 1.1, streets: ["Quán Thánh", "Phan Đình Phùng", "Cửa Bắc", "Hàng Bún", "Nam Tràng", "Nguyễn Biểu"] },
  "00016": { phones: 20800, rate: 0.541, pace: 0.005, venues: 330, activity: 0.95, streets: ["Ngọc Hà", "Hoàng Hoa Thám", "Đội Cấn", "Hoàng Văn Thụ", "Bắc Sơn"] },
  "00019": { phones: 9600, rate: 0.63, pace: 0.0059, venues: 300, activity: 1.1, streets: ["Điện Biên Phủ", "Trần Phú", "Lê Trực", "Chu Văn An", "Nguyễn Thái Học", "Hoàng Diệu", "Lê Hồng Phong"] },
  "00022": { phones: 17800, rate: 0.573, pace: 0.0053, venues: 330, activity: 1.0, streets: ["Đội Cấn", "Ngọc Hà", "Ông Ích Khiêm", "Sơn Tây", "Chùa Một Cột"] },
  "00025": { phones: 22500, rate: 0.577, pace: 0.0054, venues: 380, activity: 1.05, streets: ["Ngọc Khánh", "Nguyễn Chí Thanh", "Kim Mã", "Linh Lang", "Đào Tấn", "Vạn Phúc"] },
  "00028": { phones: 14000, rate: 0.583, pace: 0.0054, venues: 380, activity: 1.05, streets: ["Kim Mã", "Giang Văn Minh", "Núi Trúc", "Nguyễn Thái Học", "Đội Cấn"] },
  "00031": { phones: 16700, rate: 0.562, pace: 0.0053, venues: 360, activity: 1.0, streets: ["Giảng Võ", "Trần Huy Liệu", "Cát Linh", "Núi Trúc", "Kim Mã"] },
  "00034": { phones: 23000, rate: 0.517, pace: 0.0044, venues: 350, activity: 0.95, streets: ["Thành Công", "Láng Hạ", "Nguyễn Chí Thanh", "Huỳnh Thúc Kháng", "Nguyên Hồng"] },
};

// ---------------------------------------------------------------------------------------------
// The other 29 districts of Hà Nội (official aggregates; Ba Đình's wards report as well, above)

type DistrictProfile = {
  /** population in thousands (rounded, 2019 census) */
  pop: number;
  kind: "urban-core" | "urban" | "town" | "rural-near" | "rural";
  /** coverage on 17/8; the six above Hoàn Kiếm are kept, the others are fitted to the city total */
  rate: number;
};

const DISTRICT_PROFILES: Record<string, DistrictProfile> = {
  "001": { pop: 226, kind: "urban-core", rate: 0.5623 },
  "003": { pop: 168, kind: "urban-core", rate: 0.5384 },
  "004": { pop: 323, kind: "urban", rate: 0.4963 },
  "005": { pop: 292, kind: "urban-core", rate: 0.5871 },
  "006": { pop: 372, kind: "urban-core", rate: 0.5246 },
  "007": { pop: 304, kind: "urban-core", rate: 0.5192 },
  "008": { pop: 506, kind: "urban", rate: 0.4731 },
  "009": { pop: 293, kind: "urban-core", rate: 0.5497 },
  "016": { pop: 343, kind: "rural", rate: 0.3852 },
  "017": { pop: 409, kind: "rural-near", rate: 0.4391 },
  "018": { pop: 292, kind: "rural-near", rate: 0.4526 },
  "019": { pop: 264, kind: "urban", rate: 0.4995 },
  "020": { pop: 287, kind: "rural-near", rate: 0.4483 },
  "021": { pop: 334, kind: "urban", rate: 0.4912 },
  "250": { pop: 241, kind: "rural", rate: 0.4017 },
  "268": { pop: 397, kind: "urban", rate: 0.5015 },
  "269": { pop: 146, kind: "town", rate: 0.4655 },
  "271": { pop: 305, kind: "rural", rate: 0.3562 },
  "272": { pop: 185, kind: "rural", rate: 0.3941 },
  "273": { pop: 166, kind: "rural-near", rate: 0.4308 },
  "274": { pop: 276, kind: "rural-near", rate: 0.4402 },
  "275": { pop: 184, kind: "rural", rate: 0.4083 },
  "276": { pop: 210, kind: "rural", rate: 0.4149 },
  "277": { pop: 337, kind: "rural", rate: 0.3889 },
  "278": { pop: 220, kind: "rural", rate: 0.3972 },
  "279": { pop: 255, kind: "rural", rate: 0.4118 },
  "280": { pop: 229, kind: "rural", rate: 0.3745 },
  "281": { pop: 211, kind: "rural", rate: 0.3684 },
  "282": { pop: 199, kind: "rural", rate: 0.3611 },
};

const KIND = {
  "urban-core": { phonesPerPerson: 1.05, venuesPerThousand: 34, qrActivity: 1.1, scansPerVenue: [22, 42] },
  urban: { phonesPerPerson: 0.95, venuesPerThousand: 26, qrActivity: 1.0, scansPerVenue: [18, 36] },
  town: { phonesPerPerson: 0.8, venuesPerThousand: 22, qrActivity: 0.95, scansPerVenue: [15, 30] },
  "rural-near": { phonesPerPerson: 0.78, venuesPerThousand: 20, qrActivity: 0.9, scansPerVenue: [12, 28] },
  rural: { phonesPerPerson: 0.68, venuesPerThousand: 17, qrActivity: 0.85, scansPerVenue: [10, 24] },
} as const;

// ---------------------------------------------------------------------------------------------
// Day profiles

/** Installs per day (share of smartphones) speed up after the push of 11/8. */
function installPaceFactor(day: IsoDay): number {
  return day >= PUSH_FROM ? 1.45 : 1;
}

/** Share of registered venues with at least one scan that day, before a unit's own factor. */
function activeShareBase(day: IsoDay): number {
  // 19/7/2021 was a Monday; on Saturdays and Sundays fewer places are open.
  const weekend = indexOfDay(day) % 7 >= 5 ? 0.9 : 1;
  if (day < DISTANCING_FROM) return 0.118 * weekend;
  if (day < PUSH_FROM) return 0.071 * weekend;
  return 0.079 * weekend;
}

/**
 * A cumulative series that grows every day: the value on `anchorDay` is `anchorValue` and the
 * increase on each day d (from the previous day) is increments[d]. increments[0] is unused.
 */
function seriesFromAnchor(anchorValue: number, anchorDay: IsoDay, increments: readonly number[]): number[] {
  const a = indexOfDay(anchorDay);
  const values = new Array<number>(DEMO_DAYS.length);
  values[a] = anchorValue;
  for (let i = a - 1; i >= 0; i--) values[i] = values[i + 1]! - increments[i + 1]!;
  for (let i = a + 1; i < DEMO_DAYS.length; i++) values[i] = values[i - 1]! + increments[i]!;
  return values;
}

// ---------------------------------------------------------------------------------------------
// Venue names

const BRANDS = [
  "Minh Anh", "Thu Hằng", "Hồng Nhung", "Quang Huy", "Bảo Ngọc", "Thanh Tâm", "Hà Linh", "Tuấn Phát", "Phúc Lộc",
  "An Khang", "Hưng Thịnh", "Thành Công", "Kim Ngân", "Ngọc Lan", "Việt Hà", "Đức Minh", "Hải Yến", "Phương Mai",
  "Gia Bảo", "Mai Anh", "Trung Kiên", "Lan Chi", "Bích Ngọc", "Tâm An", "Sơn Hà", "Vạn Xuân", "Trường Giang",
  "Hoàng Gia", "Thăng Long", "Hà Thành", "Cổ Ngư", "Hồ Gươm", "Long Biên", "Tràng An", "Phú Quý", "Đại Phát",
  "Tân Tiến", "Nam Việt", "Hòa Bình", "Thủy Tiên", "Diệu Linh", "Khánh An", "Ngọc Hà", "Quỳnh Anh", "Hương Giang",
  "Thiên Phú", "Đông Á", "Kim Long", "Bình An", "Xuân Mai", "Thu Trang", "Mạnh Hùng", "Anh Đào", "Phố Cổ",
  "Hà Nội Xưa", "Cát Tường", "Như Ý", "Hạnh Phúc", "Trúc Lâm", "Sen Vàng",
] as const;

const BANKS = ["Vietcombank", "VietinBank", "BIDV", "Agribank", "Techcombank", "MB", "ACB", "VPBank", "SHB", "Sacombank"] as const;

const BUSINESS_KINDS: readonly (readonly [string, number])[] = [
  ["Cửa hàng tạp hóa", 12], ["Quán cà phê", 10], ["Nhà hàng", 6], ["Quán phở", 4], ["Quán bún chả", 3],
  ["Khách sạn", 7], ["Homestay", 3], ["Cửa hàng quần áo", 8], ["Cửa hàng giày dép", 4], ["Cửa hàng điện thoại", 3],
  ["Cửa hàng mỹ phẩm", 3], ["Siêu thị mini", 3], ["Cửa hàng bánh kẹo", 3], ["Cửa hàng đồ lưu niệm", 5],
  ["Cửa hàng văn phòng phẩm", 2], ["Tiệm may", 2], ["Cửa hàng thực phẩm", 4], ["Cửa hàng hoa quả", 3],
  ["Tiệm cắt tóc", 3], ["Cửa hàng điện máy", 2], ["Cửa hàng kính mắt", 2], ["Tiệm bánh", 2],
  ["Đại lý vé máy bay", 2], ["Công ty TNHH", 6], ["Công ty Cổ phần", 3], ["Phòng giao dịch", 2],
];

/** What the old streets are known for: a venue on one of them sells it half the time. */
const STREET_TRADES: Record<string, readonly string[]> = {
  "Hàng Bạc": ["Cửa hàng vàng bạc", "Tiệm kim hoàn"],
  "Hàng Mã": ["Cửa hàng đồ trang trí", "Cửa hàng đồ chơi", "Cửa hàng vàng mã"],
  "Lãn Ông": ["Hiệu thuốc Bắc"],
  "Thuốc Bắc": ["Hiệu thuốc Bắc", "Cửa hàng dụng cụ kim khí"],
  "Hàng Gai": ["Cửa hàng lụa tơ tằm"],
  "Hàng Đào": ["Cửa hàng vải", "Cửa hàng quần áo"],
  "Hàng Ngang": ["Cửa hàng vải", "Cửa hàng quần áo"],
  "Hàng Đường": ["Cửa hàng ô mai", "Cửa hàng bánh kẹo"],
  "Hàng Buồm": ["Cửa hàng thực phẩm khô", "Cửa hàng bánh kẹo"],
  "Hàng Thiếc": ["Cửa hàng đồ thiếc"],
  "Hàng Bồ": ["Cửa hàng kim chỉ", "Cửa hàng văn phòng phẩm"],
  "Hàng Cân": ["Cửa hàng văn phòng phẩm"],
  "Hàng Da": ["Cửa hàng đồ da"],
  "Hàng Khay": ["Cửa hàng đồ khảm trai"],
  "Hàng Quạt": ["Cửa hàng đồ thờ"],
  "Hàng Trống": ["Cửa hàng tranh", "Cửa hàng đồ lưu niệm"],
  "Hàng Chiếu": ["Cửa hàng chiếu cói"],
  "Hàng Lược": ["Cửa hàng hoa"],
  "Hàng Nón": ["Cửa hàng nón lá"],
  "Hàng Hòm": ["Cửa hàng sơn mài"],
  "Hàng Điếu": ["Cửa hàng đồ gỗ"],
  "Tạ Hiện": ["Quán bia", "Nhà hàng"],
  "Bát Đàn": ["Quán phở"],
  "Tràng Tiền": ["Hiệu sách", "Cửa hàng kem"],
  "Đinh Lễ": ["Hiệu sách"],
  "Hàng Than": ["Cửa hàng bánh phu thê", "Cửa hàng bánh cốm"],
};

const COMPANY_FIELDS = ["Thương mại", "Dịch vụ", "Du lịch", "Đầu tư", "Xuất nhập khẩu", "Công nghệ", "Xây dựng", "Truyền thông"] as const;

const DISTRICT_AGENCIES = [
  "Chi cục Thuế quận Hoàn Kiếm", "Bảo hiểm xã hội quận Hoàn Kiếm", "Kho bạc Nhà nước Hoàn Kiếm",
  "Phòng Giáo dục và Đào tạo quận Hoàn Kiếm", "Trung tâm Văn hóa – Thông tin và Thể thao quận Hoàn Kiếm",
  "Ban Quản lý phố cổ Hà Nội", "Hội Liên hiệp Phụ nữ quận Hoàn Kiếm", "Quận đoàn Hoàn Kiếm",
  "Chi cục Thống kê quận Hoàn Kiếm", "Đội Quản lý thị trường số 1", "Ban Quản lý chợ Đồng Xuân",
] as const;

const SCHOOLS = [
  "Trường Mầm non Hoa Sen", "Trường Mầm non Bình Minh", "Trường Mầm non Tuổi Hoa", "Trường Mầm non Họa Mi",
  "Trường Mầm non Măng Non", "Trường Mầm non Hoa Mai", "Trường Mầm non Sao Mai", "Trường Mầm non Hoa Hồng",
  "Trường Mầm non Ánh Dương", "Trường Mầm non Hoa Thủy Tiên", "Trường Tiểu học Tràng An", "Trường Tiểu học Điện Biên",
  "Trường Tiểu học Hoàn Kiếm", "Trường Tiểu học Nguyễn Du", "Trường Tiểu học Trần Quốc Toản", "Trường Tiểu học Quang Trung",
  "Trường Tiểu học Hồng Hà", "Trường Tiểu học Võ Thị Sáu", "Trường Tiểu học Tiền Phong", "Trường Tiểu học Lý Thái Tổ",
  "Trường THCS Ngô Sĩ Liên", "Trường THCS Trưng Vương", "Trường THCS Chu Văn An", "Trường THCS Nguyễn Du",
  "Trường THCS Hoàn Kiếm", "Trường THCS Trưng Nhị", "Trường THPT Trần Phú", "Trường THPT Việt Đức",
  "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên quận Hoàn Kiếm",
] as const;

const BA_DINH_AGENCIES = [
  "Chi cục Thuế quận Ba Đình", "Bảo hiểm xã hội quận Ba Đình", "Kho bạc Nhà nước Ba Đình",
  "Phòng Giáo dục và Đào tạo quận Ba Đình", "Trung tâm Văn hóa – Thông tin và Thể thao quận Ba Đình",
  "Hội Liên hiệp Phụ nữ quận Ba Đình", "Quận đoàn Ba Đình", "Chi cục Thống kê quận Ba Đình",
] as const;

const BA_DINH_SCHOOLS = [
  "Trường Mầm non Kim Đồng", "Trường Mầm non Ba Đình", "Trường Mầm non Ngọc Hà", "Trường Mầm non Thành Công",
  "Trường Mầm non Hoa Sữa", "Trường Mầm non Liễu Giai", "Trường Mầm non Vĩnh Phúc", "Trường Mầm non Giảng Võ",
  "Trường Tiểu học Kim Đồng", "Trường Tiểu học Ngọc Hà", "Trường Tiểu học Hoàng Hoa Thám", "Trường Tiểu học Nguyễn Bá Ngọc",
  "Trường Tiểu học Thủ Lệ", "Trường Tiểu học Ba Đình", "Trường Tiểu học Ngọc Khánh", "Trường Tiểu học Thành Công A",
  "Trường Tiểu học Thành Công B", "Trường Tiểu học Hoàng Diệu", "Trường THCS Giảng Võ", "Trường THCS Nguyễn Trãi",
  "Trường THCS Thăng Long", "Trường THCS Phan Chu Trinh", "Trường THCS Mạc Đĩnh Chi", "Trường THCS Thành Công",
  "Trường THCS Nguyễn Công Trứ", "Trường THCS Phúc Xá", "Trường THPT Phan Đình Phùng", "Trường THPT Phạm Hồng Thái",
] as const;

type SpecialVenue = { name: string; category: DemoVenueCategory; street: string; number?: string };

/** Well-known places, in the ward they belong to. */
const SPECIAL_VENUES: Record<string, readonly SpecialVenue[]> = {
  "00037": [
    { name: "Trường Mầm non Phúc Tân", category: "SCHOOL", street: "Phúc Tân" },
    { name: "Chợ dân sinh Phúc Tân", category: "MARKET", street: "Phúc Tân" },
  ],
  "00040": [{ name: "Chợ Đồng Xuân", category: "MARKET", street: "Đồng Xuân" }],
  "00046": [{ name: "Đền Bạch Mã", category: "OTHER", street: "Hàng Buồm", number: "76" }],
  "00058": [
    { name: "UBND thành phố Hà Nội", category: "AGENCY", street: "Đinh Tiên Hoàng", number: "79" },
    { name: "Bưu điện Hà Nội", category: "BUSINESS", street: "Đinh Tiên Hoàng", number: "75" },
  ],
  "00061": [
    { name: "Đình Kim Ngân", category: "OTHER", street: "Hàng Bạc", number: "42" },
    { name: "Chợ Hàng Bè", category: "MARKET", street: "Hàng Bè" },
  ],
  "00067": [{ name: "Trường Mầm non Chương Dương", category: "SCHOOL", street: "Chương Dương Độ" }],
  "00070": [
    { name: "UBND quận Hoàn Kiếm", category: "AGENCY", street: "Hàng Trống", number: "126" },
    { name: "Nhà thờ Lớn Hà Nội", category: "OTHER", street: "Nhà Chung", number: "40" },
    { name: "Chùa Bà Đá", category: "OTHER", street: "Nhà Thờ", number: "3" },
  ],
  "00076": [
    { name: "Bệnh viện Hữu nghị Việt Đức", category: "HEALTH_FACILITY", street: "Tràng Thi", number: "40" },
    { name: "Chợ Hàng Da", category: "MARKET", street: "Hàng Da" },
  ],
  "00079": [
    { name: "Nhà hát Lớn Hà Nội", category: "OTHER", street: "Tràng Tiền", number: "1" },
    { name: "Bộ Công Thương", category: "AGENCY", street: "Hai Bà Trưng", number: "54" },
  ],
  "00082": [
    { name: "Chùa Quán Sứ", category: "OTHER", street: "Quán Sứ", number: "73" },
    { name: "Công an thành phố Hà Nội", category: "AGENCY", street: "Trần Hưng Đạo", number: "87" },
  ],
  "00085": [{ name: "Bộ Tài chính", category: "AGENCY", street: "Trần Hưng Đạo", number: "28" }],
  // Ba Đình
  "00001": [{ name: "Chợ Long Biên", category: "MARKET", street: "Phúc Xá" }],
  "00004": [{ name: "Chợ Châu Long", category: "MARKET", street: "Châu Long" }],
  "00007": [{ name: "Tòa nhà Lotte Center Hà Nội", category: "OTHER", street: "Liễu Giai", number: "54" }],
  "00008": [{ name: "UBND quận Ba Đình", category: "AGENCY", street: "Liễu Giai", number: "25" }],
  "00013": [{ name: "Đền Quán Thánh", category: "OTHER", street: "Quán Thánh" }],
  "00016": [{ name: "Chợ Ngọc Hà", category: "MARKET", street: "Ngọc Hà" }],
  "00019": [{ name: "Bệnh viện Đa khoa Xanh Pôn", category: "HEALTH_FACILITY", street: "Chu Văn An", number: "12" }],
  "00022": [
    { name: "Bảo tàng Hồ Chí Minh", category: "OTHER", street: "Ngọc Hà", number: "19" },
    { name: "Chùa Một Cột", category: "OTHER", street: "Chùa Một Cột" },
  ],
  "00025": [{ name: "Khách sạn Daewoo Hà Nội", category: "BUSINESS", street: "Kim Mã", number: "360" }],
  "00031": [
    { name: "Trung tâm Triển lãm Giảng Võ", category: "OTHER", street: "Giảng Võ", number: "148" },
    { name: "Bộ Y tế", category: "AGENCY", street: "Giảng Võ", number: "138A" },
  ],
  "00034": [{ name: "Chợ Thành Công", category: "MARKET", street: "Thành Công" }],
};

type VenueDraft = {
  name: string;
  address: string;
  category: DemoVenueCategory;
  /** the ward's own office and health station, landmarks, schools and markets register early */
  early: boolean;
  /** relative chance of being scanned on a given day */
  pull: number;
  /** scans on an active day: [low, high] before distancing */
  scans: readonly [number, number];
};

const SCANS_BY_CATEGORY: Record<DemoVenueCategory, readonly [number, number]> = {
  MARKET: [60, 420],
  WARD_OFFICE: [18, 70],
  HEALTH_FACILITY: [6, 45],
  AGENCY: [8, 90],
  BUSINESS: [1, 45],
  SCHOOL: [3, 25],
  OTHER: [1, 30],
};

const PULL_BY_CATEGORY: Record<DemoVenueCategory, number> = {
  MARKET: 9,
  WARD_OFFICE: 60,
  HEALTH_FACILITY: 2.5,
  AGENCY: 1.6,
  BUSINESS: 1,
  SCHOOL: 0.3,
  OTHER: 0.7,
};

/** A ward and its district, short names: "Hàng Bạc", "Hoàn Kiếm". */
type Place = { ward: string; district: string };

function wardPlace(place: Place): string {
  return `phường ${place.ward}, quận ${place.district}, Hà Nội`;
}

/** "12 Hàng Bạc, phường Hàng Bạc, …" or, one time in eight, "Số 5 ngõ 12 Hàng Bạc, …". */
function venueAddress(rng: Random, street: string, place: Place): { address: string; number: number } {
  const n = rng.int(1, 140);
  if (rng.chance(0.12)) return { address: `Số ${rng.int(1, 40)} ngõ ${n} ${street}, ${wardPlace(place)}`, number: n };
  return { address: `${n} ${street}, ${wardPlace(place)}`, number: n };
}

function draftVenue(category: DemoVenueCategory, name: string, address: string, early = false): VenueDraft {
  return { name, address, category, early, pull: PULL_BY_CATEGORY[category], scans: SCANS_BY_CATEGORY[category] };
}

function randomVenue(rng: Random, wardCode: string, place: Place, streets: readonly string[], hasMarket: boolean): VenueDraft {
  const ward = place.ward;
  const street = rng.pick(streets);
  const { address, number } = venueAddress(rng, street, place);
  const brand = rng.pick(BRANDS);
  const category = rng.weighted<DemoVenueCategory>([
    ["BUSINESS", 80],
    ["AGENCY", 6.5],
    ["OTHER", 9.3],
    ["HEALTH_FACILITY", 3.6],
    ["MARKET", hasMarket ? 0.6 : 0],
  ]);
  switch (category) {
    case "AGENCY": {
      const name = rng.weighted<string>([
        [`Văn phòng Công ty ${rng.pick(["TNHH", "Cổ phần"])} ${rng.pick(COMPANY_FIELDS)} ${brand}`, 6],
        [`Văn phòng luật sư ${brand}`, 1],
        [`Văn phòng công chứng ${brand}`, 0.5],
        [`Hội Cựu chiến binh phường ${ward}`, 0.3],
        [`Chi hội Người cao tuổi phường ${ward}`, 0.3],
        [`Văn phòng đại diện ${rng.pick(["Hội", "Quỹ", "Trung tâm"])} ${brand}`, 1],
      ]);
      return draftVenue(category, name, address);
    }
    case "OTHER": {
      const name = rng.weighted<string>([
        [`Nhà văn hóa tổ dân phố số ${rng.int(1, 24)}`, 3],
        [`Điểm trông giữ xe ${street}`, 2],
        [`Tòa nhà văn phòng ${brand}`, 2],
        [`Nhà tập thể ${rng.int(1, 140)} ${street}`, 2],
        [`Câu lạc bộ thể dục ${brand}`, 1],
      ]);
      return draftVenue(category, name, address);
    }
    case "HEALTH_FACILITY": {
      const name = rng.weighted<string>([
        [`Nhà thuốc ${brand}`, 6],
        [`Phòng khám ${rng.pick(["đa khoa", "nha khoa", "nhi", "tai mũi họng", "mắt", "da liễu"])} ${brand}`, 3],
        [`Phòng chẩn trị y học cổ truyền ${brand}`, 1],
      ]);
      return draftVenue(category, name, address);
    }
    case "MARKET": {
      // Only drawn in a ward with a market (weight 0 otherwise): a stall of that market.
      const markets = (SPECIAL_VENUES[wardCode] ?? []).filter((s) => s.category === "MARKET").map((s) => s.name);
      return draftVenue(category, `Ki-ốt số ${rng.int(1, 260)}, ${rng.pick(markets)}`, address);
    }
    default: {
      const trades = STREET_TRADES[street];
      const kind = trades && rng.chance(0.5) ? rng.pick(trades) : rng.weighted(BUSINESS_KINDS);
      let name: string;
      if (kind === "Công ty TNHH" || kind === "Công ty Cổ phần") name = `${kind} ${rng.pick(COMPANY_FIELDS)} ${brand}`;
      else if (kind === "Phòng giao dịch") name = `Phòng giao dịch ${rng.pick(BANKS)} ${street}`;
      else if (rng.chance(0.2)) name = `${kind} số ${number} ${street}`;
      else name = `${kind} ${brand}`;
      return draftVenue("BUSINESS", name, address);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The generator

type WardPlan = {
  code: string;
  name: string;
  profile: WardProfile;
  smartphones: number;
  installs: number[];
  venues: (DemoVenue & { draft: VenueDraft })[];
};

/** Per ward, per day of DEMO_DAYS: [registered venues, active venues, scans]. */
type WardQr = Map<string, [number, number, number][]>;

/** What differs between the districts whose wards have venues. */
type VenueSetting = {
  /** prefixes the labels of the district's shared random streams ("" for Hoàn Kiếm, as before Ba Đình) */
  label: string;
  /** short name, for addresses: "Hoàn Kiếm" */
  district: string;
  /** of the venue codes: "HK-" */
  prefix: string;
  schools: readonly string[];
  agencies: readonly string[];
};

const HOAN_KIEM_VENUES: VenueSetting = {
  label: "",
  district: "Hoàn Kiếm",
  prefix: DEMO_VENUE_PREFIX,
  schools: SCHOOLS,
  agencies: DISTRICT_AGENCIES,
};

const BA_DINH_VENUES: VenueSetting = {
  label: "ba-dinh/",
  district: "Ba Đình",
  prefix: DEMO_BA_DINH_VENUE_PREFIX,
  schools: BA_DINH_SCHOOLS,
  agencies: BA_DINH_AGENCIES,
};

/**
 * How a ward's campaign went, apart from where it ended: `momentum` scales its daily pace over the
 * whole period (a ward that ends level with another but had more momentum started lower and
 * overtook it), `surge` how much the push of 11/8 moved it (a late starter surges, a ward that
 * had done its rounds early slows down). Drawn on a stream of their own, within `range`.
 */
type Momentum = { momentum: number; surge: number };

/** Hoàn Kiếm's wards differ widely; Ba Đình's less, so that each stays within 35–65 % every day. */
const MOMENTUM_RANGE = { hoanKiem: { momentum: [0.6, 1.5], surge: [0.5, 1.2] }, baDinh: { momentum: [0.6, 1.15], surge: [0.5, 1.5] } } as const;

function drawMomentum(root: Random, wardCode: string, range: (typeof MOMENTUM_RANGE)[keyof typeof MOMENTUM_RANGE]): Momentum {
  const rng = root.fork(`ward-momentum/${wardCode}`);
  return { momentum: rng.float(range.momentum[0], range.momentum[1]), surge: rng.float(range.surge[0], range.surge[1]) };
}

/**
 * A ward's cumulative installs: `finalInstalls` on the last day, growing every day by its pace
 * (0,3–1,5% of its smartphones a day, faster after the push of 11/8) times its momentum (and its
 * surge after the push), with day-to-day noise: the wards' ranks cross over the 30 days while
 * every figure of 17/8 stays where the dispatch puts it.
 */
function wardInstalls(rng: Random, profile: WardProfile, smartphones: number, finalInstalls: number, shape: Momentum): number[] {
  const increments = DEMO_DAYS.map((day, d) => {
    if (d === 0) return 0;
    const own = shape.momentum * (day >= PUSH_FROM ? shape.surge : 1);
    const rate = Math.min(0.015, Math.max(0.003, profile.pace * installPaceFactor(day) * own * rng.float(0.55, 1.45)));
    return Math.max(1, Math.round(smartphones * rate));
  });
  return seriesFromAnchor(finalInstalls, DEMO_LAST_DAY, increments);
}

/** Gives each ward its venues (ward.venues), with registration days, coded <prefix><ward>-<nnnn>. */
function planVenues(root: Random, wards: readonly WardPlan[], setting: VenueSetting): void {
  const schoolRng = root.fork(`${setting.label}schools`);
  const schoolPool = schoolRng.shuffle(setting.schools);
  const agencyPool = schoolRng.shuffle(setting.agencies);
  const firstRegistration: IsoDay = "2021-04-20";
  const earlyDays = dayRange(firstRegistration, addDays(DEMO_FIRST_DAY, -1));
  const campaignDayWeights = DEMO_DAYS.map((d) => [d, d >= PUSH_FROM ? 2.6 : 1] as const);

  for (const [wi, ward] of wards.entries()) {
    const rng = root.fork(`ward-venues/${ward.code}`);
    const short = shortName(ward.name);
    const place: Place = { ward: short, district: setting.district };
    const streets = ward.profile.streets;
    const at = (street: string) => venueAddress(rng, street, place).address;
    const drafts: VenueDraft[] = [
      draftVenue("WARD_OFFICE", `UBND phường ${short}`, at(streets[0]!), true),
      // The health station is busy (tests, vaccination): it is scanned almost every day.
      { ...draftVenue("HEALTH_FACILITY", `Trạm Y tế phường ${short}`, at(rng.pick(streets)), true), pull: 40, scans: [25, 160] },
      draftVenue("AGENCY", `Công an phường ${short}`, at(rng.pick(streets)), true),
    ];
    for (const s of SPECIAL_VENUES[ward.code] ?? []) {
      const address = s.number === undefined ? `phố ${s.street}, ${wardPlace(place)}` : `${s.number} ${s.street}, ${wardPlace(place)}`;
      drafts.push(draftVenue(s.category, s.name, address, true));
    }
    const schools = 1 + (wi % 3 === 0 ? 1 : 0) + (rng.chance(0.35) ? 1 : 0);
    for (let k = 0; k < schools && schoolPool.length > 0; k++) {
      drafts.push(draftVenue("SCHOOL", schoolPool.pop()!, at(rng.pick(streets)), true));
    }
    if (agencyPool.length > 0 && rng.chance(0.6)) {
      drafts.push(draftVenue("AGENCY", agencyPool.pop()!, at(rng.pick(streets)), true));
    }
    const hasMarket = drafts.some((d) => d.category === "MARKET");
    const total = Math.round(ward.profile.venues * rng.float(0.96, 1.04));
    while (drafts.length < total) drafts.push(randomVenue(rng, ward.code, place, streets, hasMarket));

    // Registration days: the early ones in April–May; of the others about 64% before the period,
    // the rest during it, faster after the push of 11/8.
    const dated = drafts.map((draft, index) => {
      let registeredOn: IsoDay;
      if (draft.early) registeredOn = rng.pick(earlyDays.slice(0, 42));
      else if (rng.chance(0.64)) registeredOn = rng.pick(earlyDays);
      else registeredOn = rng.weighted(campaignDayWeights);
      return { draft, index, registeredOn };
    });
    dated.sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.index - b.index));
    ward.venues = dated.map(({ draft, registeredOn }, k) => ({
      code: `${setting.prefix}${ward.code}-${String(k + 1).padStart(4, "0")}`,
      name: draft.name,
      address: draft.address,
      category: draft.category,
      wardCode: ward.code,
      registeredOn,
      draft,
    }));
  }
}

/**
 * Which of each ward's registered venues are scanned on each day, and how often: appends the
 * venue-days with scans to `venueDayScans` and returns each ward's QR fields per day. The ward of
 * `silent` has no scan at all on its days.
 */
function countScans(
  root: Random,
  wards: readonly WardPlan[],
  silent: { wardCode: string; days: readonly IsoDay[] },
  venueDayScans: DemoVenueDayScan[],
): WardQr {
  const wardQr: WardQr = new Map();
  const zeroDays = new Set<string>(silent.days);
  for (const ward of wards) {
    const rng = root.fork(`ward-scans/${ward.code}`);
    const activity = ward.profile.activity * rng.float(0.92, 1.08);
    let activeYesterday = new Set<number>();
    const perDay: [number, number, number][] = [];
    for (const day of DEMO_DAYS) {
      let registered = 0;
      while (registered < ward.venues.length && ward.venues[registered]!.registeredOn <= day) registered++;
      const none = ward.code === silent.wardCode && zeroDays.has(day);
      const share = Math.min(0.145, Math.max(0.055, activeShareBase(day) * activity * rng.float(0.85, 1.15)));
      const wanted = none ? 0 : Math.max(1, Math.round(share * registered));
      // Weighted sampling without replacement (Efraimidis–Spirakis): smallest −ln(u)/w wins.
      const keyed: { k: number; key: number }[] = [];
      for (let k = 0; k < registered; k++) {
        const v = ward.venues[k]!;
        const weight = v.draft.pull * (activeYesterday.has(k) ? 3 : 1);
        keyed.push({ k, key: -Math.log(1 - rng.next()) / weight });
      }
      keyed.sort((a, b) => a.key - b.key || a.k - b.k);
      const active = keyed.slice(0, wanted).map((e) => e.k).sort((a, b) => a - b);
      const dampen = day >= DISTANCING_FROM ? 0.55 : 1;
      let scans = 0;
      for (const k of active) {
        const v = ward.venues[k]!;
        const [lo, hi] = v.draft.scans;
        const u = rng.next();
        const n = Math.max(1, Math.round((lo + (hi - lo) * u * u) * dampen));
        scans += n;
        venueDayScans.push({ venueCode: v.code, day, scans: n });
      }
      activeYesterday = new Set(active);
      perDay.push([registered, active.length, scans]);
    }
    wardQr.set(ward.code, perDay);
  }
  return wardQr;
}

/**
 * The wards' reports of day k (DEMO_DAYS[k]), but for a ward that did not report that day. Reports
 * come in between 16:00 and 21:00 (Hà Nội time) of the day they are about.
 */
function wardReports(rng: Random, wards: readonly WardPlan[], wardQr: WardQr, k: number): DemoFigure[] {
  const day = DEMO_DAYS[k]!;
  const rows: DemoFigure[] = [];
  for (const ward of wards) {
    if (NON_REPORTING.some((m) => m.wardCode === ward.code && m.day === day)) continue;
    const [qrVenues, activeVenues, scans] = wardQr.get(ward.code)![k]!;
    const minutes = 16 * 60 + rng.int(0, 299);
    const utcMinutes = minutes - 7 * 60;
    const hh = String(Math.floor(utcMinutes / 60)).padStart(2, "0");
    const mm = String(utcMinutes % 60).padStart(2, "0");
    const ss = String(rng.int(0, 59)).padStart(2, "0");
    rows.push({
      unitCode: ward.code,
      day,
      source: "WARD_REPORT",
      smartphones: ward.smartphones,
      installs: ward.installs[k]!,
      qrVenues,
      activeVenues,
      scans,
      status: day === DEMO_LAST_DAY && rng.chance(0.4) ? "SUBMITTED" : "APPROVED",
      submittedAt: `${day}T${hh}:${mm}:${ss}.000Z`,
    });
  }
  return rows;
}

export function generateDemo(): DemoData {
  const dispatch = readDispatchFigures();
  const bz = dispatch.bluezone;
  const qr = dispatch.qr;
  check(bz.asOf === DEMO_LAST_DAY, "the dispatch's Bluezone day is the last demo day");
  const qrDay: IsoDay = qr.city.day;
  const root = createRandom(SEED);

  const units = readDemoUnits();
  const district = must(units.find((u) => u.code === DEMO_DISTRICT_CODE), "Hoàn Kiếm in the unit list");
  const wardUnits = units.filter((u) => u.parentCode === district.code && u.level === "WARD");
  const otherDistricts = units.filter((u) => u.parentCode === DEMO_CITY_CODE && u.level === "DISTRICT" && u.code !== district.code);
  const baDinhWardUnits = units.filter((u) => u.parentCode === DEMO_BA_DINH_CODE && u.level === "WARD");
  check(wardUnits.length === 18, `Hoàn Kiếm has 18 wards (found ${wardUnits.length})`);
  check(otherDistricts.length === 29, `Hà Nội has 29 other districts (found ${otherDistricts.length})`);
  check(otherDistricts.some((d) => d.code === DEMO_BA_DINH_CODE), "Ba Đình in the unit list");
  check(baDinhWardUnits.length === 14, `Ba Đình has 14 wards (found ${baDinhWardUnits.length})`);
  const last = DEMO_DAYS.length - 1;

  // --- Hoàn Kiếm: smartphones and installs per ward -------------------------------------------
  const wardRng = root.fork("wards");
  const profiles = wardUnits.map((w) => must(WARD_PROFILES[w.code], `profile of ward ${w.code}`));
  const phones = distribute(
    bz.district.smartphones,
    profiles.map((p) => p.phones * wardRng.float(0.98, 1.02)),
  );
  const rawInstalls = profiles.map((p, i) => phones[i]! * p.rate);
  const finalInstalls = distribute(bz.district.installs, rawInstalls);

  const wards: WardPlan[] = wardUnits.map((w, i) => ({
    code: w.code,
    name: w.name,
    profile: profiles[i]!,
    smartphones: phones[i]!,
    installs: wardInstalls(root.fork(`ward-installs/${w.code}`), profiles[i]!, phones[i]!, finalInstalls[i]!, drawMomentum(root, w.code, MOMENTUM_RANGE.hoanKiem)),
    venues: [],
  }));

  // --- Hoàn Kiếm: venues, scans per venue and day ---------------------------------------------
  planVenues(root, wards, HOAN_KIEM_VENUES);
  const venueDayScans: DemoVenueDayScan[] = [];
  const wardQr = countScans(root, wards, ZERO_SCAN, venueDayScans);

  // --- Ba Đình's wards: their own figures, not a split of the district's import ----------------
  const baDinhRng = root.fork("ba-dinh/wards");
  const baDinhWards: WardPlan[] = baDinhWardUnits.map((w) => {
    const profile = must(BA_DINH_WARD_PROFILES[w.code], `profile of ward ${w.code}`);
    const smartphones = Math.round(profile.phones * baDinhRng.float(0.98, 1.02));
    const installs = Math.round(smartphones * profile.rate * baDinhRng.float(0.98, 1.02));
    return {
      code: w.code,
      name: w.name,
      profile,
      smartphones,
      installs: wardInstalls(root.fork(`ward-installs/${w.code}`), profile, smartphones, installs, drawMomentum(root, w.code, MOMENTUM_RANGE.baDinh)),
      venues: [],
    };
  });
  planVenues(root, baDinhWards, BA_DINH_VENUES);
  const baDinhQr = countScans(root, baDinhWards, BA_DINH_ZERO_SCAN, venueDayScans);

  // --- The other 29 districts: Bluezone ----------------------------------------------------------
  const hkFinalPhones = sum(wards.map((w) => w.smartphones));
  const hkFinalInstalls = sum(wards.map((w) => w.installs[last]!));
  const otherPhonesTotal = CITY_SMARTPHONES - hkFinalPhones;
  const otherInstallsTotal = bz.city.installs - hkFinalInstalls;
  const districtRng = root.fork("districts");
  const dProfiles = otherDistricts.map((d) => must(DISTRICT_PROFILES[d.code], `profile of district ${d.code}`));
  const dPhones = distribute(
    otherPhonesTotal,
    dProfiles.map((p) => p.pop * KIND[p.kind].phonesPerPerson * districtRng.float(0.97, 1.03)),
  );
  // The six districts ahead of Hoàn Kiếm keep their rate; the others are scaled together so that
  // the city's installs come out exactly.
  const hkRatio = { num: hkFinalInstalls, den: hkFinalPhones };
  const ahead = dProfiles.map((p) => p.rate > (bz.district.coverageRatePercent + 0.3) / 100);
  const aheadInstalls = dPhones.map((n, i) => (ahead[i] ? Math.round(n * dProfiles[i]!.rate) : 0));
  const behindWeights = dPhones.map((n, i) => (ahead[i] ? 0 : n * dProfiles[i]!.rate));
  const behindInstalls = distribute(otherInstallsTotal - sum(aheadInstalls), behindWeights);
  const dFinalInstalls = dPhones.map((_, i) => (ahead[i] ? aheadInstalls[i]! : behindInstalls[i]!));

  // --- The other 29 districts: QR ------------------------------------------------------------
  const qrIndex = indexOfDay(qrDay);
  const hkQrOnQrDay = sum(wards.map((w) => wardQr.get(w.code)![qrIndex]![0]));
  const hkActiveOnQrDay = sum(wards.map((w) => wardQr.get(w.code)![qrIndex]![1]));
  const dQrOnQrDay = distribute(
    qr.city.venuesWithQrCode - hkQrOnQrDay,
    dProfiles.map((p) => p.pop * KIND[p.kind].venuesPerThousand * districtRng.float(0.9, 1.1)),
  );
  const dActivity = dProfiles.map((p) => KIND[p.kind].qrActivity * districtRng.float(0.9, 1.1));
  const dActiveOnQrDay = distribute(
    qr.city.venuesWithScansOnDay - hkActiveOnQrDay,
    dQrOnQrDay.map((q, i) => q * activeShareBase(qrDay) * dActivity[i]!),
  );

  const figures: DemoFigure[] = [];
  const districtSeries = otherDistricts.map((d, i) => {
    const rng = root.fork(`district-series/${d.code}`);
    const profile = dProfiles[i]!;
    const smartphones = dPhones[i]!;
    const pace = rng.float(0.0038, 0.0062);
    const installIncrements = DEMO_DAYS.map((day, k) =>
      k === 0 ? 0 : Math.max(1, Math.round(smartphones * Math.min(0.01, pace * installPaceFactor(day) * rng.float(0.8, 1.2)))),
    );
    const installs = seriesFromAnchor(dFinalInstalls[i]!, DEMO_LAST_DAY, installIncrements);
    const q14 = dQrOnQrDay[i]!;
    const qrIncrements = DEMO_DAYS.map((day, k) =>
      k === 0 ? 0 : Math.max(1, Math.round(q14 * (day >= PUSH_FROM ? 0.013 : 0.0075) * rng.float(0.7, 1.3))),
    );
    const qrVenues = seriesFromAnchor(q14, qrDay, qrIncrements);
    const [scanLo, scanHi] = KIND[profile.kind].scansPerVenue;
    const active = DEMO_DAYS.map((day, k) => {
      if (k === qrIndex) return dActiveOnQrDay[i]!;
      const share = Math.min(0.145, Math.max(0.052, activeShareBase(day) * dActivity[i]! * rng.float(0.88, 1.12)));
      return Math.round(qrVenues[k]! * share);
    });
    const scans = DEMO_DAYS.map((day, k) => Math.round(active[k]! * rng.float(scanLo, scanHi) * (day >= DISTANCING_FROM ? 1 : 1.7)));
    return { code: d.code, smartphones, installs, qrVenues, active, scans };
  });

  // --- Rows -----------------------------------------------------------------------------------
  const reportRng = root.fork("reports");
  const baDinhReportRng = root.fork("ba-dinh/reports");
  for (const [k, day] of DEMO_DAYS.entries()) {
    figures.push(...wardReports(reportRng, wards, wardQr, k));
    for (const s of districtSeries) {
      figures.push({
        unitCode: s.code,
        day,
        source: "IMPORT",
        smartphones: s.smartphones,
        installs: s.installs[k]!,
        qrVenues: s.qrVenues[k]!,
        activeVenues: s.active[k]!,
        scans: s.scans[k]!,
      });
    }
    figures.push(...wardReports(baDinhReportRng, baDinhWards, baDinhQr, k));
  }

  const venues: DemoVenue[] = [...wards, ...baDinhWards].flatMap((w) =>
    w.venues.map(({ code, name, address, category, wardCode, registeredOn }) => ({ code, name, address, category, wardCode, registeredOn })),
  );

  const data: DemoData = {
    days: DEMO_DAYS,
    units,
    figures,
    venues,
    venueDayScans,
    targets: [
      { unitCode: DEMO_CITY_CODE, metric: "COVERAGE_RATE", basisPoints: 6000 },
      { unitCode: DEMO_CITY_CODE, metric: "QR_ACTIVE_RATE", basisPoints: 3000 },
    ],
    officialRanks: [
      {
        unitCode: bz.city.code,
        day: bz.asOf,
        metric: "BLUEZONE_INSTALLS_NATIONAL",
        rank: bz.city.nationalRankBySmartphonesWithBluezone,
        outOf: 63,
        source: OFFICIAL_RANK_SOURCE,
      },
    ],
    policyPhases: [
      // Hà Nội: social distancing under Directive 16 from 24/7/2021 (extended past the demo's days).
      { unitCode: DEMO_CITY_CODE, name: "Chỉ thị 16", startDay: DISTANCING_FROM, endDay: null },
    ],
  };
  verifyDispatch(data, dispatch, hkRatio);
  verifyBaDinh(data, hkRatio);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Self-check: the dispatch's figures, recomputed from the rows.

type Totals = { smartphones: number; installs: number; qrVenues: number; activeVenues: number };

/**
 * Each district's figure on a day as the default source priority sees it: its own IMPORT row when
 * it has one (Ba Đình, the 28 others), else the sum of its wards' reports (Hoàn Kiếm).
 */
function districtFigures(data: DemoData, day: IsoDay): Map<string, Totals> {
  const districtOf = new Map(data.units.filter((u) => u.level === "WARD").map((u) => [u.code, u.parentCode]));
  const imported = new Map<string, Totals>();
  const summed = new Map<string, Totals>();
  for (const f of data.figures) {
    if (f.day !== day) continue;
    const ward = f.source === "WARD_REPORT";
    const code = ward ? must(districtOf.get(f.unitCode) ?? undefined, "ward's district") : f.unitCode;
    const into = ward ? summed : imported;
    check(ward || !imported.has(code), `one IMPORT row of ${code} on ${day}`);
    const t = into.get(code) ?? { smartphones: 0, installs: 0, qrVenues: 0, activeVenues: 0 };
    t.smartphones += f.smartphones;
    t.installs += f.installs;
    t.qrVenues += f.qrVenues;
    t.activeVenues += f.activeVenues;
    into.set(code, t);
  }
  return new Map([...summed, ...imported]);
}

function verifyDispatch(data: DemoData, dispatch: DispatchFigures, hk: { num: number; den: number }): void {
  const bz = dispatch.bluezone;
  const qr = dispatch.qr;
  const districtTotals = (day: IsoDay) => districtFigures(data, day);

  const onAsOf = districtTotals(bz.asOf);
  const hkRow = must(onAsOf.get(bz.district.code), "Hoàn Kiếm on 17/8");
  check(hkRow.smartphones === bz.district.smartphones && hkRow.installs === bz.district.installs, "Hoàn Kiếm's 17/8 figures");
  check(hk.num === hkRow.installs && hk.den === hkRow.smartphones, "Hoàn Kiếm's ratio");
  check(ratioToPercentHundredths(hk) === Math.round(bz.district.coverageRatePercent * 100), "Hoàn Kiếm's rate");
  check(onAsOf.size === 30, "30 districts on 17/8");
  const ahead = [...onAsOf.values()].filter((t) => compareRatios({ num: t.installs, den: t.smartphones }, hk) === 1).length;
  const equal = [...onAsOf.entries()].filter(
    ([code, t]) => code !== bz.district.code && compareRatios({ num: t.installs, den: t.smartphones }, hk) === 0,
  ).length;
  check(ahead === bz.district.rankInCity - 1 && equal === 0, `Hoàn Kiếm ranks ${bz.district.rankInCity} (${ahead} ahead, ${equal} equal)`);
  const city = { num: sum([...onAsOf.values()].map((t) => t.installs)), den: sum([...onAsOf.values()].map((t) => t.smartphones)) };
  check(city.num === bz.city.installs, "the city's installs");
  check(ratioToPercentHundredths(city) === Math.round(bz.city.coverageRatePercent * 100), "the city's rate");

  const onQrDay = districtTotals(qr.city.day);
  check(sum([...onQrDay.values()].map((t) => t.qrVenues)) === qr.city.venuesWithQrCode, "the city's QR venues");
  check(sum([...onQrDay.values()].map((t) => t.activeVenues)) === qr.city.venuesWithScansOnDay, "the city's active venues");
  for (const z of qr.wardsWithZeroScansOnDay) {
    const row = data.figures.find((f) => f.unitCode === z.code && f.day === z.day);
    check(row !== undefined && row.scans === 0 && row.activeVenues === 0, `${z.name} has no scan on ${z.day}`);
  }
  for (const f of data.figures) {
    check(f.installs <= f.smartphones && f.activeVenues <= f.qrVenues, `invariants of ${f.unitCode} on ${f.day}`);
    const share = f.qrVenues > 0 ? f.activeVenues / f.qrVenues : 0;
    check(f.activeVenues === 0 || (share >= 0.05 && share <= 0.15), `active share of ${f.unitCode} on ${f.day}: ${share}`);
  }
}

// Self-check: Ba Đình's wards report beside the district's import, as promised above.

function verifyBaDinh(data: DemoData, hk: { num: number; den: number }): void {
  const wards = data.units.filter((u) => u.parentCode === DEMO_BA_DINH_CODE).map((u) => u.code);
  const wardSet = new Set(wards);
  const reports = data.figures.filter((f) => wardSet.has(f.unitCode));
  check(reports.every((f) => f.source === "WARD_REPORT"), "Ba Đình's wards send ward reports only");
  const missing = wards.flatMap((w) => DEMO_DAYS.filter((d) => !reports.some((f) => f.unitCode === w && f.day === d)).map((d) => `${w}/${d}`));
  check(missing.join() === "00025/2021-08-10", `Ba Đình misses one ward-day, Ngọc Khánh on 10/8 (${missing.join()})`);
  const imports = data.figures.filter((f) => f.unitCode === DEMO_BA_DINH_CODE);
  check(imports.length === DEMO_DAYS.length && imports.every((f) => f.source === "IMPORT"), "Ba Đình keeps an IMPORT row every day");

  const last = reports.filter((f) => f.day === DEMO_LAST_DAY);
  const own = must(imports.find((f) => f.day === DEMO_LAST_DAY), "Ba Đình's import on 17/8");
  const phones = sum(last.map((f) => f.smartphones));
  const sums = { num: sum(last.map((f) => f.installs)), den: phones };
  const gap = Math.abs(phones - own.smartphones) / own.smartphones;
  check(phones !== own.smartphones && gap >= 0.005 && gap <= 0.05, `Ba Đình's wards' smartphones near the import's, not equal (${phones} / ${own.smartphones})`);
  for (const f of reports) {
    const rate = f.installs / f.smartphones;
    check(rate >= 0.35 && rate <= 0.65, `coverage of ${f.unitCode} on ${f.day} between 35 and 65 % (${rate})`);
  }
  // Counted by its wards or by its import, Ba Đình stays ahead of Hoàn Kiếm (7th either way).
  check(compareRatios(sums, hk) === 1 && compareRatios({ num: own.installs, den: own.smartphones }, hk) === 1, "Ba Đình ahead of Hoàn Kiếm");
  const zero = reports.filter((f) => f.scans === 0).map((f) => `${f.unitCode}/${f.day}`);
  check(zero.join() === "00004/2021-08-08", `Ba Đình has one zero-scan ward-day, Trúc Bạch on 8/8 (${zero.join()})`);
}
