import "server-only";
import { getPrisma } from "../db.ts";
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { UnitLevel } from "../generated/prisma/enums.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { addDays, compareIsoDays, isoDayToUtcDate, todayInVietnam, utcDateToIsoDay, type IsoDay } from "../domain/days.ts";
import { formatDay } from "../domain/format.ts";
import { CodeListError, parseCodeList, UNIT_LEVELS, type UnitLevelName } from "../domain/unit-code-list.ts";
import {
  CHILD_LEVEL,
  closingWithFiguresMessage,
  codeFormatProblem,
  codeListChangeCount,
  codeListFigureIssues,
  codeListLines,
  describeUnitChange,
  diffCodeList,
  isValidOn,
  lastDayBefore,
  normaliseName,
  type CodeListDiff,
  type CodeListIssue,
  type CodeListScope,
  type HeldUnit,
  type UnitChangeKind,
  type UnitFigureDays,
} from "../domain/unit-changes.ts";
import { canChangeSettings, type SessionUser } from "../permissions.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";
import type {
  CloseUnitInput,
  MergeUnitsInput,
  OpenUnitInput,
  RenameUnitInput,
  SplitUnitInput,
  UnitAuditAction,
  UnitsPageParams,
} from "../schemas/units.ts";
import { refreshRollupsInTransaction } from "../figures/rollups.ts";
import { getSourcePriority } from "../figures/settings.ts";

// Changes to the unit tree (issue 12, "units change"), admins only: rename, open, close, merge,
// split, and a new code list applied at once. Each is one transaction that changes the units,
// writes a unit_change row (the history: the day it takes effect, why, the codes and the names
// before and after) and an audit_log entry, and rewrites the rollups of the days from the change
// on (a district's children_total counts the wards valid each day).
//
// Figures never move. A unit that ends is valid up to the day before the change and keeps what it
// reported; so it can end only after its last figure. A unit that starts has no figures before its
// first day. The parent of a unit with figures never changes: its past figures would be summed
// into the new parent (the parent is not kept per day); such a unit ends and a new code starts.

type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 } as const;

function requireUnitAdmin(user: SessionUser): void {
  if (!canChangeSettings(user)) throw new ForbiddenError("Chỉ quản trị viên được thay đổi danh mục đơn vị hành chính.");
}

export type AdminUnit = {
  code: string;
  level: UnitLevel;
  name: string;
  type: string | null;
  parentCode: string | null;
  validFrom: IsoDay | null;
  validTo: IsoDay | null;
};

const unitSelect = { code: true, level: true, name: true, type: true, parentCode: true, validFrom: true, validTo: true } as const;

type UnitRecord = { code: string; level: UnitLevel; name: string; type: string | null; parentCode: string | null; validFrom: Date | null; validTo: Date | null };

function toAdminUnit(u: UnitRecord): AdminUnit {
  return {
    code: u.code,
    level: u.level,
    name: u.name,
    type: u.type,
    parentCode: u.parentCode,
    validFrom: u.validFrom ? utcDateToIsoDay(u.validFrom) : null,
    validTo: u.validTo ? utcDateToIsoDay(u.validTo) : null,
  };
}

/** What a change answers: done (with a sentence saying what), or refused with the reason. */
export type UnitChangeOutcome =
  | { ok: true; changeId: number; message: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

/** A refusal found inside the transaction: thrown to roll it back, returned as an outcome. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

/**
 * One change of the unit tree by an admin: `work` checks and writes it inside one transaction and
 * says what it did, which is recorded (the change row, the audit entry) in the same transaction.
 * A Refusal thrown by `work` is the answer (nothing written), not an error.
 */
async function unitChange(user: SessionUser, work: (tx: Tx) => Promise<ChangeWrite>): Promise<UnitChangeOutcome> {
  requireUnitAdmin(user);
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx): Promise<UnitChangeOutcome> => {
      const w = await work(tx);
      return { ok: true, changeId: await recordChange(tx, user, w), message: sentence(w) };
    }, TX_OPTIONS);
  } catch (err) {
    if (err instanceof Refusal) return err.fieldErrors ? { ok: false, message: err.message, fieldErrors: err.fieldErrors } : { ok: false, message: err.message };
    throw err;
  }
}

const label = (u: { code: string; name: string }) => `${u.name} (${u.code})`;

/** The units named, locked for the transaction (missing codes are absent from the map). */
async function lockUnits(tx: Tx, codes: readonly string[]): Promise<Map<string, AdminUnit>> {
  if (codes.length === 0) return new Map();
  await tx.$queryRaw`SELECT code FROM unit WHERE code = ANY(${[...codes]}::text[]) ORDER BY code FOR UPDATE`;
  const rows = await tx.unit.findMany({ where: { code: { in: [...codes] } }, select: unitSelect });
  return new Map(rows.map((r) => [r.code, toAdminUnit(r)]));
}

/** Each unit's first day with any figure (any source) on or after `day`. */
async function firstFiguresFrom(tx: Tx, codes: readonly string[], day: IsoDay): Promise<Map<string, IsoDay>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ unit_code: string; first: string }[]>`
    SELECT unit_code, to_char(min(day), 'YYYY-MM-DD') AS first FROM daily_figure
    WHERE unit_code = ANY(${[...codes]}::text[]) AND day >= ${day}::date
    GROUP BY unit_code`;
  return new Map(rows.map((r) => [r.unit_code, r.first]));
}

/**
 * Why each of `units` cannot end on `effectiveOn` − 1: it has ended already, starts on or after
 * that day, has figures on or after `effectiveOn`, or has children that are still valid then.
 */
