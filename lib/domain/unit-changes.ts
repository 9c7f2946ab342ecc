// Changes to the unit tree over time: which units exist on a day, and what a new code
// list changes compared with the units WardWatch holds. Pure: no Prisma, no Next.
//
// A unit is valid from `validFrom` (null: since before the 2021 code list) to `validTo` (its last
// day; null: still valid), both calendar days in Asia/Ho_Chi_Minh. A change that takes effect on
// day D ends the units it closes on D − 1 and starts the units it opens on D. Figures never move:
// a unit that ends keeps the figures it reported, and a day's rankings and sums use only the units
// valid that day.

import { addDays, compareIsoDays, type IsoDay } from "./days.ts";
import { formatCount, formatDay } from "./format.ts";
import { msg, type Message } from "./message.ts";
import type { CodeListUnit, UnitLevelName } from "./unit-code-list.ts";

/** The days a unit exists. Missing fields count as null (valid since always / still valid). */
export type Validity = { readonly validFrom?: IsoDay | null; readonly validTo?: IsoDay | null };

/** Whether the unit exists on `day`: validFrom ≤ day ≤ validTo, an open end being unbounded. */
export function isValidOn(unit: Validity, day: IsoDay): boolean {
  const from = unit.validFrom ?? null;
  const to = unit.validTo ?? null;
  return (from === null || compareIsoDays(from, day) <= 0) && (to === null || compareIsoDays(day, to) <= 0);
}

/** The units that exist on `day`, in their order: the ones a day's rankings and sums count. */
export function unitsValidOn<T extends Validity>(units: readonly T[], day: IsoDay): T[] {
  return units.filter((u) => isValidOn(u, day));
}

/** The units that exist on at least one day from `from` to `to` (a chart's or a table's window). */
export function unitsValidDuring<T extends Validity>(units: readonly T[], from: IsoDay, to: IsoDay): T[] {
  return units.filter((u) => {
    const start = u.validFrom ?? null;
    const end = u.validTo ?? null;
    return (start === null || compareIsoDays(start, to) <= 0) && (end === null || compareIsoDays(from, end) <= 0);
  });
}

export type UnitStatusOnDay = "valid" | "not-yet" | "closed";

/** Where `day` falls in the unit's life. */
export function unitStatusOn(unit: Validity, day: IsoDay): UnitStatusOnDay {
  if (unit.validFrom && compareIsoDays(day, unit.validFrom) < 0) return "not-yet";
  if (unit.validTo && compareIsoDays(day, unit.validTo) > 0) return "closed";
  return "valid";
}

/**
 * The unit's validity in words: "Đang có hiệu lực", "Có hiệu lực từ 01/07/2025", "Có hiệu lực đến
 * hết 30/06/2025", "Có hiệu lực từ 01/01/2022 đến hết 30/06/2025".
 */
export function validityLabel(unit: Validity): string {
  const from = unit.validFrom ?? null;
  const to = unit.validTo ?? null;
  if (from === null && to === null) return "Đang có hiệu lực";
  if (to === null) return `Có hiệu lực từ ${formatDay(from as IsoDay)}`;
  if (from === null) return `Có hiệu lực đến hết ${formatDay(to)}`;
  return `Có hiệu lực từ ${formatDay(from)} đến hết ${formatDay(to)}`;
}

/**
 * validityLabel as a message (keys domain.unitValidity.*), for the interface: the same Vietnamese,
 * the days per language.
 */
export function validityText(unit: Validity): Message {
  const from = unit.validFrom ?? null;
  const to = unit.validTo ?? null;
  if (from === null && to === null) return msg("domain.unitValidity.always");
  if (to === null) return msg("domain.unitValidity.from", { from: { day: from as IsoDay } });
  if (from === null) return msg("domain.unitValidity.to", { to: { day: to } });
  return msg("domain.unitValidity.fromTo", { from: { day: from }, to: { day: to } });
}

/** The last day of the units a change on `effectiveOn` ends. */
export function lastDayBefore(effectiveOn: IsoDay): IsoDay {
  return addDays(effectiveOn, -1);
}

export const UNIT_CHANGE_KINDS = ["RENAME", "OPEN", "CLOSE", "MERGE", "SPLIT", "CODE_LIST"] as const;
export type UnitChangeKind = (typeof UNIT_CHANGE_KINDS)[number];

export const UNIT_CHANGE_KIND_LABELS: { readonly [K in UnitChangeKind]: string } = {
  RENAME: "Đổi tên",
  OPEN: "Thành lập",
  CLOSE: "Giải thể",
  MERGE: "Sáp nhập",
  SPLIT: "Chia tách",
  CODE_LIST: "Áp dụng danh mục mới",
};

