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
import { action, formFields } from "../requests/action.ts";
import { session } from "../requests/guard.ts";
import { failure, type ActionFailure, type ActionResult } from "./result.ts";

// Server actions of /admin/units (admins only; lib/requests checks origin, session, role and
// input); the data layer (lib/data/unit-admin.ts) checks the role again and the units themselves.

export type UnitChangeResult = ActionResult<{ changeId: number; message: string }>;

function toResult(outcome: UnitChangeOutcome): UnitChangeResult {
  if (outcome.ok) return { ok: true, data: { changeId: outcome.changeId, message: outcome.message } };
  return failure(409, outcome.message, outcome.fieldErrors);
}

const admin = session().role("ADMIN");

export const renameUnitAction = action(admin.input(RenameUnitSchema), async ({ user, input }) => toResult(await renameUnit(user, input)));
export const openUnitAction = action(admin.input(OpenUnitSchema), async ({ user, input }) => toResult(await openUnit(user, input)));
export const closeUnitAction = action(admin.input(CloseUnitSchema), async ({ user, input }) => toResult(await closeUnit(user, input)));
export const mergeUnitsAction = action(admin.input(MergeUnitsSchema), async ({ user, input }) => toResult(await mergeUnits(user, input)));
export const splitUnitAction = action(admin.input(SplitUnitSchema), async ({ user, input }) => toResult(await splitUnit(user, input)));

// ---------------------------------------------------------------------------------------------
// A new code list, posted as FormData: file, effectiveOn, scope (+ planDigest and reason to apply)

/** The list has problems: listed with their lines, nothing changed. */
export type CodeListRefusal = { ok: false; status: 422; message: string; issues: CodeListIssue[]; issueCount: number };

export type CodeListPreviewResult = { ok: true; data: Extract<CodeListCheck, { ok: true }>["preview"] } | CodeListRefusal | ActionFailure;
export type CodeListApplyResult = { ok: true; data: { changeId: number; counts: CodeListCounts; message: string } } | CodeListRefusal | ActionFailure;

export const previewCodeListAction = action(
  admin.input(CodeListPreviewSchema, { read: formFields("file", "effectiveOn", "scope") }),
  async ({ user, input }): Promise<CodeListPreviewResult> => {
    const check = await previewCodeList(user, new Uint8Array(await input.file.arrayBuffer()), { effectiveOn: input.effectiveOn, scope: input.scope });
    return check.ok ? { ok: true, data: check.preview } : { ok: false, status: 422, message: check.message, issues: check.issues, issueCount: check.issueCount };
  },
  { revalidate: false },
);

export const applyCodeListAction = action(
  admin.input(CodeListApplySchema, { read: formFields("file", "effectiveOn", "scope", "planDigest", "reason") }),
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