async function closingProblems(tx: Tx, units: readonly AdminUnit[], effectiveOn: IsoDay): Promise<string[]> {
  const problems: string[] = [];
  const codes = units.map((u) => u.code);
  const figures = await firstFiguresFrom(tx, codes, effectiveOn);
  const children = await tx.unit.findMany({
    where: { parentCode: { in: codes }, OR: [{ validTo: null }, { validTo: { gte: isoDayToUtcDate(effectiveOn) } }] },
    select: { code: true, name: true, parentCode: true },
    orderBy: { code: "asc" },
  });
  for (const u of units) {
    if (u.validTo !== null) {
      problems.push(`${label(u)} đã thôi hiệu lực từ ngày ${formatDay(addDays(u.validTo, 1))}.`);
      continue;
    }
    if (u.validFrom !== null && compareIsoDays(u.validFrom, effectiveOn) >= 0) {
      problems.push(`${label(u)} có hiệu lực từ ngày ${formatDay(u.validFrom)}: ngày thôi hiệu lực phải sau ngày đó.`);
      continue;
    }
    const first = figures.get(u.code);
    if (first) problems.push(`${closingWithFiguresMessage(label(u), effectiveOn, first)}.`);
    const open = children.filter((c) => c.parentCode === u.code);
    if (open.length > 0) {
      const shown = open.slice(0, 5).map((c) => c.name).join(", ");
      problems.push(
        `${label(u)} còn ${open.length} đơn vị trực thuộc có hiệu lực ngày ${formatDay(effectiveOn)} (${shown}${open.length > 5 ? ", …" : ""}): ` +
          "hãy cho các đơn vị đó thôi hiệu lực hoặc sáp nhập trước.",
      );
    }
  }
  return problems;
}

/** A parent for a unit that starts on `effectiveOn`: it exists, is valid that day and stays valid. */
function parentProblem(parent: AdminUnit | undefined, parentCode: string, effectiveOn: IsoDay): string | null {
  if (!parent) return `Không có đơn vị cấp trên mã ${parentCode}.`;
  if (CHILD_LEVEL[parent.level] === null) return `${label(parent)} là cấp xã, không có đơn vị trực thuộc.`;
  if (!isValidOn(parent, effectiveOn) || parent.validTo !== null) {
    return `${label(parent)} không còn hiệu lực từ ngày ${formatDay(effectiveOn)} trở đi, không nhận thêm đơn vị trực thuộc.`;
  }
  return null;
}

/** Why `code` cannot be given to a new unit of `level`, or null. */
async function newCodeProblem(tx: Tx, code: string, level: UnitLevelName): Promise<string | null> {
  const format = codeFormatProblem(code, level);
  if (format) return `Mã không hợp lệ: ${format}.`;
  const existing = await tx.unit.findUnique({ where: { code }, select: unitSelect });
  if (!existing) return null;
  const unit = toAdminUnit(existing);
  const state = unit.validTo === null ? "đang có hiệu lực" : `đã thôi hiệu lực từ ${formatDay(addDays(unit.validTo, 1))}`;
  return `Mã ${code} đã là của ${unit.name} (${state}); mỗi mã chỉ dùng cho một đơn vị.`;
}

/** Rewrites the rollups of the days from `from` to the last day with figures (none: nothing to do). */
async function refreshRollupsFrom(tx: Tx, from: IsoDay): Promise<void> {
  const [row] = await tx.$queryRaw<{ last: string | null }[]>`
    SELECT to_char(max(day), 'YYYY-MM-DD') AS last FROM daily_figure WHERE day >= ${from}::date`;
  if (!row?.last) return;
  await refreshRollupsInTransaction(tx, await getSourcePriority(tx), { from, to: row.last });
}

type ChangeWrite = {
  kind: UnitChangeKind;
  action: UnitAuditAction;
  effectiveOn: IsoDay;
  reason: string;
  fromCodes: string[];
  toCodes: string[];
  namesBefore: Record<string, string>;
  namesAfter: Record<string, string>;
  details?: Prisma.InputJsonValue;
  /** the unit the audit entry is filed under (district officials see entries of their district) */
  auditUnit: string | null;
  auditBefore: Record<string, unknown> | null;
  auditAfter: Record<string, unknown>;
};

/** The unit_change row and its audit_log entry. */
async function recordChange(tx: Tx, user: SessionUser, w: ChangeWrite): Promise<number> {
  const change = await tx.unitChange.create({
    data: {
      kind: w.kind,
      effectiveOn: isoDayToUtcDate(w.effectiveOn),
      reason: w.reason,
      fromCodes: w.fromCodes,
      toCodes: w.toCodes,
      namesBefore: w.namesBefore,
      namesAfter: w.namesAfter,
      ...(w.details !== undefined ? { details: w.details } : {}),
      userId: user.id,
    },
    select: { id: true },
  });
  const fields = [...new Set([...Object.keys(w.auditBefore ?? {}), ...Object.keys(w.auditAfter)])];
  await tx.auditLog.create({
    data: {
      userId: user.id,
      action: w.action,
      entity: "unit_change",
      entityKey: String(change.id),
      unitCode: w.auditUnit,
      day: isoDayToUtcDate(w.effectiveOn),
      before: w.auditBefore === null ? Prisma.DbNull : (w.auditBefore as Prisma.InputJsonValue),
      after: w.auditAfter as Prisma.InputJsonValue,
      fields,
      reason: w.reason,
    },
    select: { id: true },
  });
  return change.id;
}

