import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { alertRows, alertWardDetails } from "@/components/alerts/alert-rows";
import { AlertTable } from "@/components/alerts/alert-table";
import { ScanDataGaps } from "@/components/alerts/scan-data-gaps";
import { alertsHref, alertsQuery } from "@/components/alerts/hrefs";
import { chartDataHref } from "@/components/charts/lazy-chart-words";
import { SeverityBadge } from "@/components/alerts/severity-badge";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { AlertRequestError, OverloadedError } from "@/lib/errors";
import { getAlertCentre } from "@/lib/data/alerts";
import { DEFAULT_SEVERITY_FILTER } from "@/lib/domain/alerts/filters";
import { LONG_RUNNING_DAYS } from "@/lib/domain/alerts/grouping";
import { ALERT_RULES, alertRuleText } from "@/lib/domain/alerts/registry";
import { getDomainText } from "@/i18n/domain-text";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/types";
import { figureFormats } from "@/lib/domain/format";
import { AlertParamsSchema } from "@/lib/schemas/alerts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts.page"))("title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/alerts");
  const t = await getTranslations("alerts.page");
  const parsed = AlertParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title={t("badFilters")}>
        <ul className="list-disc pl-5" data-testid="alert-param-errors">
          {parsed.error.issues.map((i) => (
            <li key={`${i.path.join(".")}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
        <Link href="/alerts" className="font-semibold text-brand-700 underline">
          {t("latest")}
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
        <Notice title={t("busy")}>
          <p data-testid="alert-overloaded">{err.message}</p>
          <Link href={alertsHref(params)} className="font-semibold text-brand-700 underline">
            {t("retry")}
          </Link>
        </Notice>
      );
    }
    if (!(err instanceof AlertRequestError)) throw err;
    return (
      <Notice title={t("cannotShow")}>
        <p data-testid="alert-request-error">{err.message}</p>
        <Link href="/alerts" className="font-semibold text-brand-700 underline">
          {t("latest")}
        </Link>
      </Notice>
    );
  }

  const { day, counts, filters, district } = centre;
  const locale = parseLocale(await getLocale());
  const f = figureFormats(locale);
  const labels = await getTranslations("labels");
  const filterLabels = await getTranslations("alerts.filters");
  const scopeName = district?.name ?? t("allDistricts");
  // Each row's summary travels with the page; its details (sentences, numbers, acknowledgements)
  // when the row is opened: fetched from /api/alerts/details (with this render's token), or
  // rendered here for `?open=CODE` (the "Chi tiết" link without JavaScript).
  const domain = await getDomainText();
  const rows = alertRows(centre.alerts, domain);
  const opened = parsed.data.open ? alertWardDetails(centre.alerts, parsed.data.open, await getTranslations("alerts.rows"), domain) : null;
  const link = (page: number) => alertsHref({ ...filters, day, district: parsed.data.district, page });
  const detailsUrl = chartDataHref("/api/alerts/details", alertsQuery({ ...filters, ward: undefined, day, district: parsed.data.district }));

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">
          {t.rich("dayLine", { day: f.day(day), scope: scopeName, time: (chunks) => <time dateTime={day}>{chunks}</time> })}
          {user.role === "WARD_CHAIR" ? t("ownWardOnly") : ""}
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
          {t("countsHeading")}
        </h2>
        <p className="flex flex-wrap items-center gap-2 text-slate-800" data-testid="alert-counts">
          <span>{t("counts", { count: counts.total, total: f.count(counts.total), acknowledged: f.count(counts.acknowledged) })}</span>
          {[...ALERT_SEVERITIES].reverse().map((s) => (
            <Link key={s} href={alertsHref({ ...filters, day, district: parsed.data.district, severity: s })} className="inline-flex min-h-11 items-center gap-1 underline">
              <SeverityBadge severity={s} /> {f.count(counts.bySeverity[s])}
            </Link>
          ))}
        </p>
        {centre.scanDataGaps.length > 0 ? <ScanDataGaps gaps={centre.scanDataGaps} /> : null}
      </section>

      <section aria-labelledby="alert-list-heading" className="space-y-3">
        <h2 id="alert-list-heading" className="text-lg font-semibold">
          {centre.total === counts.total ? t("allAlerts") : t("matching", { count: centre.total, total: f.count(centre.total) })}
          {filters.severity && filters.severity !== "all" ? (
            <span className="font-normal text-slate-700">{t("severityNote", { severity: filterLabels(`severities.${filters.severity}`).toLowerCase() })}</span>
          ) : null}
        </h2>
        <PageMessages namespaces={["alerts.table", "alerts.badge"]}>
          <AlertTable rows={rows} day={day} href={link(centre.page)} detailsUrl={detailsUrl} opened={opened} />
        </PageMessages>
        {centre.pageCount > 1 ? (
          <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-3">
            {centre.page > 1 ? (
              <Link href={link(centre.page - 1)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                {t("previous")}
              </Link>
            ) : null}
            <span>{t("pageOf", { page: centre.page, pages: centre.pageCount })}</span>
            {centre.page < centre.pageCount ? (
              <Link href={link(centre.page + 1)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                {t("next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold">{t("howTo")}</summary>
        <p className="mt-2 text-sm text-slate-800">{t("howToBody", { days: LONG_RUNNING_DAYS })}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {ALERT_RULES.map((r) => (
            <li key={r.id}>
              <strong>{domain.text(alertRuleText(r.id, "label"))}</strong>: {domain.text(alertRuleText(r.id, "description"))}
              {r.escalates ? t("escalates", { days: centre.thresholds.escalationDays }) : ""}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-800">
          {t("thresholds", {
            deadline: labels("deadline.at", { time: deadlineTime(centre.deadline), days: centre.deadline.daysAfter }),
            dormant: centre.thresholds.dormantDays,
            tolerance: centre.thresholds.disagreementTolerancePercent,
            places: centre.thresholds.rankDropPlaces,
          })}
          {user.role === "ADMIN" ? (
            <>
              {" "}
              <Link href="/admin/settings" className="font-semibold text-brand-700 underline">
                {t("changeThresholds")}
              </Link>
            </>
          ) : null}
        </p>
      </details>
    </div>
  );
}

/** "17:00": the deadline's time of day, for labels' "deadline.at" (as on the report page). */
function deadlineTime(deadline: { hour: number; minute: number }): string {
  return `${String(deadline.hour).padStart(2, "0")}:${String(deadline.minute).padStart(2, "0")}`;
}
