import type { Metadata } from "next";
import Link from "next/link";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { alertRows } from "@/components/alerts/alert-rows";
import { AlertTable } from "@/components/alerts/alert-table";
import { wardHref } from "@/components/dashboard/hrefs";
import { ScanDataGaps } from "@/components/alerts/scan-data-gaps";
import { alertsHref } from "@/components/alerts/hrefs";
import { SeverityBadge } from "@/components/alerts/severity-badge";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { AlertRequestError, OverloadedError } from "@/lib/errors";
import { getAlertCentre } from "@/lib/data/alerts";
import { DEFAULT_SEVERITY_FILTER, SEVERITY_FILTER_LABELS } from "@/lib/domain/alerts/filters";
import { LONG_RUNNING_DAYS } from "@/lib/domain/alerts/grouping";
import { ALERT_RULES } from "@/lib/domain/alerts/registry";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/types";
import { formatCount, formatDay } from "@/lib/domain/format";
import { describeDeadline } from "@/lib/domain/timeliness";
import { AlertParamsSchema } from "@/lib/schemas/alerts";

export const metadata: Metadata = { title: "Cảnh báo" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/alerts");
  const parsed = AlertParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title="Bộ lọc không hợp lệ">
        <ul className="list-disc pl-5" data-testid="alert-param-errors">
          {parsed.error.issues.map((i) => (
            <li key={`${i.path.join(".")}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
        <Link href="/alerts" className="font-semibold text-brand-700 underline">
          Xem cảnh báo mới nhất
        </Link>
      </Notice>
    );
  }
  // The default view (issue 16): serious and needs-attention alerts; "all" shows every severity.
  const params = { ...parsed.data, severity: parsed.data.severity ?? DEFAULT_SEVERITY_FILTER };
  let centre;
  try {
    centre = await orDeny(() => getAlertCentre(user, params));
  } catch (err) {
    // Every district at once is heavy work (lib/data/alerts.ts): when the server is at its limit
    // the page says so and how soon to retry, rather than failing.
    if (err instanceof OverloadedError) {
      return (
        <Notice title="Máy chủ đang bận">
          <p data-testid="alert-overloaded">{err.message}</p>
          <Link href={alertsHref(params)} className="font-semibold text-brand-700 underline">
            Thử lại
          </Link>
        </Notice>
      );
    }
    if (!(err instanceof AlertRequestError)) throw err;
    return (
      <Notice title="Không xem được cảnh báo như yêu cầu">
        <p data-testid="alert-request-error">{err.message}</p>
        <Link href="/alerts" className="font-semibold text-brand-700 underline">
          Xem cảnh báo mới nhất
        </Link>
      </Notice>
    );
  }

  const { day, counts, filters, district } = centre;
  const scopeName = district?.name ?? "tất cả các quận, huyện";
  const rows = alertRows(centre.alerts);
  const link = (page: number) => alertsHref({ ...filters, day, district: parsed.data.district, page });

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">Cảnh báo</h1>
        <p className="text-slate-700">
          Ngày <time dateTime={day}>{formatDay(day)}</time> · {scopeName}
          {user.role === "WARD_CHAIR" ? " · chỉ phường của bạn" : ""}
        </p>
      </div>

      <AlertFilters
        day={day}
        min={centre.range?.from}
        max={centre.today}
        filters={filters}
        wards={centre.wards}
        districts={centre.districts}
        district={district?.code ?? null}
      />

      <section aria-labelledby="alert-counts-heading">
        <h2 id="alert-counts-heading" className="sr-only">
          Tổng hợp
        </h2>
        <p className="flex flex-wrap items-center gap-2 text-slate-800" data-testid="alert-counts">
          <span>
            {formatCount(counts.total)} cảnh báo trong ngày, {formatCount(counts.acknowledged)} đã xác nhận:
          </span>
          {[...ALERT_SEVERITIES].reverse().map((s) => (
            <Link key={s} href={alertsHref({ ...filters, day, district: parsed.data.district, severity: s })} className="inline-flex min-h-11 items-center gap-1 underline">
              <SeverityBadge severity={s} /> {formatCount(counts.bySeverity[s])}
            </Link>
          ))}
        </p>
        {centre.scanDataGaps.length > 0 ? <ScanDataGaps gaps={centre.scanDataGaps} /> : null}
      </section>

      <section aria-labelledby="alert-list-heading" className="space-y-3">
        <h2 id="alert-list-heading" className="text-lg font-semibold">
          {centre.total === counts.total ? "Tất cả cảnh báo" : `${formatCount(centre.total)} cảnh báo khớp bộ lọc`}
          {filters.severity && filters.severity !== "all" ? (
            <span className="font-normal text-slate-700"> · mức độ: {SEVERITY_FILTER_LABELS[filters.severity].toLowerCase()}</span>
          ) : null}
        </h2>
        <AlertTable rows={rows} day={day} wardHref={Object.fromEntries(rows.map((r) => [r.ward.code, wardHref(r.ward.code, day)]))} />
        {centre.pageCount > 1 ? (
          <nav aria-label="Trang" className="flex flex-wrap items-center gap-3">
            {centre.page > 1 ? (
              <Link href={link(centre.page - 1)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                Trang trước
              </Link>
            ) : null}
            <span>
              Trang {centre.page}/{centre.pageCount}
            </span>
            {centre.page < centre.pageCount ? (
              <Link href={link(centre.page + 1)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                Trang sau
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold">Cách đọc bảng, các loại cảnh báo và ngưỡng đang dùng</summary>
        <p className="mt-2 text-sm text-slate-800">
          Mỗi dòng của bảng là một phường, phường có cảnh báo nặng nhất ở trên; &ldquo;Chi tiết&rdquo; mở câu cảnh báo, số liệu căn cứ
          và xác nhận. Tình trạng kéo dài từ {LONG_RUNNING_DAYS} ngày liên tiếp được tóm tắt trong một dòng. Chọn các dòng (phím Tab,
          Space) để xác nhận cùng một ghi chú.
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {ALERT_RULES.map((r) => (
            <li key={r.id}>
              <strong>{r.label}</strong>: {r.description}
              {r.escalates ? ` Nâng một mức khi kéo dài từ ${centre.thresholds.escalationDays} ngày liên tiếp.` : ""}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-800">
          Hạn nộp báo cáo: {describeDeadline(centre.deadline)}. Địa điểm không hoạt động: không có lượt quét trong {centre.thresholds.dormantDays}{" "}
          ngày. Ngưỡng chênh lệch với dữ liệu nhập: {centre.thresholds.disagreementTolerancePercent}%. Tụt hạng: từ {centre.thresholds.rankDropPlaces}{" "}
          bậc.
          {user.role === "ADMIN" ? (
            <>
              {" "}
              <Link href="/admin/settings" className="font-semibold text-brand-700 underline">
                Đổi ngưỡng cảnh báo
              </Link>
            </>
          ) : null}
        </p>
      </details>
    </div>
  );
}
