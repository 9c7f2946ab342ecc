import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
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
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { textIn, type Message } from "@/lib/domain/message";
import { getDomainText } from "@/i18n/domain-text";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { reportDueAt, type ReportDeadline } from "@/lib/domain/timeliness";
import { chaseListText, formatPhone, telHref } from "@/lib/domain/chase-list";
import { CopyButton } from "@/components/alerts/copy-button";
import { canApproveDistrictDay, canChangeSettings, type SessionUser } from "@/lib/permissions";
import { CompletenessParamsSchema } from "@/lib/schemas/report-params";
import { DateField } from "@/components/ui/date-field";
import { PageMessages } from "@/components/i18n/page-messages";

type T = Awaited<ReturnType<typeof getTranslations<"reports">>>;
type Labels = Awaited<ReturnType<typeof getTranslations<"labels">>>;

/** The reader's translations and formats, handed to the page's parts. */
type Words = { t: T; labels: Labels; f: FigureFormats; shown: (written: string, m: Message | undefined) => string };

/** "17:00 ngày hôm sau" / "17:00 the next day". */
function describeDeadline(labels: Labels, deadline: ReportDeadline): string {
  const time = `${String(deadline.hour).padStart(2, "0")}:${String(deadline.minute).padStart(2, "0")}`;
  return labels("deadline.at", { time, days: deadline.daysAfter });
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/reports");
  const t = await getTranslations("reports");
  const labels = await getTranslations("labels");
  const domain = await getDomainText();
  const f = figureFormats(domain.locale);
  const words: Words = { t, labels, f, shown: (written, m) => textIn(written, m, domain.locale, domain.text) };
  const parsed = CompletenessParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title={t("invalidParams")}>
        <p>{parsed.error.issues.map((i) => i.message).join("; ")}</p>
        <Link href="/reports" className="font-semibold text-brand-700 underline">
          {t("seeToday")}
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
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">
          {view.district.name} · {single ? t("onDay", { day: f.day(view.from) }) : t("fromTo", { from: f.day(view.from), to: f.day(view.to) })} ·{" "}
          {t("deadline", { deadline: describeDeadline(labels, view.deadline) })}
        </p>
      </div>

      <Filters view={view} districts={districts} single={single} t={t} />

      {view.days.length === 0 ? (
        <Notice title={t("noDaysTitle")}>{t("noDaysText")}</Notice>
      ) : (
        <>
          <Summary view={view} words={words} />
          {single ? <DayList view={view} user={user} words={words} /> : <RangeTable view={view} words={words} />}
        </>
      )}

      {canChangeSettings(user) ? (
        <section aria-labelledby="deadline-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="deadline-heading" className="text-lg font-semibold">
            {t("deadlineHeading")}
          </h2>
          <p className="mb-2 text-sm text-slate-700">{t("deadlineText")}</p>
          <PageMessages namespaces={["admin.settings", "labels.deadline"]}>
            <DeadlineForm deadline={view.deadline} />
          </PageMessages>
        </section>
      ) : null}
    </div>
  );
}