const sentence = (w: Pick<ChangeWrite, "kind" | "effectiveOn" | "fromCodes" | "toCodes" | "namesBefore" | "namesAfter">) =>
  `Đã ghi: ${describeUnitChange(w)}.`;

// ---------------------------------------------------------------------------------------------
// Rename, open, close

/** A new name (and type) for the same code. The code keeps its figures; the change row keeps the old name. */
export async function renameUnit(user: SessionUser, input: RenameUnitInput): Promise<UnitChangeOutcome> {
  return unitChange(user, async (tx) => {
    const unit = (await lockUnits(tx, [input.code])).get(input.code);
    if (!unit) throw new NotFoundError(`Không có đơn vị mã ${input.code}.`);
    const type = input.type ?? unit.type;
    if (normaliseName(unit.name) === input.name && type === unit.type) {
      throw new Refusal("Tên và loại đơn vị không thay đổi.", { name: ["Tên mới trùng tên hiện tại"] });
    }
    await tx.unit.update({ where: { code: unit.code }, data: { name: input.name, type } });
    const w: ChangeWrite = {
      kind: "RENAME",
      action: "unit.rename",
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      fromCodes: [unit.code],
      toCodes: [unit.code],
      namesBefore: { [unit.code]: unit.name },
      namesAfter: { [unit.code]: input.name },
      details: { typeBefore: unit.type, typeAfter: type },
      auditUnit: unit.code,
      auditBefore: { name: unit.name, type: unit.type },
      auditAfter: { name: input.name, type },
    };
    return w;
  });
}

/** A new unit under `parentCode`, valid from `effectiveOn`. */
export async function openUnit(user: SessionUser, input: OpenUnitInput): Promise<UnitChangeOutcome> {
  return unitChange(user, async (tx) => {
    const parent = (await lockUnits(tx, [input.parentCode])).get(input.parentCode);
    const problem = parentProblem(parent, input.parentCode, input.effectiveOn);
    if (problem || !parent) throw new Refusal(problem ?? "", { parentCode: [problem ?? ""] });
    const level = CHILD_LEVEL[parent.level] as UnitLevelName;
    const codeProblem = await newCodeProblem(tx, input.code, level);
    if (codeProblem) throw new Refusal(codeProblem, { code: [codeProblem] });
    await tx.unit.create({
      data: {
        code: input.code,
        level,
        name: input.name,
        type: input.type ?? null,
        parentCode: parent.code,
        validFrom: isoDayToUtcDate(input.effectiveOn),
      },
      select: { code: true },
    });
    await refreshRollupsFrom(tx, input.effectiveOn);
    const w: ChangeWrite = {
      kind: "OPEN",
      action: "unit.open",
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      fromCodes: [],
      toCodes: [input.code],
      namesBefore: {},
      namesAfter: { [input.code]: input.name },
      auditUnit: input.code,
      auditBefore: null,
      auditAfter: { name: input.name, type: input.type ?? null, parentCode: parent.code, validFrom: input.effectiveOn },
    };
    return w;
  });
}

/** The unit ends: valid up to `effectiveOn` − 1. Refused when it has figures from `effectiveOn` on. */
export async function closeUnit(user: SessionUser, input: CloseUnitInput): Promise<UnitChangeOutcome> {
  return unitChange(user, async (tx) => {
    const unit = (await lockUnits(tx, [input.code])).get(input.code);
    if (!unit) throw new NotFoundError(`Không có đơn vị mã ${input.code}.`);
    if (unit.level === "COUNTRY") throw new Refusal("Không thể cho cả nước thôi hiệu lực.");
    const problems = await closingProblems(tx, [unit], input.effectiveOn);
    if (problems.length > 0) throw new Refusal(`Chưa ghi được: ${problems.join(" ")}`, { effectiveOn: problems });
    const lastDay = lastDayBefore(input.effectiveOn);
    await tx.unit.update({ where: { code: unit.code }, data: { validTo: isoDayToUtcDate(lastDay) } });
    await refreshRollupsFrom(tx, input.effectiveOn);
    const w: ChangeWrite = {
      kind: "CLOSE",
      action: "unit.close",
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      fromCodes: [unit.code],
      toCodes: [],
      namesBefore: { [unit.code]: unit.name },
      namesAfter: {},
      auditUnit: unit.code,
      auditBefore: { validTo: null },
      auditAfter: { validTo: lastDay },
    };
    return w;
  });
}

// ---------------------------------------------------------------------------------------------
// Merge and split

/**
 * Units merge into one on `effectiveOn`: the sources end on the day before; the unit they merge
 * into is an existing one (valid that day; renamed when a name is given) or a new code under the
 * sources' common parent. Figures stay where they are.
 */
