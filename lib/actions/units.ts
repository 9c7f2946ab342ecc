"use server";

import {
  applyCodeList,
  closeUnit,
  mergeUnits,
  openUnit,
  previewCodeList,
  renameUnit,
  splitUnit,
  type CodeListCheck,
  type CodeListCounts,
  type UnitChangeOutcome,
} from "../data/unit-admin.ts";
import type { CodeListIssue } from "../domain/unit-changes.ts";
import {
  CloseUnitSchema,
  CodeListApplySchema,
  CodeListPreviewSchema,
  MergeUnitsSchema,
  OpenUnitSchema,
  RenameUnitSchema,
  SplitUnitSchema,
} from "../schemas/units.ts";
import { failure, type ActionFailure, type ActionResult } from "./result.ts";
import { authedAction } from "./safe-action.ts";

// Server actions of /admin/units (admins only): authedAction checks origin, session, role and
// input; the data layer (lib/data/unit-admin.ts) checks the role again and the units themselves.

export type UnitChangeResult = ActionResult<{ changeId: number; message: string }>;

function toResult(outcome: UnitChangeOutcome): UnitChangeResult {
  if (outcome.ok) return { ok: true, data: { changeId: outcome.changeId, message: outcome.message } };
  return failure(409, outcome.message, outcome.fieldErrors);
}

const rename = authedAction({ schema: RenameUnitSchema, roles: ["ADMIN"] }, async ({ user, input }) => toResult(await renameUnit(user, input)));
export async function renameUnitAction(raw: unknown): Promise<UnitChangeResult> {
  return rename(raw);
}

const openNew = authedAction({ schema: OpenUnitSchema, roles: ["ADMIN"] }, async ({ user, input }) => toResult(await openUnit(user, input)));
export async function openUnitAction(raw: unknown): Promise<UnitChangeResult> {
  return openNew(raw);
}

const close = authedAction({ schema: CloseUnitSchema, roles: ["ADMIN"] }, async ({ user, input }) => toResult(await closeUnit(user, input)));
export async function closeUnitAction(raw: unknown): Promise<UnitChangeResult> {
  return close(raw);
}

const merge = authedAction({ schema: MergeUnitsSchema, roles: ["ADMIN"] }, async ({ user, input }) => toResult(await mergeUnits(user, input)));
export async function mergeUnitsAction(raw: unknown): Promise<UnitChangeResult> {
  return merge(raw);
}

const split = authedAction({ schema: SplitUnitSchema, roles: ["ADMIN"] }, async ({ user, input }) => toResult(await splitUnit(user, input)));
export async function splitUnitAction(raw: unknown): Promise<UnitChangeResult> {
  return split(raw);
}

// ---------------------------------------------------------------------------------------------
// A new code list, posted as FormData: file, effectiveOn, scope (+ planDigest and reason to apply)

/** The list has problems: listed with their lines, nothing changed. */
export type CodeListRefusal = { ok: false; status: 422; message: string; issues: CodeListIssue[]; issueCount: number };

export type CodeListPreviewResult = { ok: true; data: Extract<CodeListCheck, { ok: true }>["preview"] } | CodeListRefusal | ActionFailure;
export type CodeListApplyResult = { ok: true; data: { changeId: number; counts: CodeListCounts; message: string } } | CodeListRefusal | ActionFailure;

function formFields(form: unknown, names: readonly string[]): Record<string, unknown> {
  if (!(form instanceof FormData)) return {};
  return Object.fromEntries(names.map((n) => [n, form.get(n) ?? undefined]));
}

const preview = authedAction(
  { schema: CodeListPreviewSchema, roles: ["ADMIN"], revalidate: false },
  async ({ user, input }): Promise<CodeListPreviewResult> => {
    const check = await previewCodeList(user, new Uint8Array(await input.file.arrayBuffer()), { effectiveOn: input.effectiveOn, scope: input.scope });
    return check.ok ? { ok: true, data: check.preview } : { ok: false, status: 422, message: check.message, issues: check.issues, issueCount: check.issueCount };
  },
);
export async function previewCodeListAction(form: FormData): Promise<CodeListPreviewResult> {
  return preview(formFields(form, ["file", "effectiveOn", "scope"]));
}

const apply = authedAction(
  { schema: CodeListApplySchema, roles: ["ADMIN"] },
  async ({ user, input }): Promise<CodeListApplyResult> => {
    const outcome = await applyCodeList(user, new Uint8Array(await input.file.arrayBuffer()), {
      effectiveOn: input.effectiveOn,
      scope: input.scope,
      planDigest: input.planDigest,
      reason: input.reason,
    });
    if (outcome.ok) return { ok: true, data: { changeId: outcome.changeId, counts: outcome.counts, message: outcome.message } };
    if ("changed" in outcome) return failure(409, outcome.message);
    return { ok: false, status: 422, message: outcome.message, issues: outcome.issues, issueCount: outcome.issueCount };
  },
);
export async function applyCodeListAction(form: FormData): Promise<CodeListApplyResult> {
  return apply(formFields(form, ["file", "effectiveOn", "scope", "planDigest", "reason"]));
}
