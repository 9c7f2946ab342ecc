import fs from "node:fs";
import path from "node:path";

// The files an admin needs to onboard one district on a database without the demo (issue 12's
// "Done when"): Quận Ba Đình (001) and its 14 wards, taken from the country's unit tree that every
// start loads (prisma/data/vietnam-units-2021-07-01.csv). Deterministic, with no dependency on the
// app's code, so that the integration test (vitest) and the end-to-end test (Playwright) use the
// same bytes:
//   - the accounts: Ba Đình's district official and one chair per ward (the bulk page's CSV);
//   - install statistics of the 14 wards on one day (every ward reports: the district is whole);
//   - a venue register: three venues per ward, registered before that day;
//   - a scan log of that day: scans at the day's first second (written in UTC) and last second
//     (23:59:59+07:00), both on that Vietnam day, and one ward (Trúc Bạch) with no scan at all.

export const BA_DINH = "001";
export const BA_DINH_NAME = "Quận Ba Đình";
/** The ward with no scan in the scan log (as in the demo's story of 8/8: it had no scan). */
export const TRUC_BACH = "00004";
export const PHUC_XA = "00001";
/** The day the files cover: the day of the dispatch's QR figures. */
export const ONBOARDING_DAY = "2021-08-14";
/** Venues are registered on this day, before ONBOARDING_DAY. */
export const REGISTERED_ON = "2021-08-01";
export const VENUES_PER_WARD = 3;
/** Venues of a ward that get scans: the first two of three (the third stays idle). */
export const SCANNED_VENUES_PER_WARD = 2;

export type OnboardingWard = { code: string; name: string; slug: string };
export type OnboardingAccount = { username: string; displayName: string; role: "DISTRICT_OFFICIAL" | "WARD_CHAIR"; unitCode: string; unitName: string };

const UNITS_FILE = path.join(process.cwd(), "prisma", "data", "vietnam-units-2021-07-01.csv");

