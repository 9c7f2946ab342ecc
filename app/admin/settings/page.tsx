import type { Metadata } from "next";
import Link from "next/link";
import { DeadlineForm } from "@/components/admin/deadline-form";
import { SourcePriorityForm } from "@/components/admin/source-priority-form";
import { ThresholdsForm } from "@/components/alerts/thresholds-form";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getSettings } from "@/lib/data/settings";
import { DEFAULT_ALERT_THRESHOLDS } from "@/lib/domain/alerts/types";
import { describeDeadline } from "@/lib/domain/timeliness";

export const metadata: Metadata = { title: "Cài đặt" };
export const dynamic = "force-dynamic";

// Every setting an admin changes: the alert thresholds, the report deadline (one deadline for the
// completeness page, the "not reported" alert and the entry form) and the preferred source of
// figures. (Until issue 13 this page was /admin/alert-settings, which now redirects here.)
export default async function SettingsPage() {
  const user = await requireRole(["ADMIN"], "/admin/settings");
  const { thresholds, deadline, preferredSource } = await orDeny(() => getSettings(user));
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Cài đặt</h1>
        <p className="text-slate-700">
          Cảnh báo được tính lại từ số liệu đã lưu mỗi lần xem, nên ngưỡng mới áp dụng cho mọi ngày, kể cả các ngày đã qua.{" "}
          <Link href="/alerts" className="font-semibold text-brand-700 underline">
            Mở trung tâm cảnh báo
          </Link>
        </p>
      </div>
      <section aria-labelledby="thresholds-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="thresholds-heading" className="text-lg font-semibold">
          Ngưỡng cảnh báo
        </h2>
        <p className="text-sm text-slate-700">
          Mặc định: {DEFAULT_ALERT_THRESHOLDS.dormantDays} ngày không hoạt động, chênh lệch {DEFAULT_ALERT_THRESHOLDS.disagreementTolerancePercent}%,
          nâng mức sau {DEFAULT_ALERT_THRESHOLDS.escalationDays} ngày liên tiếp, tụt từ {DEFAULT_ALERT_THRESHOLDS.rankDropPlaces} bậc.
        </p>
        <ThresholdsForm thresholds={thresholds} />
      </section>
      <section aria-labelledby="deadline-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="deadline-heading" className="text-lg font-semibold">
          Hạn nộp báo cáo
        </h2>
        <p className="text-sm text-slate-700">
          Hiện tại: {describeDeadline(deadline)} (mặc định 10:00 ngày hôm sau). Báo cáo chưa gửi khi quá hạn này thành cảnh báo “Chưa báo cáo”.
        </p>
        <DeadlineForm deadline={deadline} />
      </section>
      <section aria-labelledby="source-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="source-heading" className="text-lg font-semibold">
          Nguồn số liệu ưu tiên
        </h2>
        <p className="text-sm text-slate-700">
          Cả hai nguồn đều được lưu; trang phường cho biết mỗi số đang lấy từ nguồn nào, và cảnh báo “Lệch với dữ liệu nhập” chỉ ra các ngày hai nguồn khác nhau.
        </p>
        <SourcePriorityForm preferred={preferredSource} />
      </section>
      <section aria-labelledby="phases-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="phases-heading" className="text-lg font-semibold">
          Giai đoạn chính sách
        </h2>
        <p className="text-sm text-slate-700">
          Các giai đoạn như giãn cách theo Chỉ thị 16 được tô thành vùng trên mọi biểu đồ theo ngày.{" "}
          <Link href="/admin/policy-phases" className="font-semibold text-brand-700 underline">
            Xem và ghi giai đoạn chính sách
          </Link>
        </p>
      </section>
    </div>
  );
}