export const LEVEL_LABELS: { readonly [L in UnitLevelName]: string } = {
  COUNTRY: "cả nước",
  PROVINCE: "tỉnh, thành phố",
  DISTRICT: "quận, huyện",
  WARD: "xã, phường, thị trấn",
};

/** The level of a unit's children (null: wards have none). */
export const CHILD_LEVEL: { readonly [L in UnitLevelName]: UnitLevelName | null } = {
  COUNTRY: "PROVINCE",
  PROVINCE: "DISTRICT",
  DISTRICT: "WARD",
  WARD: null,
};

/** The General Statistics Office's codes: 2 digits for a province, 3 for a district, 5 for a commune. */
const CODE_DIGITS: { readonly [L in UnitLevelName]: RegExp | null } = {
  COUNTRY: null,
  PROVINCE: /^\d{2}$/,
  DISTRICT: /^\d{3}$/,
  WARD: /^\d{5}$/,
};

/** Why `code` cannot name a unit of `level`, or null when it can. */
export function codeFormatProblem(code: string, level: UnitLevelName): string | null {
  const pattern = CODE_DIGITS[level];
  if (pattern === null || pattern.test(code)) return null;
  const digits = { PROVINCE: 2, DISTRICT: 3, WARD: 5 }[level as Exclude<UnitLevelName, "COUNTRY">];
  return `mã ${LEVEL_LABELS[level]} gồm ${digits} chữ số (mã "${code}")`;
}

/** Names compared as Vietnamese text: the same letters whether typed precomposed (NFC) or not. */
export function normaliseName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ");
}

// ---------------------------------------------------------------------------------------------
// A new code list against the units held

/** A unit as WardWatch holds it. */
export type HeldUnit = CodeListUnit & { readonly validFrom: IsoDay | null; readonly validTo: IsoDay | null };

/**
 * Which held units a list may close: every unit of the country it does not name ("country"), or
 * only those under the provinces it names ("provinces": a list of one city changes that city only).
 */
export type CodeListScope = "country" | "provinces";

export type CodeListIssue = { readonly line: number | null; readonly code: string; readonly message: string };

export type CodeListAdd = CodeListUnit & { readonly line: number };
export type CodeListRename = { readonly code: string; readonly level: UnitLevelName; readonly before: string; readonly after: string; readonly line: number };
export type CodeListTypeChange = { readonly code: string; readonly name: string; readonly before: string | null; readonly after: string | null; readonly line: number };
export type CodeListParentChange = { readonly code: string; readonly name: string; readonly before: string | null; readonly after: string | null; readonly line: number };
export type CodeListClose = { readonly code: string; readonly level: UnitLevelName; readonly name: string; readonly parentCode: string | null };

export type CodeListDiff = {
  readonly effectiveOn: IsoDay;
  readonly scope: CodeListScope;
  /** codes in the list that WardWatch does not hold: opened on effectiveOn */
  readonly adds: readonly CodeListAdd[];
  readonly renames: readonly CodeListRename[];
  readonly typeChanges: readonly CodeListTypeChange[];
  readonly parentChanges: readonly CodeListParentChange[];
  /** valid units in scope that the list does not name: closed on effectiveOn − 1 */
  readonly closes: readonly CodeListClose[];
  /** units of the list held as they are */
  readonly unchanged: number;
  /** problems that stop the list from being applied (all or nothing) */
  readonly issues: readonly CodeListIssue[];
};

/** The line of each code in a code list's text, numbered as parseCodeList numbers them. */
export function codeListLines(text: string): Map<string, number> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const out = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line.trim() === "") continue;
    const code = line.split(",")[0]?.trim() ?? "";
    if (!out.has(code)) out.set(code, index + 1);
  }
  return out;
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * What applying `list` on `effectiveOn` would change: units added, renamed, retyped, moved to
 * another parent, and closed (valid units in scope that the list does not name). Issues found
 * from the units alone (a code held for a unit that has ended or starts later, a change of level,
 * a code of the wrong form) are listed; the figures are checked by codeListFigureIssues.
 */