export async function mergeUnits(user: SessionUser, input: MergeUnitsInput): Promise<UnitChangeOutcome> {
  return unitChange(user, async (tx) => {
    const units = await lockUnits(tx, [...input.sourceCodes, input.intoCode]);
    const sources = input.sourceCodes.map((code) => {
      const u = units.get(code);
      if (!u) throw new NotFoundError(`Không có đơn vị mã ${code}.`);
      return u;
    });
    const level = sources[0]?.level;
    if (!level || level === "COUNTRY") throw new Refusal("Chọn các đơn vị được sáp nhập.", { sourceCodes: ["Chọn các đơn vị được sáp nhập"] });
    if (sources.some((s) => s.level !== level)) {
      throw new Refusal("Các đơn vị được sáp nhập phải cùng cấp.", { sourceCodes: ["Các đơn vị được sáp nhập phải cùng cấp"] });
    }
    const existing = units.get(input.intoCode);
    if (sources.length + (existing ? 1 : 0) < 2) {
      throw new Refusal("Sáp nhập cần ít nhất hai đơn vị: chọn thêm đơn vị, hoặc sáp nhập vào một đơn vị đang có.", {
        sourceCodes: ["Chọn ít nhất hai đơn vị, hoặc một đơn vị và một đơn vị đang có để sáp nhập vào"],
      });
    }
    const problems = await closingProblems(tx, sources, input.effectiveOn);
    if (problems.length > 0) throw new Refusal(`Chưa ghi được: ${problems.join(" ")}`, { effectiveOn: problems });

    const namesBefore: Record<string, string> = Object.fromEntries(sources.map((s) => [s.code, s.name]));
    let intoName: string;
    let intoParent: string | null;
    const auditBefore: Record<string, unknown> = {};
    if (existing) {
      if (existing.level !== level) throw new Refusal(`${label(existing)} không cùng cấp với các đơn vị được sáp nhập.`, { intoCode: ["Không cùng cấp"] });
      if (!isValidOn(existing, input.effectiveOn) || existing.validTo !== null) {
        throw new Refusal(`${label(existing)} không còn hiệu lực từ ngày ${formatDay(input.effectiveOn)} trở đi.`, { intoCode: ["Đơn vị này không còn hiệu lực"] });
      }
      intoName = input.intoName ?? existing.name;
      intoParent = existing.parentCode;
      const type = input.intoType ?? existing.type;
      if (intoName !== existing.name || type !== existing.type) {
        await tx.unit.update({ where: { code: existing.code }, data: { name: intoName, type } });
        namesBefore[existing.code] = existing.name;
        auditBefore.name = existing.name;
      }
    } else {
      if (!input.intoName) throw new Refusal("Mã mới: hãy nhập tên đơn vị sau sáp nhập.", { intoName: ["Nhập tên đơn vị mới"] });
      const parents = [...new Set(sources.map((s) => s.parentCode))];
      if (parents.length !== 1 || parents[0] === null || parents[0] === undefined) {
        throw new Refusal("Các đơn vị được sáp nhập thuộc các đơn vị cấp trên khác nhau; đơn vị mới cần một cấp trên.", { sourceCodes: ["Khác đơn vị cấp trên"] });
      }
      const parentCode = parents[0];
      const parent = (await lockUnits(tx, [parentCode])).get(parentCode);
      const parentIssue = parentProblem(parent, parentCode, input.effectiveOn);
      if (parentIssue) throw new Refusal(parentIssue);
      const codeProblem = await newCodeProblem(tx, input.intoCode, level);
      if (codeProblem) throw new Refusal(codeProblem, { intoCode: [codeProblem] });
      intoName = input.intoName;
      intoParent = parentCode;
      const types = [...new Set(sources.map((s) => s.type))];
      await tx.unit.create({
        data: {
          code: input.intoCode,
          level,
          name: intoName,
          type: input.intoType ?? (types.length === 1 ? (types[0] ?? null) : null),
          parentCode,
          validFrom: isoDayToUtcDate(input.effectiveOn),
        },
        select: { code: true },
      });
    }
    const lastDay = lastDayBefore(input.effectiveOn);
    await tx.unit.updateMany({ where: { code: { in: input.sourceCodes } }, data: { validTo: isoDayToUtcDate(lastDay) } });
    await refreshRollupsFrom(tx, input.effectiveOn);
    const w: ChangeWrite = {
      kind: "MERGE",
      action: "unit.merge",
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      fromCodes: input.sourceCodes,
      toCodes: [input.intoCode],
      namesBefore,
      namesAfter: { [input.intoCode]: intoName },
      details: { intoExisting: existing !== undefined, parentCode: intoParent },
      auditUnit: input.intoCode,
      auditBefore: Object.keys(auditBefore).length > 0 ? auditBefore : null,
      auditAfter: {
        merged: sources.map(label).join(", "),
        into: `${intoName} (${input.intoCode})${existing ? "" : ", mã mới"}`,
        validTo: lastDay,
        ...(auditBefore.name !== undefined ? { name: intoName } : {}),
      },
    };
    return w;
  });
}

/**
 * A unit splits on `effectiveOn`: it ends on the day before and continues as the parts, existing
 * units (valid that day, renamed when a name is given) or new codes under its parent.
 */
