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
import { action } from "../requests/action.ts";
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
    switch (outcome.kind) {
      case "saved":
        return { ok: true, data: { report: outcome.report, created: outcome.created, unchanged: false } };
      case "unchanged":
        return { ok: true, data: { report: outcome.report, created: false, unchanged: true } };
      case "needs-confirmation":
        return {
          ok: false,
          status: 422,
          message: "Số liệu có điểm bất thường. Hãy kiểm tra lại; nếu đúng, xác nhận và ghi chú lý do rồi gửi lại.",
          warnings: outcome.warnings,
          noteRequired: true,
        };
      case "note-required":
        return {
          ok: false,
          status: 422,
          message: "Hãy ghi chú lý do cho các điểm bất thường đã xác nhận.",
          warnings: outcome.warnings,
          noteRequired: true,
        };
      case "conflict":
        return {
          ok: false,
          status: 409,
          message: outcome.current
            ? `Báo cáo này vừa được lưu bởi ${outcome.current.submittedBy ?? "người khác"} (phiên bản ${outcome.current.version}) sau khi bạn mở trang. Số liệu của bạn chưa được lưu.`
            : "Báo cáo đã thay đổi sau khi bạn mở trang. Số liệu của bạn chưa được lưu.",
          current: outcome.current,
        };
      case "locked":
        return {
          ok: false,
          status: 423,
          message: "Báo cáo ngày này đã được quận duyệt nên không sửa được. Nếu cần sửa, hãy đề nghị quận mở khoá.",
          current: outcome.current,
        };
    }
  },
);

function approvalResult(outcome: ApprovalOutcome, done: string): ActionResult<{ report: ReportView }> {
  switch (outcome.kind) {
    case "done":
      return { ok: true, data: { report: outcome.report } };
    case "missing":
      return failure(404, "Phường chưa gửi báo cáo ngày này.");
    case "already":
      return failure(409, done);
    case "conflict":
      return failure(409, `Báo cáo vừa được sửa (phiên bản ${outcome.current.version}). Hãy xem lại số liệu mới rồi thao tác lại.`);
  }
}

export const approveReportAction = action(session().role("DISTRICT_OFFICIAL", "ADMIN").input(ApproveReportSchema), async ({ user, input }) =>
  approvalResult(await approveReport(user, input), "Báo cáo đã được duyệt trước đó."),
);

export const unlockReportAction = action(session().role("DISTRICT_OFFICIAL", "ADMIN").input(UnlockReportSchema), async ({ user, input }) =>
  approvalResult(await unlockReport(user, input), "Báo cáo chưa được duyệt nên không cần mở khoá."),
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