export function diffCodeList(
  held: readonly HeldUnit[],
  list: readonly CodeListUnit[],
  lines: ReadonlyMap<string, number>,
  options: { effectiveOn: IsoDay; scope: CodeListScope },
): CodeListDiff {
  const { effectiveOn, scope } = options;
  const heldByCode = new Map(held.map((u) => [u.code, u]));
  const listed = new Set(list.map((u) => u.code));
  const issues: CodeListIssue[] = [];
  const adds: CodeListAdd[] = [];
  const renames: CodeListRename[] = [];
  const typeChanges: CodeListTypeChange[] = [];
  const parentChanges: CodeListParentChange[] = [];
  let unchanged = 0;

  for (const unit of list) {
    const line = lines.get(unit.code) ?? 0;
    const name = normaliseName(unit.name);
    const current = heldByCode.get(unit.code);
    if (!current) {
      const formatProblem = codeFormatProblem(unit.code, unit.level);
      if (formatProblem !== null) issues.push({ line, code: unit.code, message: `dòng ${line}: ${formatProblem}` });
      else adds.push({ ...unit, name, line });
      continue;
    }
    if (current.validTo !== null) {
      issues.push({
        line,
        code: unit.code,
        message: `dòng ${line}: mã ${unit.code} là của ${current.name}, đã thôi hiệu lực từ ${formatDay(addDays(current.validTo, 1))}; một mã đã dùng không cấp lại cho đơn vị khác`,
      });
      continue;
    }
    if (current.validFrom !== null && compareIsoDays(current.validFrom, effectiveOn) > 0) {
      issues.push({
        line,
        code: unit.code,
        message: `dòng ${line}: ${current.name} (mã ${unit.code}) chỉ có hiệu lực từ ${formatDay(current.validFrom)}, sau ngày áp dụng danh mục`,
      });
      continue;
    }
    if (current.level !== unit.level) {
      issues.push({
        line,
        code: unit.code,
        message: `dòng ${line}: mã ${unit.code} là cấp ${LEVEL_LABELS[current.level]} (${current.name}), tệp ghi cấp ${LEVEL_LABELS[unit.level]}; không đổi cấp của một mã được`,
      });
      continue;
    }
    let same = true;
    if (normaliseName(current.name) !== name) {
      renames.push({ code: unit.code, level: unit.level, before: current.name, after: name, line });
      same = false;
    }
    if ((current.type ?? null) !== (unit.type ?? null)) {
      typeChanges.push({ code: unit.code, name, before: current.type, after: unit.type, line });
      same = false;
    }
    if ((current.parentCode ?? null) !== (unit.parentCode ?? null)) {
      parentChanges.push({ code: unit.code, name, before: current.parentCode, after: unit.parentCode, line });
      same = false;
    }
    if (same) unchanged += 1;
  }

  // Which held units the list speaks for.
  const parentOf = new Map(held.map((u) => [u.code, u.parentCode]));
  const listedProvinces = new Set(list.filter((u) => u.level === "PROVINCE").map((u) => u.code));
  const inScope = (u: HeldUnit): boolean => {
    if (scope === "country") return true;
    if (u.level === "COUNTRY" || u.level === "PROVINCE") return false;
    let code: string | null = u.parentCode;
    for (let depth = 0; code !== null && depth < 8; depth++) {
      if (listedProvinces.has(code)) return true;
      code = parentOf.get(code) ?? null;
    }
    return false;
  };
  const closes: CodeListClose[] = held
    .filter((u) => u.validTo === null && !listed.has(u.code) && inScope(u))
    .map((u) => ({ code: u.code, level: u.level, name: u.name, parentCode: u.parentCode }));

  for (const c of closes) {
    const current = heldByCode.get(c.code);
    if (current?.validFrom && compareIsoDays(current.validFrom, effectiveOn) >= 0) {
      issues.push({
        line: null,
        code: c.code,
        message: `${c.name} (mã ${c.code}) có hiệu lực từ ${formatDay(current.validFrom)}, không thể thôi hiệu lực trước ngày đó; tệp không có mã này`,
      });
    }
  }

  return {
    effectiveOn,
    scope,
    adds: adds.sort(byCode),
    renames: renames.sort(byCode),
    typeChanges: typeChanges.sort(byCode),
    parentChanges: parentChanges.sort(byCode),
    closes: closes.sort(byCode),
    unchanged,
    issues: issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || byCode(a, b)),
  };
}

/** The figures of a unit that bear on a change: its first day with any figure, and its first on or after the change's day. */
export type UnitFigureDays = { readonly first: IsoDay; readonly firstFromChange: IsoDay | null };

/**
 * The issues the figures raise: a unit to close has figures on or after the day the list applies
 * (they would belong to a unit that no longer exists), and a unit that moves to another parent
 * has figures (its past figures would be summed into the new parent: figures never move).
 */