export async function splitUnit(user: SessionUser, input: SplitUnitInput): Promise<UnitChangeOutcome> {
  return unitChange(user, async (tx) => {
    const units = await lockUnits(tx, [input.code, ...input.parts.map((p) => p.code)]);
    const source = units.get(input.code);
    if (!source) throw new NotFoundError(`Không có đơn vị mã ${input.code}.`);
    if (source.level === "COUNTRY" || source.parentCode === null) throw new Refusal("Không chia tách được cả nước.");
    const problems = await closingProblems(tx, [source], input.effectiveOn);
    if (problems.length > 0) throw new Refusal(`Chưa ghi được: ${problems.join(" ")}`, { effectiveOn: problems });
    const parent = (await lockUnits(tx, [source.parentCode])).get(source.parentCode);

    const namesBefore: Record<string, string> = { [source.code]: source.name };
    const namesAfter: Record<string, string> = {};
    const fieldProblems: string[] = [];
    const creates: Prisma.UnitCreateManyInput[] = [];
    const renames: { code: string; name: string; type: string | null }[] = [];
    for (const part of input.parts) {
      const existing = units.get(part.code);
      if (existing) {
        if (existing.level !== source.level) fieldProblems.push(`${label(existing)} không cùng cấp với ${source.name}.`);
        else if (!isValidOn(existing, input.effectiveOn) || existing.validTo !== null) {
          fieldProblems.push(`${label(existing)} không còn hiệu lực từ ngày ${formatDay(input.effectiveOn)} trở đi.`);
        } else {
          const name = part.name ?? existing.name;
          const type = part.type ?? existing.type;
          if (name !== existing.name || type !== existing.type) {
            renames.push({ code: existing.code, name, type });
            namesBefore[existing.code] = existing.name;
          }
          namesAfter[existing.code] = name;
        }
        continue;
      }
      if (!part.name) {
        fieldProblems.push(`Mã ${part.code} chưa có: hãy nhập tên đơn vị mới.`);
        continue;
      }
      const codeProblem = await newCodeProblem(tx, part.code, source.level);
      if (codeProblem) {
        fieldProblems.push(codeProblem);
        continue;
      }
      creates.push({
        code: part.code,
        level: source.level,
        name: part.name,
        type: part.type ?? source.type,
        parentCode: source.parentCode,
        validFrom: isoDayToUtcDate(input.effectiveOn),
      });
      namesAfter[part.code] = part.name;
    }
    if (creates.length > 0) {
      const parentIssue = parentProblem(parent, source.parentCode, input.effectiveOn);
      if (parentIssue) fieldProblems.push(parentIssue);
    }
    if (fieldProblems.length > 0) throw new Refusal(`Chưa ghi được: ${fieldProblems.join(" ")}`, { parts: fieldProblems });

    const lastDay = lastDayBefore(input.effectiveOn);
    await tx.unit.update({ where: { code: source.code }, data: { validTo: isoDayToUtcDate(lastDay) } });
    if (creates.length > 0) await tx.unit.createMany({ data: creates });
    for (const r of renames) await tx.unit.update({ where: { code: r.code }, data: { name: r.name, type: r.type } });
    await refreshRollupsFrom(tx, input.effectiveOn);
    const toCodes = input.parts.map((p) => p.code);
    const w: ChangeWrite = {
      kind: "SPLIT",
      action: "unit.split",
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      fromCodes: [source.code],
      toCodes,
      namesBefore,
      namesAfter,
      details: { created: creates.map((c) => c.code), renamed: renames.map((r) => r.code) },
      auditUnit: source.code,
      auditBefore: { validTo: null },
      auditAfter: { validTo: lastDay, splitInto: toCodes.map((c) => `${namesAfter[c] ?? c} (${c})`).join(", ") },
    };
    return w;
  });
}

// ---------------------------------------------------------------------------------------------
// A new code list: preview, then apply exactly what was previewed

/** Rows of each kind shown in a preview (the counts say how many there are). */
export const CODE_LIST_PREVIEW_ROWS = 300;
/** pg_advisory_xact_lock key: one code list applied at a time. */
const CODE_LIST_LOCK = 72_707_412;
/** Issues listed at most (the count says how many there were). */
export const CODE_LIST_MAX_ISSUES = 500;

export type CodeListCounts = {
  listed: number;
  adds: number;
  renames: number;
  typeChanges: number;
  parentChanges: number;
  closes: number;
  unchanged: number;
};

export type CodeListPreview = {
  sha256: string;
  /** binds the file, the day, the scope and the units held: apply refuses anything else */
  planDigest: string;
  effectiveOn: IsoDay;
  scope: CodeListScope;
  counts: CodeListCounts;
  /** the first CODE_LIST_PREVIEW_ROWS of each kind */
  adds: CodeListDiff["adds"];
  renames: CodeListDiff["renames"];
  typeChanges: CodeListDiff["typeChanges"];
  parentChanges: CodeListDiff["parentChanges"];
  closes: CodeListDiff["closes"];
};

export type CodeListCheck =
  | { ok: true; preview: CodeListPreview }
  | { ok: false; message: string; issues: CodeListIssue[]; issueCount: number };

type Plan = { ok: true; diff: CodeListDiff; sha256: string; planDigest: string; listed: number } | Extract<CodeListCheck, { ok: false }>;

function refused(issues: readonly CodeListIssue[], message?: string): Extract<CodeListCheck, { ok: false }> {
  return {
    ok: false,
    message: message ?? `Danh mục có ${issues.length} lỗi; chưa thay đổi đơn vị nào. Hãy sửa tệp theo danh sách dưới đây rồi xem trước lại.`,
    issues: issues.slice(0, CODE_LIST_MAX_ISSUES),
    issueCount: issues.length,
  };
}

/** The latest day a recorded change takes effect (a list applies after all of them), or null. */
async function latestRecordedDay(db: Tx | PrismaClient): Promise<IsoDay | null> {
  const [row] = await db.$queryRaw<{ latest: string | null }[]>`
    SELECT to_char(greatest((SELECT max(valid_from) FROM unit), (SELECT max(valid_to) + 1 FROM unit),
      (SELECT max(effective_on) FROM unit_change)), 'YYYY-MM-DD') AS latest`;
  return row?.latest ?? null;
}