/** "Phường Nguyễn Trung Trực" → "nguyentrungtruc": the demo's naming of chairs' usernames. */
export function slugOf(wardName: string): string {
  return wardName
    .replace(/^(Phường|Xã|Thị trấn)\s+/u, "")
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Ba Đình's wards in official-code order, read from the unit tree's CSV (code,level,name,type,parent_code). */
export function baDinhWards(file = UNITS_FILE): OnboardingWard[] {
  const wards: OnboardingWard[] = [];
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const [code = "", level = "", name = "", , parent = ""] = line.split(",");
    if (level === "ward" && parent === BA_DINH) wards.push({ code, name, slug: slugOf(name) });
  }
  wards.sort((a, b) => a.code.localeCompare(b.code));
  if (wards.length !== 14) throw new Error(`expected Ba Đình's 14 wards in ${file}, found ${wards.length}`);
  return wards;
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (fields: readonly (string | number)[]) => fields.map((f) => csvField(String(f))).join(",");

// ---------------------------------------------------------------------------------------------
// Accounts

export const OFFICIAL_USERNAME = "quan.badinh";

/** The district official and the 14 chairs, as OnboardingAccount rows. */
export function baDinhAccounts(wards = baDinhWards()): OnboardingAccount[] {
  return [
    { username: OFFICIAL_USERNAME, displayName: "Nguyễn Thu Hà", role: "DISTRICT_OFFICIAL", unitCode: BA_DINH, unitName: BA_DINH_NAME },
    ...wards.map((w) => ({
      username: `phuong.${w.slug}`,
      displayName: `Chủ tịch UBND ${w.name}`,
      role: "WARD_CHAIR" as const,
      unitCode: w.code,
      unitName: w.name,
    })),
  ];
}

/**
 * The bulk page's CSV as Excel writes "CSV UTF-8": a byte-order mark, CRLF. The official's role is
 * written in English, the chairs' alternately in Vietnamese ("Chủ tịch UBND phường"); a display
 * name with a comma is quoted; phones and e-mails on some rows.
 */
export function accountsCsv(accounts = baDinhAccounts()): string {
  const lines = [csvLine(["username", "display_name", "role", "unit_code", "phone", "email"])];
  accounts.forEach((a, i) => {
    const role = a.role === "WARD_CHAIR" && i % 2 === 0 ? "Chủ tịch UBND phường" : a.role;
    const displayName = i === 1 ? `${a.displayName}, nhiệm kỳ 2021-2026` : a.displayName;
    const phone = i % 3 === 0 ? `024 3845 ${String(1000 + i).padStart(4, "0")}` : "";
    const email = i % 4 === 0 ? `${a.username}@hanoi.gov.vn` : "";
    lines.push(csvLine([a.username, displayName, role, a.unitCode, phone, email]));
  });
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Install statistics

export type InstallRow = { unitCode: string; smartphones: number; installs: number };

/**
 * One row per ward on `day`: 7.000–14.000 smartphones, coverage 30–56 % in steps of 2 points
 * (ward i gets 30 + 2·(5i mod 14) %: every ward a different rate, not in code order), so the
 * ranking is strict and not the code order.
 */
export function installRows(wards = baDinhWards()): InstallRow[] {
  return wards.map((w, i) => {
    const smartphones = 7000 + ((i * 523) % 7000);
    const percent = 30 + 2 * ((5 * i) % 14);
    return { unitCode: w.code, smartphones, installs: Math.floor((smartphones * percent) / 100) + (i % 3) };
  });
}

export function installStatsCsv(day = ONBOARDING_DAY, rows = installRows()): string {
  return `${[csvLine(["unit_code", "day", "smartphones", "installs"]), ...rows.map((r) => csvLine([r.unitCode, day, r.smartphones, r.installs]))].join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Venue register

export type VenueRow = { code: string; name: string; address: string; category: string; wardCode: string };

const CATEGORIES = ["MARKET", "Cơ sở y tế", "SCHOOL", "BUSINESS", "WARD_OFFICE", "Cơ quan"] as const;
const KINDS = ["Chợ", "Trạm y tế", "Trường", "Siêu thị", "Trụ sở UBND", "Cơ quan"] as const;

export function venueCode(wardCode: string, n: number): string {
  return `BD-${wardCode}-${String(n).padStart(4, "0")}`;
}

export function venueRows(wards = baDinhWards()): VenueRow[] {
  return wards.flatMap((w, i) =>
    Array.from({ length: VENUES_PER_WARD }, (_, k) => {
      const c = (i + k) % CATEGORIES.length;
      const short = w.name.replace(/^Phường\s+/u, "");
      return {
        code: venueCode(w.code, k + 1),
        name: `${KINDS[c]} ${short} ${k + 1}`,
        address: `${10 + k} phố ${short}, ${w.name}, ${BA_DINH_NAME}`,
        category: CATEGORIES[c] ?? "OTHER",
        wardCode: w.code,
      };
    }),
  );
}

export function venueRegisterCsv(rows = venueRows()): string {
  const header = csvLine(["venue_code", "name", "address", "category", "ward_code", "registered_on", "status"]);
  return `${[header, ...rows.map((v) => csvLine([v.code, v.name, v.address, v.category, v.wardCode, REGISTERED_ON, "ACTIVE"]))].join("\n")}\n`;
}

/** venue code → ward code */
export function wardOfVenue(rows = venueRows()): Map<string, string> {
  return new Map(rows.map((v) => [v.code, v.wardCode]));
}

// ---------------------------------------------------------------------------------------------
// Scan log

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2021-08-14T08:05:09+07:00" for a second of a Vietnam day. */
function vietnamTime(day: string, second: number): string {
  return `${day}T${pad2(Math.floor(second / 3600))}:${pad2(Math.floor((second % 3600) / 60))}:${pad2(second % 60)}+07:00`;
}

/** The previous calendar day of "YYYY-MM-DD". */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The day's first second in Vietnam, written in UTC: "2021-08-13T17:00:00Z" is 14/8 00:00:00+07:00. */
export const firstSecondUtc = (day = ONBOARDING_DAY) => `${dayBefore(day)}T17:00:00Z`;
/** The day's last second in Vietnam: on that day, not the next. */
export const lastSecond = (day = ONBOARDING_DAY) => `${day}T23:59:59+07:00`;

export type ScanRow = { venueCode: string; scannedAt: string; deviceHash: string };

/**
 * The scan log of `day`: in every ward but Trúc Bạch, the first two venues get 2–6 scans each
 * between 07:00 and 21:00; Phúc Xá's first venue also one at 23:59:59+07:00 and its second one at
 * the day's first second written in UTC. Every scan falls on `day` in Asia/Ho_Chi_Minh.
 */
export function scanRows(day = ONBOARDING_DAY, wards = baDinhWards()): ScanRow[] {
  const rows: ScanRow[] = [];
  let serial = 0;
  const hash = () => (0x9e3779b1 * ++serial).toString(16).replace("-", "").padStart(8, "0").slice(-8);
  wards.forEach((w, i) => {
    if (w.code === TRUC_BACH) return;
    for (let k = 1; k <= SCANNED_VENUES_PER_WARD; k++) {
      const count = 2 + ((i + 2 * k) % 5);
      for (let s = 0; s < count; s++) {
        const second = 7 * 3600 + ((i * 3607 + k * 1709 + s * 5003) % (14 * 3600));
        rows.push({ venueCode: venueCode(w.code, k), scannedAt: vietnamTime(day, second), deviceHash: hash() });
      }
    }
  });
  rows.push({ venueCode: venueCode(PHUC_XA, 1), scannedAt: lastSecond(day), deviceHash: hash() });
  rows.push({ venueCode: venueCode(PHUC_XA, 2), scannedAt: firstSecondUtc(day), deviceHash: hash() });
  return rows;
}

export function scanLogCsv(rows = scanRows()): string {
  return `${[csvLine(["venue_code", "scanned_at", "device_hash"]), ...rows.map((r) => csvLine([r.venueCode, r.scannedAt, r.deviceHash]))].join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Everything at once, with what the overview should show

export type OnboardingFile = { name: string; text: string };

export type OnboardingFiles = {
  wards: OnboardingWard[];
  accounts: OnboardingAccount[];
  accountsCsv: OnboardingFile;
  installStats: OnboardingFile;
  venueRegister: OnboardingFile;
  scanLog: OnboardingFile;
  installs: InstallRow[];
  venues: VenueRow[];
  scans: ScanRow[];
};

export function onboardingFiles(day = ONBOARDING_DAY): OnboardingFiles {
  const wards = baDinhWards();
  const accounts = baDinhAccounts(wards);
  const installs = installRows(wards);
  const venues = venueRows(wards);
  const scans = scanRows(day, wards);
  return {
    wards,
    accounts,
    accountsCsv: { name: "tai-khoan-ba-dinh.csv", text: accountsCsv(accounts) },
    installStats: { name: `thong-ke-cai-dat-ba-dinh-${day}.csv`, text: installStatsCsv(day, installs) },
    venueRegister: { name: "dia-diem-qr-ba-dinh.csv", text: venueRegisterCsv(venues) },
    scanLog: { name: `nhat-ky-quet-ba-dinh-${day}.csv`, text: scanLogCsv(scans) },
    installs,
    venues,
    scans,
  };
}

/**
 * The wards' ranks by coverage, computed here without the app: exact comparison by
 * cross-multiplying integers (BigInt), descending, competition ranking (1, 2, 2, 4).
 */
export function expectedCoverageRanks(rows = installRows()): Map<string, number> {
  const cmp = (a: InstallRow, b: InstallRow) => {
    const left = BigInt(b.installs) * BigInt(a.smartphones);
    const right = BigInt(a.installs) * BigInt(b.smartphones);
    return left < right ? -1 : left > right ? 1 : 0;
  };
  const sorted = [...rows].filter((r) => r.smartphones > 0).sort(cmp);
  const ranks = new Map<string, number>();
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    ranks.set(r.unitCode, prev && cmp(prev, r) === 0 ? (ranks.get(prev.unitCode) ?? i + 1) : i + 1);
  });
  return ranks;
}