export function codeListFigureIssues(diff: CodeListDiff, figures: ReadonlyMap<string, UnitFigureDays>): CodeListIssue[] {
  const issues: CodeListIssue[] = [];
  for (const c of diff.closes) {
    const days = figures.get(c.code);
    if (days?.firstFromChange) issues.push({ line: null, code: c.code, message: closingWithFiguresMessage(c.name, diff.effectiveOn, days.firstFromChange) });
  }
  for (const p of diff.parentChanges) {
    const days = figures.get(p.code);
    if (days) {
      issues.push({
        line: p.line,
        code: p.code,
        message: `dòng ${p.line}: ${p.name} (mã ${p.code}) có số liệu từ ${formatDay(days.first)}; chuyển sang đơn vị cấp trên khác (${p.before ?? "—"} → ${p.after ?? "—"}) sẽ cộng cả số liệu cũ vào đơn vị cấp trên mới, nên không làm được. Hãy ghi đơn vị này thôi hiệu lực và lập mã mới`,
      });
    }
  }
  return issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || byCode(a, b));
}

/** Why a unit cannot end before `effectiveOn`: it has figures on `firstDay`, on or after it. */
export function closingWithFiguresMessage(unitName: string, effectiveOn: IsoDay, firstDay: IsoDay): string {
  return (
    `${unitName} có số liệu ngày ${formatDay(firstDay)}, sau ngày cuối còn hiệu lực (${formatDay(lastDayBefore(effectiveOn))}). ` +
    `Số liệu luôn thuộc đơn vị đã báo cáo, nên chỉ cho đơn vị thôi hiệu lực từ sau ngày có số liệu cuối cùng`
  );
}

/** How many changes the diff holds (0: the list matches what WardWatch holds). */
export function codeListChangeCount(diff: CodeListDiff): number {
  return diff.adds.length + diff.renames.length + diff.typeChanges.length + diff.parentChanges.length + diff.closes.length;
}

// ---------------------------------------------------------------------------------------------
// A recorded change in words

export type UnitChangeRecord = {
  readonly kind: UnitChangeKind;
  readonly effectiveOn: IsoDay;
  readonly fromCodes: readonly string[];
  readonly toCodes: readonly string[];
  /** names by code, before and after */
  readonly namesBefore: Readonly<Record<string, string>>;
  readonly namesAfter: Readonly<Record<string, string>>;
  /** CODE_LIST: how many units each kind of change touched */
  readonly counts?: Readonly<Partial<Record<"adds" | "renames" | "typeChanges" | "parentChanges" | "closes", number>>>;
};

function named(code: string, names: Readonly<Record<string, string>>): string {
  const name = names[code];
  return name ? `${name} (${code})` : code;
}


/**
 * One sentence for a change: "Sáp nhập Phường Hàng Bồ (00046), Phường Hàng Bạc (00049) vào
 * Phường Hàng Đào (00052) từ ngày 01/09/2021".
 */
export function describeUnitChange(change: UnitChangeRecord): string {
  const { namesBefore: before, namesAfter: after } = change;
  const on = `từ ngày ${formatDay(change.effectiveOn)}`;
  const list = (codes: readonly string[], names: Readonly<Record<string, string>>) => codes.map((c) => named(c, names)).join(", ");
  switch (change.kind) {
    case "RENAME": {
      const code = change.fromCodes[0] ?? "";
      return `Đổi tên ${named(code, before)} thành ${after[code] ?? code} ${on}`;
    }
    case "OPEN":
      return `Thành lập ${list(change.toCodes, after)} ${on}`;
    case "CLOSE":
      return `${list(change.fromCodes, before)} thôi hiệu lực ${on} (ngày cuối ${formatDay(lastDayBefore(change.effectiveOn))})`;
    case "MERGE":
      return `Sáp nhập ${list(change.fromCodes, before)} vào ${list(change.toCodes, after)} ${on}`;
    case "SPLIT":
      return `Chia tách ${list(change.fromCodes, before)} thành ${list(change.toCodes, after)} ${on}`;
    case "CODE_LIST": {
      const c = change.counts ?? {};
      const parts = [
        `thêm ${formatCount(c.adds ?? 0)}`,
        `đổi tên ${formatCount(c.renames ?? 0)}`,
        `đổi loại ${formatCount(c.typeChanges ?? 0)}`,
        `đổi cấp trên ${formatCount(c.parentChanges ?? 0)}`,
        `thôi hiệu lực ${formatCount(c.closes ?? 0)}`,
      ];
      return `Áp dụng danh mục đơn vị hành chính mới ${on}: ${parts.join(", ")} đơn vị`;
    }
  }
}