async function planCodeList(db: Tx | PrismaClient, bytes: Uint8Array, opts: { effectiveOn: IsoDay; scope: CodeListScope }): Promise<Plan> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refused([{ line: null, code: "", message: "Tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng CSV UTF-8." }]);
  }
  let list;
  try {
    list = parseCodeList(text);
  } catch (err) {
    if (err instanceof CodeListError) return refused([{ line: err.line, code: "", message: err.message }]);
    throw err;
  }
  if (list.length === 0) return refused([{ line: 2, code: "", message: "Tệp không có đơn vị nào." }]);

  const latest = await latestRecordedDay(db);
  if (latest !== null && compareIsoDays(opts.effectiveOn, latest) < 0) {
    const issue = `Ngày áp dụng ${formatDay(opts.effectiveOn)} trước thay đổi gần nhất đã ghi (có hiệu lực từ ${formatDay(latest)}): các thay đổi được ghi theo thứ tự thời gian.`;
    return refused([{ line: null, code: "", message: issue }], `Chưa áp dụng được: ${issue}`);
  }
  const held: HeldUnit[] = (await db.unit.findMany({ select: unitSelect })).map(toAdminUnit);
  const diff = diffCodeList(held, list, codeListLines(text), opts);
  const checkCodes = [...diff.closes.map((c) => c.code), ...diff.parentChanges.map((p) => p.code)];
  const figures = new Map<string, UnitFigureDays>();
  if (checkCodes.length > 0) {
    const rows = await db.$queryRaw<{ unit_code: string; first: string; first_from: string | null }[]>`
      SELECT unit_code, to_char(min(day), 'YYYY-MM-DD') AS first,
        to_char(min(day) FILTER (WHERE day >= ${opts.effectiveOn}::date), 'YYYY-MM-DD') AS first_from
      FROM daily_figure WHERE unit_code = ANY(${checkCodes}::text[]) GROUP BY unit_code`;
    for (const r of rows) figures.set(r.unit_code, { first: r.first, firstFromChange: r.first_from });
  }
  const issues = [...diff.issues, ...codeListFigureIssues(diff, figures)];
  if (issues.length > 0) return refused(issues);
  const planDigest = createHash("sha256")
    .update(
      JSON.stringify({
        sha256,
        effectiveOn: diff.effectiveOn,
        scope: diff.scope,
        adds: diff.adds.map((a) => [a.code, a.name, a.type, a.parentCode]),
        renames: diff.renames.map((r) => [r.code, r.before, r.after]),
        types: diff.typeChanges.map((t) => [t.code, t.before, t.after]),
        parents: diff.parentChanges.map((p) => [p.code, p.before, p.after]),
        closes: diff.closes.map((c) => c.code),
      }),
    )
    .digest("hex");
  return { ok: true, diff, sha256, planDigest, listed: list.length };
}

function countsOf(diff: CodeListDiff, listed: number): CodeListCounts {
  return {
    listed,
    adds: diff.adds.length,
    renames: diff.renames.length,
    typeChanges: diff.typeChanges.length,
    parentChanges: diff.parentChanges.length,
    closes: diff.closes.length,
    unchanged: diff.unchanged,
  };
}

/** Reads a code list and says what applying it on `effectiveOn` would change, or why it cannot. */
export async function previewCodeList(
  user: SessionUser,
  bytes: Uint8Array,
  opts: { effectiveOn: IsoDay; scope: CodeListScope },
): Promise<CodeListCheck> {
  requireUnitAdmin(user);
  const prisma = await getPrisma();
  const plan = await planCodeList(prisma, bytes, opts);
  if (!plan.ok) return plan;
  const { diff } = plan;
  const cap = <T>(rows: readonly T[]) => rows.slice(0, CODE_LIST_PREVIEW_ROWS);
  return {
    ok: true,
    preview: {
      sha256: plan.sha256,
      planDigest: plan.planDigest,
      effectiveOn: diff.effectiveOn,
      scope: diff.scope,
      counts: countsOf(diff, plan.listed),
      adds: cap(diff.adds),
      renames: cap(diff.renames),
      typeChanges: cap(diff.typeChanges),
      parentChanges: cap(diff.parentChanges),
      closes: cap(diff.closes),
    },
  };
}

export type CodeListApplyOutcome =
  | { ok: true; changeId: number; counts: CodeListCounts; message: string }
  | Extract<CodeListCheck, { ok: false }>
  | { ok: false; changed: true; message: string };

/**
 * Applies a code list in one transaction: adds (valid from `effectiveOn`), renames, type and
 * parent changes, closes (valid up to the day before), one unit_change row and one audit entry,
 * and the rollups from that day on. Refused unless the outcome is exactly the previewed one.
 */
