import type { Metadata } from "next";
import Link from "next/link";
import { DeadlineForm } from "@/components/admin/deadline-form";
import { ApproveButton, ApproveDayButton, UnlockForm } from "@/components/entry/approval-controls";
import { TimelinessBadge } from "@/components/entry/timeliness-badge";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { getCompleteness, type CompletenessView } from "@/lib/data/completeness";
import { getViewableDistricts } from "@/lib/data/districts";
import { FIGURE_FIELDS } from "@/lib/domain/figures";
import { formatCount, formatDay, formatPercent } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { REPORT_FIELD_LABELS } from "@/lib/domain/report-checks";
import { describeDeadline, reportDueAt } from "@/lib/domain/timeliness";
import { chaseListText, formatPhone, telHref } from "@/lib/domain/chase-list";
import { CopyButton } from "@/components/alerts/copy-button";
import { canApproveDistrictDay, canChangeSettings, type SessionUser } from "@/lib/permissions";
import { NO_SMARTPHONES_LABEL, SOURCE_CELL_LABELS } from "@/lib/domain/figure-status";
import { CompletenessParamsSchema } from "@/lib/schemas/report-params";
import { DateField } from "@/components/ui/date-field";

export const metadata: Metadata = { title: "Tình hình báo cáo" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/reports");
  const parsed = CompletenessParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title="Tham số không hợp lệ">
        <p>{parsed.error.issues.map((i) => i.message).join("; ")}</p>
        <Link href="/reports" className="font-semibold text-brand-700 underline">
          Xem hôm nay
        </Link>
      </Notice>
    );
  }
  const { district, day, from, to } = parsed.data;
  const view = await orDeny(() => getCompleteness(user, { districtCode: district, from: from ?? day, to: to ?? day }));
  const districts = (await getViewableDistricts(user, { withWards: true })).map(({ code, name }) => ({ code, name }));
  const single = view.from === view.to;

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Tình hình báo cáo</h1>
        <p className="text-slate-700">
          {view.district.name} · {single ? `ngày ${formatDay(view.from)}` : `từ ${formatDay(view.from)} đến ${formatDay(view.to)}`} · hạn nộp{" "}
          {describeDeadline(view.deadline)}
        </p>
      </div>

      <Filters view={view} districts={districts} single={single} />

      {view.days.length === 0 ? (
        <Notice title="Chưa có ngày nào để xem">Các ngày đã chọn đều ở sau hôm nay.</Notice>
      ) : (
        <>
          <Summary view={view} />
          {single ? <DayList view={view} user={user} /> : <RangeTable view={view} />}
        </>
      )}

      {canChangeSettings(user) ? (
        <section aria-labelledby="deadline-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="deadline-heading" className="text-lg font-semibold">
            Hạn nộp báo cáo
          </h2>
          <p className="mb-2 text-sm text-slate-700">Báo cáo gửi sau hạn này được tính là nộp muộn (giờ Hà Nội).</p>
          <DeadlineForm deadline={view.deadline} />
        </section>
      ) : null}
    </div>
  );
}

