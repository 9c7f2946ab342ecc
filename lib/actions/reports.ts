"use server";

import { todayInVietnam } from "../domain/days.ts";
import type { ReportWarning } from "../domain/report-checks.ts";
import { describeDeadline } from "../domain/timeliness.ts";
import { setReportDeadline } from "../data/settings.ts";
import { approveDistrictDay, approveReport, submitReport, unlockReport, type ApprovalOutcome, type ReportView } from "../data/ward-reports.ts";
import {
  ApproveDistrictDaySchema,
  ApproveReportSchema,
  ReportDeadlineSchema,
  reportInputSchema,
  UnlockReportSchema,
} from "../schemas/ward-report.ts";
import { action, readerLocale } from "../requests/action.ts";
import { textIn } from "../domain/message.ts";
import { catalogText } from "../../i18n/catalog-text.ts";
import { session } from "../requests/guard.ts";
import { failure, type ActionFailure, type ActionResult } from "./result.ts";

// Server actions of the daily report. Each is a public endpoint: the request family (lib/requests)
// checks the origin, the session, the role and the input; the data layer checks the user's rights
// on the ward itself. No action
// here lists CITY_OFFICIAL or NATIONAL_OFFICIAL: they read reports but never enter, approve or
// unlock them (403 at the role, and again in lib/data/ward-reports.ts with the reason).

export type SubmitReportResult =
  | { ok: true; data: { report: ReportView; created: boolean; unchanged: boolean } }
  | { ok: false; status: 422; message: string; warnings: ReportWarning[]; noteRequired: boolean }
  | { ok: false; status: 409; message: string; current: ReportView | null }
  | { ok: false; status: 423; message: string; current: ReportView }
  | ActionFailure;

export const submitReportAction = action(
  session()
    .role("WARD_CHAIR", "ADMIN")
    .input((now: Date) => reportInputSchema(todayInVietnam(now))),
  async ({ user, input }): Promise<SubmitReportResult> => {
    const outcome = await submitReport(user, input);
    // The answer's sentences in the reader's language (docs/i18n.md); the stored warnings keep both.
    const { locale, t, text } = catalogText(await readerLocale());
    const r = (key: string, values?: Record<string, string | number>) => t(`entry.refusals.${key}`, values);
    const shown = (warnings: readonly ReportWarning[]) => warnings.map((w) => ({ ...w, message: textIn(w.message, w.text, locale, text) }));
    switch (outcome.kind) {
      case "saved":
        return { ok: true, data: { report: outcome.report, created: outcome.created, unchanged: false } };
      case "unchanged":
        return { ok: true, data: { report: outcome.report, created: false, unchanged: true } };
      case "needs-confirmation":
        return {
          ok: false,
          status: 422,
          message: r("needsConfirmation"),
          warnings: shown(outcome.warnings),
          noteRequired: true,
        };
      case "note-required":
        return {
          ok: false,
          status: 422,
          message: r("noteForWarnings"),
          warnings: shown(outcome.warnings),
          noteRequired: true,
        };
      case "conflict":
        return {
          ok: false,
          status: 409,
          message: outcome.current
            ? r("savedBySomeone", { name: outcome.current.submittedBy ?? r("someoneElse"), version: String(outcome.current.version) })
            : r("changedMeanwhile"),
          current: outcome.current,
        };
      case "locked":
        return {
          ok: false,
          status: 423,
          message: r("lockedApproved"),
          current: outcome.current,
        };
    }
  },
);

async function approvalResult(outcome: ApprovalOutcome, done: "alreadyApproved" | "notApproved"): Promise<ActionResult<{ report: ReportView }>> {
  if (outcome.kind === "done") return { ok: true, data: { report: outcome.report } };
  const { t } = catalogText(await readerLocale());
  switch (outcome.kind) {
    case "missing":
      return failure(404, t("entry.refusals.notSent"));
    case "already":
      return failure(409, t(`entry.refusals.${done}`));
    case "conflict":
      return failure(409, t("entry.refusals.editedMeanwhile", { version: String(outcome.current.version) }));
  }
}

export const approveReportAction = action(session().role("DISTRICT_OFFICIAL", "ADMIN").input(ApproveReportSchema), async ({ user, input }) =>
  approvalResult(await approveReport(user, input), "alreadyApproved"),
);

export const unlockReportAction = action(session().role("DISTRICT_OFFICIAL", "ADMIN").input(UnlockReportSchema), async ({ user, input }) =>
  approvalResult(await unlockReport(user, input), "notApproved"),
);

export const approveDistrictDayAction = action(
  session().role("DISTRICT_OFFICIAL", "ADMIN").input(ApproveDistrictDaySchema),
  async ({ user, input }): Promise<ActionResult<{ approved: number }>> => ({
    ok: true,
    data: await approveDistrictDay(user, input),
  }),
);

export const updateReportDeadlineAction = action(
  session().role("ADMIN").input(ReportDeadlineSchema),
  async ({ user, input }): Promise<ActionResult<{ description: string }>> => {
    await setReportDeadline(user, input);
    return { ok: true, data: { description: describeDeadline(input) } };
  },
);
