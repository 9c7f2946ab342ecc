import { Suspense } from "react";
import { AlertSummary } from "@/components/alerts/alert-summary";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoCompleteDayNote, StillComingIn } from "@/components/dashboard/completeness-notice";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { DenominatorRegister } from "@/components/dashboard/denominator-register";
import { DayPicker } from "@/components/dashboard/day-picker";
import { FigureSources } from "@/components/dashboard/figure-sources";
import { cityHref, overviewHref, wardHref } from "@/components/dashboard/hrefs";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { ParamError } from "@/components/dashboard/param-error";
import { RankChanges } from "@/components/dashboard/rank-change";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { VenueList } from "@/components/dashboard/venue-list";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { getWardPage } from "@/lib/data/ward-page";
import { getWardVenues } from "@/lib/data/ward-venues";
import { hasReported } from "@/lib/domain/completeness";
import { capitalizeNoun, standingText, withheldText } from "@/lib/domain/dashboard-format";
import { getDomainText } from "@/i18n/domain-text";
import { figureFormats, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import { wardWordText, wardWords } from "@/lib/domain/ward-detail";
import { isWardCode } from "@/lib/schemas/dashboard-params";
import { venueQueryOf, WardPageParamsSchema } from "@/lib/schemas/ward-page-params";
import { venueQueryParams, VENUE_LIST_ANCHOR } from "@/components/wards/venue-href";
import { CHART_HEIGHTS } from "@/components/charts/chart-payload";
import { LazyChart } from "@/components/charts/lazy-chart";
import { chartDataHref, lazyChartWords } from "@/components/charts/lazy-chart-words";

export const dynamic = "force-dynamic";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ward");
  return { title: t("metaTitle") };
}

type WardWords = Awaited<ReturnType<typeof getTranslations<"ward">>>;

/** What is still needed: "đã đạt" at 0, "không thể vượt" when out of reach, else the amount. */
function amountNeeded(t: WardWords, amount: number | "unreachable" | null, unit: "installsNeeded" | "venuesNeeded", count: (n: number) => string): string {
  if (amount === null) return MISSING_PLACEHOLDER;
  if (amount === "unreachable") return t("cannotPass");
  if (amount === 0) return t("reached");
  return t(unit, { count: count(amount) });
}

/** Days to a target: "20 ngày (06/09/2021)"; 0 → "đã đạt"; unreachable → "không đạt được". */
function daysToTarget(t: WardWords, days: number | "unreachable" | null, reachDay: string | null, f: ReturnType<typeof figureFormats>): string {
  if (days === null) return MISSING_PLACEHOLDER;
  if (days === "unreachable") return t("unreachable");
  if (days === 0) return t("reached");
  return reachDay === null ? t("daysToTarget", { days: f.count(days) }) : t("daysToTargetOn", { days: f.count(days), day: f.day(reachDay) });
}