function Filters({ view, districts, single }: { view: CompletenessView; districts: { code: string; name: string }[]; single: boolean }) {
  const input = "mt-1 min-h-11 rounded border border-slate-500 bg-white px-3 py-2 text-base";
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Xem một ngày">
        {districts.length > 1 ? <input type="hidden" name="district" value={view.district.code} /> : null}
        <DateField name="day" label="Ngày" defaultValue={single ? view.from : view.today} max={view.today} submitOnStep labelClassName="text-sm font-semibold" />
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          Xem ngày
        </button>
      </form>
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Xem một khoảng ngày">
        {districts.length > 1 ? (
          <label className="flex flex-col text-sm font-semibold">
            Quận
            <select name="district" defaultValue={view.district.code} className={input}>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <DateField name="from" label="Từ ngày" defaultValue={view.from} max={view.today} required labelClassName="text-sm font-semibold" />
        <DateField name="to" label="Đến ngày" defaultValue={view.to} required labelClassName="text-sm font-semibold" />
        <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700">
          Xem khoảng ngày
        </button>
      </form>
    </div>
  );
}

function Summary({ view }: { view: CompletenessView }) {
  const t = view.total;
  return (
    <>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="completeness-summary">
        {[
          ["Đã báo cáo", `${formatCount(t.reported)}/${formatCount(t.expected)}`],
          ["Đúng hạn", formatCount(t.onTime)],
          ["Nộp muộn", formatCount(t.late)],
          ["Chưa báo cáo", formatCount(t.missing + t.pending)],
          ["Tỷ lệ đầy đủ", formatPercent(t.completeness)],
        ].map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 bg-white px-3 py-2">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="tabular text-xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-slate-700">
        Chưa báo cáo: phường chưa có số điện thoại thông minh và số máy đã cài từ bất kỳ nguồn nào (báo cáo của phường hoặc dữ liệu
        nhập); số liệu điểm QR từ nhật ký quét không tính là báo cáo. Đúng hạn, nộp muộn: theo lần gửi đầu tiên của phường; số liệu chỉ
        có từ dữ liệu nhập được tính là đúng hạn.
      </p>
    </>
  );
}

function DayList({ view, user }: { view: CompletenessView; user: SessionUser }) {
  const day = view.from;
  const pendingApproval = view.rows.filter((r) => r.cells[0]?.status === "SUBMITTED").length;
  const mayApproveDay = canApproveDistrictDay(user, { code: view.district.code, level: "DISTRICT", parentCode: null });
  const notReported = view.rows.filter((r) => r.cells[0] && !r.cells[0].reported);
  const chaseText = chaseListText({
    districtName: view.district.name,
    day,
    wardCount: view.rows.length,
    missing: notReported.map((r) => ({ name: r.ward.name, chairs: r.chairs.map((c) => c.name) })),
    dueAt: reportDueAt(day, view.deadline),
    now: new Date(),
  });
  const monthLabel = `${day.slice(5, 7)}/${day.slice(0, 4)}`;
  const th = "px-2 py-2 font-semibold";
  // Phones: one column per row on a wide screen; on a phone each row is a card and the cells say what they are.
  const cellLabel = "font-semibold text-slate-700 md:hidden";
  const cell = "px-2 py-1 align-top max-md:block md:py-2";
  return (
    <section aria-labelledby="wards-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="wards-heading" className="text-lg font-semibold">
          {view.rows.length} phường · {notReported.length} chưa gửi báo cáo
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {view.contacts && notReported.length > 0 ? (
            <CopyButton text={chaseText} label="Sao chép danh sách" copiedLabel="Đã sao chép danh sách phường chưa gửi báo cáo." />
          ) : null}
          {mayApproveDay ? <ApproveDayButton districtCode={view.district.code} day={day} pendingCount={pendingApproval} /> : null}
        </div>
      </div>
      {view.contacts && notReported.length > 0 ? (
        <details className="text-sm">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700 underline">
            Nội dung tin nhắn (dán vào Zalo, SMS)
          </summary>
          <pre className="whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 font-sans" data-testid="chase-text">
            {chaseText}
          </pre>
        </details>
      ) : null}
      <table className="w-full border-collapse text-left text-sm max-md:block" data-testid="completeness-list">
        <caption className="sr-only">Tình hình báo cáo của từng phường ngày {formatDay(day)}</caption>
        <thead className="bg-slate-100 max-md:sr-only">
          <tr>
            <th scope="col" className={th}>
              Phường
            </th>
            {view.contacts ? (
              <>
                <th scope="col" className={th}>
                  Chủ tịch phường
                </th>
                <th scope="col" className={th}>
                  Điện thoại
                </th>
              </>
            ) : null}
            <th scope="col" className={th}>
              Ngày {formatDay(day)}
            </th>
            <th scope="col" className={th}>
              Báo cáo gần nhất
            </th>
            <th scope="col" className={`${th} text-right`}>
              Số ngày thiếu tháng {monthLabel}
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody className="max-md:block max-md:space-y-2">
          {view.rows.map(({ ward, cells, chairs, lastReported, month }) => {
            const c = cells[0];
            if (!c) return null;
            const own = user.role === "WARD_CHAIR" && user.unitCode === ward.code;
            return (
              <tr
                key={ward.code}
                data-testid={`ward-${ward.code}`}
                className={`border-t border-slate-200 bg-white max-md:block max-md:rounded max-md:border max-md:p-2 ${own ? "outline outline-2 outline-brand-700" : ""} ${c.reported ? "" : "bg-red-50/40"}`}
              >
                <th scope="row" className={`${cell} font-semibold`}>
                  {ward.name}
                  {own ? <span className="ml-1 text-sm font-normal text-slate-700">(phường của bạn)</span> : null}
                </th>
                {view.contacts ? (
                  <>
                    <td className={cell} data-testid="chair">
                      <span className={cellLabel}>Chủ tịch: </span>
                      {chairs.length > 0 ? chairs.map((ch) => ch.name).join(", ") : <span className="text-slate-700">chưa có tài khoản</span>}
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      <span className={cellLabel}>Điện thoại: </span>
                      {chairs.some((ch) => ch.phone) ? (
                        chairs.flatMap((ch) =>
                          ch.phone
                            ? [
                                <a key={ch.phone} href={telHref(ch.phone)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline md:min-h-0">
                                  {formatPhone(ch.phone)}
                                  <span className="sr-only"> (gọi {ch.name})</span>
                                </a>,
                              ]
                            : [],
                        )
                      ) : (
                        <span className="text-slate-700">—</span>
                      )}
                    </td>
                  </>
                ) : null}
                <td className={cell}>
                  {c.reported && c.status === null ? (
                    // Install figures from an import, no report of the chair: reported, not "Đúng hạn".
                    <span className="inline-block rounded border border-slate-500 bg-slate-50 px-2 py-0.5 text-sm font-semibold text-slate-800">
                      Có số liệu nhập
                    </span>
                  ) : (
                    <TimelinessBadge value={c.timeliness} />
                  )}
                  <span className="block text-xs text-slate-700">
                    {c.firstSubmittedAt ? `Gửi lúc ${formatVietnamDateTime(new Date(c.firstSubmittedAt))}` : "Chưa gửi"}
                    {c.status === "APPROVED" ? " · Đã duyệt" : c.status === "SUBMITTED" ? " · Chờ duyệt" : ""}
                    {c.figuresSource !== null ? ` · Số liệu cài đặt: ${SOURCE_CELL_LABELS[c.figuresSource].toLowerCase()}` : ""}
                    {c.noSmartphones ? ` · ${NO_SMARTPHONES_LABEL} (không có tỷ lệ, không xếp hạng)` : ""}
                  </span>
                  {c.details ? <ReportDetails details={c.details} /> : null}
                </td>
                <td className={`${cell} tabular`}>
                  <span className={cellLabel}>Báo cáo gần nhất: </span>
                  {lastReported ? <time dateTime={lastReported}>{formatDay(lastReported)}</time> : "chưa có"}
                </td>
                <td className={`${cell} tabular md:text-right`}>
                  <span className={cellLabel}>Số ngày thiếu tháng {monthLabel}: </span>
                  {month ? `${formatCount(month.missing)}/${formatCount(month.due)} ngày` : "—"}
                </td>
                <td className={cell}>
                  {c.canApprove && c.version !== null ? (
                    c.status === "APPROVED" ? (
                      <UnlockForm wardCode={ward.code} wardName={ward.name} day={day} version={c.version} />
                    ) : (
                      <ApproveButton wardCode={ward.code} wardName={ward.name} day={day} version={c.version} />
                    )
                  ) : null}
                  {own && c.status !== "APPROVED" ? (
                    <Link href={`/entry?day=${day}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                      {c.status ? "Sửa báo cáo" : "Nhập báo cáo"}
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-sm text-slate-700">
        Số ngày thiếu: các ngày đã quá hạn nộp mà phường chưa có số liệu cài đặt, trên số ngày phải báo cáo của tháng {monthLabel} tính
        đến ngày {formatDay(day)} (từ ngày đầu tiên quận có số liệu).
      </p>
    </section>
  );
}

function ReportDetails({ details }: { details: NonNullable<CompletenessView["rows"][number]["cells"][number]["details"]> }) {
  return (
    <details className="mt-1">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline md:min-h-0">Số liệu báo cáo</summary>
      <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        {FIGURE_FIELDS.map((f) => (
          <div key={f}>
            <dt className="text-slate-700">{REPORT_FIELD_LABELS[f]}</dt>
            <dd className="tabular font-semibold">{formatCount(details.values[f] ?? null)}</dd>
          </div>
        ))}
      </dl>
      {details.warnings.length > 0 ? (
        <div className="mt-2 rounded bg-amber-50 p-2 text-sm">
          <p className="font-semibold">Cảnh báo đã được phường xác nhận:</p>
          <ul className="list-disc pl-5">
            {details.warnings.map((w) => (
              <li key={`${w.code}:${w.field}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {details.note ? <p className="mt-2 text-sm">Ghi chú: {details.note}</p> : null}
    </details>
  );
}

function RangeTable({ view }: { view: CompletenessView }) {
  return (
    <section aria-labelledby="range-heading" className="space-y-2">
      <h2 id="range-heading" className="text-lg font-semibold">
        Theo phường ({view.days.length} ngày)
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="completeness-table">
          <caption className="sr-only">Tỷ lệ báo cáo đầy đủ và đúng hạn của từng phường</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                Phường
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Đã báo cáo
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Đúng hạn
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Nộp muộn
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Chưa báo cáo
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Tỷ lệ đầy đủ
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Tỷ lệ đúng hạn
              </th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map(({ ward, summary }) => (
              <tr key={ward.code} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 font-semibold">
                  {ward.name}
                </th>
                <td className="tabular px-3 py-2 text-right">
                  {summary.reported}/{summary.expected}
                </td>
                <td className="tabular px-3 py-2 text-right">{summary.onTime}</td>
                <td className="tabular px-3 py-2 text-right">{summary.late}</td>
                <td className="tabular px-3 py-2 text-right">{summary.missing}</td>
                <td className="tabular px-3 py-2 text-right">{formatPercent(summary.completeness)}</td>
                <td className="tabular px-3 py-2 text-right">{formatPercent(summary.timeliness)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