export async function applyCodeList(
  user: SessionUser,
  bytes: Uint8Array,
  opts: { effectiveOn: IsoDay; scope: CodeListScope; planDigest: string; reason: string },
): Promise<CodeListApplyOutcome> {
  requireUnitAdmin(user);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx): Promise<CodeListApplyOutcome> => {
    // One code-list change at a time: a second admin applying a list waits for this one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CODE_LIST_LOCK}::bigint)`;
    const plan = await planCodeList(tx, bytes, opts);
    if (!plan.ok) return plan;
    if (plan.planDigest !== opts.planDigest) {
      return { ok: false, changed: true, message: "Danh mục hoặc các đơn vị đã thay đổi sau khi xem trước. Hãy xem trước lại trước khi áp dụng." };
    }
    const { diff } = plan;
    if (codeListChangeCount(diff) === 0) return refused([], "Danh mục trùng với các đơn vị đang có: không có gì để thay đổi.");
    const day = isoDayToUtcDate(diff.effectiveOn);

    for (const level of UNIT_LEVELS) {
      const rows = diff.adds.filter((a) => a.level === level);
      if (rows.length === 0) continue;
      await tx.unit.createMany({
        data: rows.map((a) => ({ code: a.code, level: a.level, name: a.name, type: a.type, parentCode: a.parentCode, validFrom: day })),
      });
    }
    const retitled = new Map<string, { name: string | null; type: string | null; typeChanged: boolean }>();
    for (const r of diff.renames) retitled.set(r.code, { name: r.after, type: null, typeChanged: false });
    for (const t of diff.typeChanges) retitled.set(t.code, { name: retitled.get(t.code)?.name ?? null, type: t.after, typeChanged: true });
    if (retitled.size > 0) {
      const codes = [...retitled.keys()];
      const entries = [...retitled.values()];
      await tx.$executeRaw`
        UPDATE unit u SET name = coalesce(r.name, u.name), type = CASE WHEN r.type_changed THEN r.type ELSE u.type END
        FROM unnest(${codes}::text[], ${entries.map((e) => e.name)}::text[], ${entries.map((e) => e.type)}::text[],
                    ${entries.map((e) => e.typeChanged)}::boolean[]) AS r(code, name, type, type_changed)
        WHERE u.code = r.code`;
    }
    if (diff.parentChanges.length > 0) {
      await tx.$executeRaw`
        UPDATE unit u SET parent_code = r.parent_code
        FROM unnest(${diff.parentChanges.map((p) => p.code)}::text[], ${diff.parentChanges.map((p) => p.after)}::text[]) AS r(code, parent_code)
        WHERE u.code = r.code`;
    }
    const lastDay = lastDayBefore(diff.effectiveOn);
    if (diff.closes.length > 0) {
      await tx.$executeRaw`UPDATE unit SET valid_to = ${lastDay}::date WHERE code = ANY(${diff.closes.map((c) => c.code)}::text[])`;
    }
    await refreshRollupsFrom(tx, diff.effectiveOn);

    const counts = countsOf(diff, plan.listed);
    const changedCodes = [...new Set([...diff.renames, ...diff.typeChanges, ...diff.parentChanges].map((c) => c.code))];
    const w: ChangeWrite = {
      kind: "CODE_LIST",
      action: "unit.code_list",
      effectiveOn: diff.effectiveOn,
      reason: opts.reason,
      fromCodes: [...diff.closes.map((c) => c.code), ...changedCodes],
      toCodes: diff.adds.map((a) => a.code),
      namesBefore: Object.fromEntries([...diff.renames.map((r) => [r.code, r.before]), ...diff.closes.map((c) => [c.code, c.name])]),
      namesAfter: Object.fromEntries([...diff.renames.map((r) => [r.code, r.after]), ...diff.adds.map((a) => [a.code, a.name])]),
      details: {
        sha256: plan.sha256,
        scope: diff.scope,
        counts,
        types: Object.fromEntries(diff.typeChanges.map((t) => [t.code, [t.before, t.after]])),
        parents: Object.fromEntries(diff.parentChanges.map((p) => [p.code, [p.before, p.after]])),
      },
      auditUnit: null,
      auditBefore: null,
      auditAfter: {
        added: counts.adds,
        renamed: counts.renames,
        retyped: counts.typeChanges,
        moved: counts.parentChanges,
        closed: counts.closes,
        validFrom: diff.effectiveOn,
      },
    };
    const changeId = await recordChange(tx, user, w);
    return { ok: true, changeId, counts, message: `Đã ghi: ${describeUnitChange({ ...w, counts })}.` };
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------------
// The admin page: a unit, its children with their validity, the changes that touched them

export type AdminUnitRow = AdminUnit & {
  /** children valid today (for a unit above ward level) */
  childrenValidToday: number;
  /** first and last day with any figure (any source), or null */
  figures: { first: IsoDay; last: IsoDay } | null;
  /** accounts attached to the unit (a ward chair, a district official) */
  users: number;
};

export type UnitChangeView = {
  id: number;
  kind: UnitChangeKind;
  effectiveOn: IsoDay;
  reason: string;
  fromCodes: string[];
  toCodes: string[];
  at: Date;
  by: string | null;
  /** the change in one sentence */
  summary: string;
};

export type UnitAdminView = {
  today: IsoDay;
  parent: AdminUnit;
  /** from the country down to the parent's parent */
  ancestors: AdminUnit[];
  children: AdminUnitRow[];
  /** the child chosen for rename, close, split */
  selected: AdminUnitRow | null;
  changes: UnitChangeView[];
  search: { q: string; results: AdminUnit[] } | null;
};

function asNames(value: Prisma.JsonValue | null): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

function countsOfDetails(value: Prisma.JsonValue | null): Partial<CodeListCounts> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const counts = (value as Record<string, unknown>).counts;
  if (counts === null || typeof counts !== "object" || Array.isArray(counts)) return undefined;
  return Object.fromEntries(Object.entries(counts).filter(([, v]) => typeof v === "number")) as Partial<CodeListCounts>;
}

/** Changes that named any of `codes`, newest first. */
export async function listUnitChanges(user: SessionUser, codes: readonly string[] | null, limit = 30): Promise<UnitChangeView[]> {
  requireUnitAdmin(user);
  const prisma = await getPrisma();
  const where = codes === null ? Prisma.sql`true` : Prisma.sql`(c.from_codes && ${[...codes]}::text[] OR c.to_codes && ${[...codes]}::text[])`;
  const rows = await prisma.$queryRaw<
    {
      id: number;
      kind: UnitChangeKind;
      effective_on: string;
      reason: string;
      from_codes: string[] | null;
      to_codes: string[] | null;
      names_before: Prisma.JsonValue | null;
      names_after: Prisma.JsonValue | null;
      details: Prisma.JsonValue | null;
      at: Date;
      by: string | null;
    }[]
  >`
    SELECT c.id, c.kind::text AS kind, to_char(c.effective_on, 'YYYY-MM-DD') AS effective_on, c.reason, c.from_codes, c.to_codes,
      c.names_before, c.names_after, c.details, c.at, u.display_name AS by
    FROM unit_change c LEFT JOIN app_user u ON u.id = c.user_id
    WHERE ${where}
    ORDER BY c.effective_on DESC, c.id DESC
    LIMIT ${limit}`;
  return rows.map((r) => {
    const record = {
      kind: r.kind,
      effectiveOn: r.effective_on,
      fromCodes: r.from_codes ?? [],
      toCodes: r.to_codes ?? [],
      namesBefore: asNames(r.names_before),
      namesAfter: asNames(r.names_after),
      counts: countsOfDetails(r.details),
    };
    return {
      id: r.id,
      kind: r.kind,
      effectiveOn: r.effective_on,
      reason: r.reason,
      fromCodes: record.fromCodes,
      toCodes: record.toCodes,
      at: r.at,
      by: r.by,
      summary: describeUnitChange(record),
    };
  });
}