export default async function WardPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { code } = await params;
  const t = await getTranslations("ward");
  const user = await requireUser(`/wards/${encodeURIComponent(code)}`);
  if (!isWardCode(code)) notFound();
  const parsed = WardPageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref={wardHref(code)} backLabel={t("backToLatest")} />;
  const venueQuery = venueQueryOf(parsed.data);

  const result = await orDeny(() => getWardPage(user, { wardCode: code, day: parsed.data.day }));
  if (result.kind === "unknown-ward") notFound();
  if (result.kind === "no-data") return <NoDataNotice unitName={result.ward.name} reporters={wardWords(result.ward.type, "").own} />;
  if (result.kind === "day-out-of-range") {
    return <DayOutOfRangeNotice unitName={result.ward.name} day={result.day} range={result.range} latestHref={wardHref(code, result.range.to)} />;
  }

  const { detail, range, district, denominators } = result;
  const { row, day, forecast } = detail;
  // One page of the ward's venues (after the page's day is known: the default is the district's latest whole day).
  const venues = await orDeny(() => getWardVenues(user, { wardCode: code, day, query: venueQuery }));
  // The charts' series (and the policy phases drawn on them) are fetched by the charts themselves
  // when they come near the screen (app/api/charts/ward/[code]): one request for all of them.
  const chartSrc = chartDataHref(`/api/charts/ward/${encodeURIComponent(code)}`, new URLSearchParams({ day }));
  const chartWords = await lazyChartWords();
  const fmt = figureFormats(parseLocale(await getLocale()));
  const dt = await getDomainText();
  const NOT_REPORTED_LABEL = t("notReportedLabel");
  const NO_SMARTPHONES_LABEL = t("noSmartphones");
  const NO_QR_VENUES_LABEL = t("noQrVenues");
  const f = row.figure;
  const coverageTarget = row.targets.coverage;
  const qrTarget = row.targets.qrActive;
  // "Chưa báo cáo" has one meaning (completeness.ts hasReported): no smartphones and installs,
  // whatever QR figures an import wrote. A ward that reported 0 smartphones did report: it has no
  // rate, no rank, no verdict and no forecast.
  const reported = hasReported(f);
  const noPhones = reported && f?.smartphones === 0;
  const noVenues = f?.qrVenues === 0;
  // The words of the page from the units' types: a xã or a thị trấn is not called "phường".
  const words = wardWords(result.ward.type, detail.wardNoun);
  const wardNouns = { children: words.siblings, ranked: words.siblings } as const;
  const rankWhyText = standingText(row.standing, row.origin, "coverage", words.siblings);
  const rankWhy = rankWhyText ? dt.text(rankWhyText) : null;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <nav aria-label={t("breadcrumb")} className="text-sm">
            <Link href={overviewHref({ day, district: district.code })} className="font-semibold text-brand-700 underline">
              {district.name}
            </Link>
            <span aria-hidden="true"> › </span>
            <span>{detail.ward.name}</span>
          </nav>
          <h1 className="text-2xl font-bold">{detail.ward.name}</h1>
          <p className="text-slate-700">
            {t.rich("figuresOfDay", { day: fmt.day(day), time: (chunks) => <time dateTime={day}>{chunks}</time> })} ·{" "}
            <Link href={cityHref({ day, district: district.code })} className="text-brand-700 underline">
              {t("cityRanking")}
            </Link>
          </p>
        </div>
        <DayPicker day={day} min={range.from} max={range.to} hidden={venueQueryParams({ ...venueQuery, page: 1 })} />
      </div>

      {result.defaultDay === "latest-with-data" ? <NoCompleteDayNote noun={words.siblings} /> : null}
      <StillComingIn days={result.stillComingIn} noun={words.siblings} hrefFor={(d) => wardHref(code, d)} />

      {!reported ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900" data-testid="ward-not-reported">
          {t(f !== null ? "notReportedPartial" : "notReported", { ward: detail.ward.name, day: fmt.day(day), own: dt.text(wardWordText(words.own)) })}
        </p>
      ) : null}
      {noPhones ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900" data-testid="ward-no-smartphones">
          {t("noPhones", { ward: detail.ward.name, day: fmt.day(day) })}
        </p>
      ) : null}

      <section aria-labelledby="ward-figures-heading">
        <h2 id="ward-figures-heading" className="mb-2 text-lg font-semibold">
          {t("figuresHeading")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard testId="ward-smartphones" label={t("smartphones")} value={fmt.count(f?.smartphones ?? null)} />
          <KpiCard testId="ward-installs" label={t("installs")} value={fmt.count(f?.installs ?? null)} />
          <KpiCard
            testId="ward-coverage"
            label={t("coverage")}
            value={!reported ? NOT_REPORTED_LABEL : noPhones ? "—" : fmt.percent(row.coverage)}
            detail={noPhones ? <span className="block">{NO_SMARTPHONES_LABEL}</span> : <StatusBadge status={row.coverageStatus} />}
          />
          <KpiCard
            testId="ward-rank"
            label={t("rankIn", { district: district.name })}
            value={row.rank === null ? (rankWhy ?? NOT_REPORTED_LABEL) : t("rankOf", { rank: fmt.count(row.rank), ranked: fmt.count(detail.ranked) })}
            detail={
              <>
                <RankChanges
                  day={row.rankChangeDay}
                  week={row.rankChangeWeek}
                  withheldDay={detail.withheld.rankDay ? dt.text(withheldText(detail.withheld.rankDay, 1, wardNouns)) : null}
                  withheldWeek={detail.withheld.rankWeek ? dt.text(withheldText(detail.withheld.rankWeek, 7, wardNouns)) : null}
                />
              </>
            }
          />
          <KpiCard testId="ward-qr-venues" label={t("qrVenues")} value={fmt.count(f?.qrVenues ?? null)} />
          <KpiCard testId="ward-active-venues" label={t("activeVenues")} value={fmt.count(f?.activeVenues ?? null)} />
          <KpiCard
            testId="ward-qr-active"
            label={t("qrActive")}
            value={f === null ? NOT_REPORTED_LABEL : noVenues ? "—" : fmt.percent(row.qrActive)}
            detail={noVenues ? <span className="block">{NO_QR_VENUES_LABEL}</span> : <StatusBadge status={row.qrActiveStatus} />}
          />
          <KpiCard testId="ward-scans" label={t("scans")} value={fmt.count(f?.scans ?? null)} />
        </dl>
      </section>

      <DenominatorRegister entries={denominators} day={day} />

      <Suspense fallback={<p role="status">{t("sourcesLoading")}</p>}>
        <FigureSources user={user} wardCode={code} day={day} noun={words.own} />
      </Suspense>

      <section aria-labelledby="ward-target-heading">
        <h2 id="ward-target-heading" className="mb-2 text-lg font-semibold">
          {t("targetHeading")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <KpiCard
            testId="ward-target-gap"
            label={coverageTarget ? t("coverageTargetGap", { target: fmt.percent({ num: coverageTarget.basisPoints, den: 10_000 }) }) : t("coverageTargetNone")}
            value={!coverageTarget ? t("noTarget") : noPhones ? "—" : amountNeeded(t, forecast?.gap ?? null, "installsNeeded", fmt.count)}
            detail={
              coverageTarget && noPhones ? (
                <span className="block">{t("noTargetNoForecast", { reason: NO_SMARTPHONES_LABEL })}</span>
              ) : coverageTarget ? (
                <>
                  <span className="block">
                    {t("pace", { pace: forecast?.pacePerDay != null ? t("pacePerDay", { count: fmt.count(forecast.pacePerDay) }) : "—" })}
                  </span>
                  <span className="block">{t("forecast", { when: daysToTarget(t, forecast?.days ?? null, forecast?.reachDay ?? null, fmt) })}</span>
                </>
              ) : undefined
            }
          />
          <KpiCard
            testId="ward-qr-target-gap"
            label={qrTarget ? t("qrTargetGap", { target: fmt.percent({ num: qrTarget.basisPoints, den: 10_000 }) }) : t("qrTargetNone")}
            value={!qrTarget ? t("noTarget") : noVenues ? "—" : amountNeeded(t, row.activeVenuesToTarget, "venuesNeeded", fmt.count)}
            detail={qrTarget && noVenues ? <span className="block">{t("noTargetReason", { reason: NO_QR_VENUES_LABEL })}</span> : undefined}
          />
          <KpiCard
            testId="ward-to-pass"
            label={t("toPass", { above: dt.text(wardWordText(words.above)) })}
            value={row.rank === null ? t("unranked", { why: rankWhy ?? NOT_REPORTED_LABEL }) : row.rank === 1 ? t("leading") : amountNeeded(t, row.toPassAbove, "installsNeeded", fmt.count)}
            detail={row.above ? <span className="block">{t("aboveIs", { above: capitalizeNoun(dt.text(wardWordText(words.above))), name: row.above.name })}</span> : undefined}
          />
        </dl>
      </section>

      <section aria-labelledby="ward-charts-heading" className="space-y-4">
        <h2 id="ward-charts-heading" className="text-lg font-semibold">
          {t("chartsHeading")}
        </h2>
        <LazyChart
          kind="coverageTrend" src={chartSrc} words={chartWords} height={CHART_HEIGHTS.coverageTrend} id="ward-coverage-trend"
          title={t("coverageTrendTitle", { ward: detail.ward.name, district: district.name })}
          description={t("coverageTrendDescription")}
        />
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <LazyChart
            kind="rankHistory" src={chartSrc} words={chartWords} height={CHART_HEIGHTS.rankHistory} id="ward-rank-history"
            title={t("rankHistoryTitle", { district: district.name })}
            description={t("rankHistoryDescription")}
          />
          <LazyChart kind="newInstalls" src={chartSrc} words={chartWords} height={CHART_HEIGHTS.newInstalls} id="ward-new-installs" title={t("newInstallsTitle")} description={t("newInstallsDescription")} />
        </div>
        <LazyChart
          kind="qrActivity" src={chartSrc} words={chartWords} height={CHART_HEIGHTS.qrActivity} id="ward-qr-activity"
          title={t("qrActivityTitle")}
          description={t("qrActivityDescription")}
        />
      </section>

      <section id={VENUE_LIST_ANCHOR} aria-labelledby="ward-venues-heading" className="scroll-mt-4 space-y-3">
        <h2 id="ward-venues-heading" className="text-lg font-semibold">
          {t("venuesHeading", { day: fmt.day(day) })}
        </h2>
        <VenueList wardCode={code} day={day} dayParam={parsed.data.day} query={venueQuery} list={venues} wardNoun={words.own} />
      </section>

      <div data-testid="ward-alerts">
        <Suspense fallback={<p role="status">{t("alertsLoading")}</p>}>
          <AlertSummary wardCode={code} day={day} />
        </Suspense>
      </div>
    </div>
  );
}