function Filters({ view, districts, single, t }: { view: CompletenessView; districts: { code: string; name: string }[]; single: boolean; t: T }) {
  const input = "mt-1 min-h-11 rounded border border-slate-500 bg-white px-3 py-2 text-base";
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label={t("filters.oneDay")}>
        {districts.length > 1 ? <input type="hidden" name="district" value={view.district.code} /> : null}
        <DateField name="day" label={t("filters.day")} defaultValue={single ? view.from : view.today} max={view.today} submitOnStep labelClassName="text-sm font-semibold" />
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          {t("filters.seeDay")}
        </button>
      </form>
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label={t("filters.range")}>
        {districts.length > 1 ? (
          <label className="flex flex-col text-sm font-semibold">
            {t("filters.district")}
            <select name="district" defaultValue={view.district.code} className={input}>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <DateField name="from" label={t("filters.from")} defaultValue={view.from} max={view.today} required labelClassName="text-sm font-semibold" />
        <DateField name="to" label={t("filters.to")} defaultValue={view.to} required labelClassName="text-sm font-semibold" />
        <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700">
          {t("filters.seeRange")}
        </button>
      </form>
    </div>
  );
}

function Summary({ view, words: { t, f } }: { view: CompletenessView; words: Words }) {
  const total = view.total;
  return (
    <>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="completeness-summary">
        {[
          [t("summary.reported"), `${f.count(total.reported)}/${f.count(total.expected)}`],
          [t("summary.onTime"), f.count(total.onTime)],
          [t("summary.late"), f.count(total.late)],
          [t("summary.notReported"), f.count(total.missing + total.pending)],
          [t("summary.completeness"), f.percent(total.completeness)],
        ].map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 bg-white px-3 py-2">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="tabular text-xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-slate-700">{t("summary.explain")}</p>
    </>
  );
}

function DayList({ view, user, words }: { view: CompletenessView; user: SessionUser; words: Words }) {
  const { t, labels, f } = words;
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
  const monthLabel = f.locale === "en" ? f.day(day).replace(/^\d+ /, "") : `${day.slice(5, 7)}/${day.slice(0, 4)}`;
  const th = "px-2 py-2 font-semibold";
  // Phones: one column per row on a wide screen; on a phone each row is a card and the cells say what they are.
  const cellLabel = "font-semibold text-slate-700 md:hidden";
  const cell = "px-2 py-1 align-top max-md:block md:py-2";
  return (
    <section aria-labelledby="wards-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="wards-heading" className="text-lg font-semibold">
          {t("day.heading", { wards: f.count(view.rows.length), missing: f.count(notReported.length) })}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {view.contacts && notReported.length > 0 ? (
            <CopyButton text={chaseText} label={t("day.copy")} copiedLabel={t("day.copied")} />
          ) : null}
          {mayApproveDay ? <ApproveDayButton districtCode={view.district.code} day={day} pendingCount={pendingApproval} /> : null}
        </div>
      </div>
      {view.contacts && notReported.length > 0 ? (
        <details className="text-sm">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700 underline">
            {t("day.messageText")}
          </summary>
          <pre className="whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 font-sans" data-testid="chase-text">
            {chaseText}
          </pre>
        </details>
      ) : null}
      <table className="w-full border-collapse text-left text-sm max-md:block" data-testid="completeness-list">
        <caption className="sr-only">{t("day.caption", { day: f.day(day) })}</caption>
        <thead className="bg-slate-100 max-md:sr-only">
          <tr>
            <th scope="col" className={th}>
              {t("columns.ward")}
            </th>
            {view.contacts ? <ChairHeaders className={th} t={t} /> : null}
            <th scope="col" className={th}>
              {t("columns.day", { day: f.day(day) })}
            </th>
            <th scope="col" className={th}>
              {t("columns.lastReport")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("columns.daysMissing", { month: monthLabel })}
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">{t("columns.actions")}</span>
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
                  {own ? <span className="ml-1 text-sm font-normal text-slate-700">{t("day.yourWard")}</span> : null}
                </th>
                {view.contacts ? <ChairCells chairs={chairs} cell={cell} cellLabel={cellLabel} t={t} /> : null}
                <td className={cell}>
                  {c.reported && c.status === null ? (
                    // Install figures from an import, no report of the chair: reported, not "Đúng hạn".
                    <span className="inline-block rounded border border-slate-500 bg-slate-50 px-2 py-0.5 text-sm font-semibold text-slate-800">
                      {t("day.imported")}
                    </span>
                  ) : (
                    <TimelinessBadge value={c.timeliness} />
                  )}
                  <span className="block text-xs text-slate-700">
                    {c.firstSubmittedAt ? t("day.sentAt", { at: formatVietnamDateTime(new Date(c.firstSubmittedAt), f.locale) }) : t("day.notSent")}
                    {c.status === "APPROVED" ? ` · ${t("day.approved")}` : c.status === "SUBMITTED" ? ` · ${t("day.awaitingApproval")}` : ""}
                    {c.figuresSource !== null ? ` · ${t("day.installSource", { source: labels(`sources.${c.figuresSource}`).toLowerCase() })}` : ""}
                    {c.noSmartphones ? ` · ${t("day.noSmartphones")}` : ""}
                  </span>
                  {c.details ? <ReportDetails details={c.details} words={words} /> : null}
                </td>
                <td className={`${cell} tabular`}>
                  <span className={cellLabel}>{t("columns.lastReport")}: </span>
                  {lastReported ? <time dateTime={lastReported}>{f.day(lastReported)}</time> : t("day.none")}
                </td>
                <td className={`${cell} tabular md:text-right`}>
                  <span className={cellLabel}>{t("columns.daysMissing", { month: monthLabel })}: </span>
                  {month ? t("day.daysOf", { missing: f.count(month.missing), due: f.count(month.due), count: month.due }) : "—"}
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
                      {c.status ? t("day.editReport") : t("day.enterReport")}
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-sm text-slate-700">{t("day.daysMissingExplain", { month: monthLabel, day: f.day(day) })}</p>
    </section>
  );
}

function ReportDetails({ details, words: { t, labels, f, shown } }: { details: NonNullable<CompletenessView["rows"][number]["cells"][number]["details"]>; words: Words }) {
  return (
    <details className="mt-1">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline md:min-h-0">{t("details.summary")}</summary>
      <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        {FIGURE_FIELDS.map((field) => (
          <div key={field}>
            <dt className="text-slate-700">{labels(`fields.${field}`)}</dt>
            <dd className="tabular font-semibold">{f.count(details.values[field] ?? null)}</dd>
          </div>
        ))}
      </dl>
      {details.warnings.length > 0 ? (
        <div className="mt-2 rounded bg-amber-50 p-2 text-sm">
          <p className="font-semibold">{t("details.warnings")}</p>
          <ul className="list-disc pl-5">
            {details.warnings.map((w) => (
              <li key={`${w.code}:${w.field}`}>{shown(w.message, w.text)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {details.note ? <p className="mt-2 text-sm">{t("details.note", { note: details.note })}</p> : null}
    </details>
  );
}

/** The chair and phone column headers ("who to chase"), the same in the day and range views. */
function ChairHeaders({ className, t }: { className: string; t: T }) {
  return (
    <>
      <th scope="col" className={className}>
        {t("columns.chair")}
      </th>
      <th scope="col" className={className}>
        {t("columns.phone")}
      </th>
    </>
  );
}

/** A ward's chairs and their phones (tel: links), or why there is none. */
function ChairCells({ chairs, cell, cellLabel, t }: { chairs: CompletenessView["rows"][number]["chairs"]; cell: string; cellLabel?: string; t: T }) {
  return (
    <>
      <td className={cell} data-testid="chair">
        {cellLabel ? <span className={cellLabel}>{t("day.chairLabel")}: </span> : null}
        {chairs.length > 0 ? chairs.map((ch) => ch.name).join(", ") : <span className="text-slate-700">{t("day.noAccount")}</span>}
      </td>
      <td className={`${cell} whitespace-nowrap`}>
        {cellLabel ? <span className={cellLabel}>{t("columns.phone")}: </span> : null}
        {chairs.some((ch) => ch.phone) ? (
          chairs.flatMap((ch) =>
            ch.phone
              ? [
                  <a key={ch.phone} href={telHref(ch.phone)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline md:min-h-0">
                    {formatPhone(ch.phone)}
                    <span className="sr-only"> {t("day.call", { name: ch.name })}</span>
                  </a>,
                ]
              : [],
          )
        ) : (
          <span className="text-slate-700">—</span>
        )}
      </td>
    </>
  );
}

function RangeTable({ view, words: { t, f } }: { view: CompletenessView; words: Words }) {
  const cell = "tabular px-3 py-2 text-right";
  return (
    <section aria-labelledby="range-heading" className="space-y-2">
      <h2 id="range-heading" className="text-lg font-semibold">
        {t("range.heading", { days: f.count(view.days.length), count: view.days.length })}
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="completeness-table">
          <caption className="sr-only">{t("range.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("columns.ward")}
              </th>
              {view.contacts ? <ChairHeaders className="px-3 py-2" t={t} /> : null}
              <th scope="col" className="px-3 py-2 text-right">
                {t("summary.reported")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("summary.onTime")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("summary.late")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("summary.notReported")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("summary.completeness")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("range.timeliness")}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map(({ ward, summary, chairs }) => (
              <tr key={ward.code} className="border-t border-slate-200" data-testid={`range-ward-${ward.code}`}>
                <th scope="row" className="px-3 py-2 font-semibold">
                  {ward.name}
                </th>
                {view.contacts ? <ChairCells chairs={chairs} cell="px-3 py-2 align-top" t={t} /> : null}
                <td className={cell}>
                  {f.count(summary.reported)}/{f.count(summary.expected)}
                </td>
                <td className={cell}>{f.count(summary.onTime)}</td>
                <td className={cell}>{f.count(summary.late)}</td>
                <td className={cell}>{f.count(summary.missing)}</td>
                <td className={cell}>{f.percent(summary.completeness)}</td>
                <td className={cell}>{f.percent(summary.timeliness)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