async function rowsFor(prisma: PrismaClient, units: AdminUnit[], today: IsoDay): Promise<AdminUnitRow[]> {
  const codes = units.map((u) => u.code);
  if (codes.length === 0) return [];
  const [figures, children, users] = await Promise.all([
    prisma.$queryRaw<{ unit_code: string; first: string; last: string }[]>`
      SELECT unit_code, to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last
      FROM daily_figure WHERE unit_code = ANY(${codes}::text[]) GROUP BY unit_code`,
    prisma.$queryRaw<{ parent_code: string; n: number }[]>`
      SELECT parent_code, count(*)::int AS n FROM unit
      WHERE parent_code = ANY(${codes}::text[])
        AND (valid_from IS NULL OR valid_from <= ${today}::date) AND (valid_to IS NULL OR valid_to >= ${today}::date)
      GROUP BY parent_code`,
    prisma.user.groupBy({ by: ["unitCode"], where: { unitCode: { in: codes } }, _count: { _all: true } }),
  ]);
  const figuresOf = new Map(figures.map((f) => [f.unit_code, { first: f.first, last: f.last }]));
  const childrenOf = new Map(children.map((c) => [c.parent_code, c.n]));
  const usersOf = new Map(users.map((u) => [u.unitCode, u._count._all]));
  return units.map((u) => ({ ...u, childrenValidToday: childrenOf.get(u.code) ?? 0, figures: figuresOf.get(u.code) ?? null, users: usersOf.get(u.code) ?? 0 }));
}

/**
 * The page /admin/units: the unit `parent` (default the country; a ward stands for its district,
 * with the ward chosen), its ancestors, its children with their validity, figures and accounts,
 * the chosen child, the changes that named any of them, and the units matching a search.
 */
export async function getUnitAdminView(user: SessionUser, params: Partial<UnitsPageParams>): Promise<UnitAdminView> {
  requireUnitAdmin(user);
  const prisma = await getPrisma();
  const today = todayInVietnam();
  let parentCode = params.parent?.toUpperCase();
  let selectedCode = params.unit?.toUpperCase();
  if (parentCode === undefined) {
    const country = await prisma.unit.findFirst({ where: { level: "COUNTRY" }, orderBy: { code: "asc" }, select: { code: true } });
    if (!country) throw new NotFoundError("Chưa có danh mục đơn vị hành chính.");
    parentCode = country.code;
  }
  let parentRow = await prisma.unit.findUnique({ where: { code: parentCode }, select: unitSelect });
  if (!parentRow) throw new NotFoundError(`Không có đơn vị mã ${parentCode}.`);
  if (parentRow.level === "WARD" && parentRow.parentCode !== null) {
    selectedCode = parentRow.code;
    parentRow = await prisma.unit.findUnique({ where: { code: parentRow.parentCode }, select: unitSelect });
    if (!parentRow) throw new NotFoundError(`Không có đơn vị mã ${parentCode}.`);
  }
  const parent = toAdminUnit(parentRow);
  const ancestors: AdminUnit[] = [];
  for (let code = parent.parentCode, depth = 0; code !== null && depth < 8; depth++) {
    const row = await prisma.unit.findUnique({ where: { code }, select: unitSelect });
    if (!row) break;
    ancestors.unshift(toAdminUnit(row));
    code = row.parentCode;
  }
  const childUnits = (await prisma.unit.findMany({ where: { parentCode: parent.code }, select: unitSelect, orderBy: { code: "asc" } })).map(toAdminUnit);
  const [children, parentRows] = await Promise.all([rowsFor(prisma, childUnits, today), rowsFor(prisma, [parent], today)]);
  let selected: AdminUnitRow | null = null;
  if (selectedCode !== undefined) {
    selected = (selectedCode === parent.code ? parentRows[0] : children.find((c) => c.code === selectedCode)) ?? null;
    if (!selected) throw new NotFoundError(`Không có đơn vị mã ${selectedCode} trong ${parent.name}.`);
  }
  const changes = await listUnitChanges(user, [parent.code, ...childUnits.map((c) => c.code)]);

  let search: UnitAdminView["search"] = null;
  if (params.q) {
    const q = params.q.normalize("NFC");
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await prisma.$queryRaw<UnitRecord[]>`
      SELECT code, level::text AS level, name, type, parent_code AS "parentCode", valid_from AS "validFrom", valid_to AS "validTo"
      FROM unit WHERE code = ${q.toUpperCase()} OR name ILIKE ${pattern}
      ORDER BY (code = ${q.toUpperCase()}) DESC, (valid_to IS NULL) DESC, level, code LIMIT 30`;
    search = { q: params.q, results: rows.map(toAdminUnit) };
  }
  return { today, parent, ancestors, children, selected, changes, search };
}
