import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { parseLocale } from "@/i18n/locales";
import { NoCompleteDayNote, PartialDayNotice, StillComingIn } from "@/components/dashboard/completeness-notice";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { FigureProvenance, OriginLines } from "@/components/dashboard/figure-provenance";
import { DayPicker } from "@/components/dashboard/day-picker";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { cityHref, cityQuery, overviewHref } from "@/components/dashboard/hrefs";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { rankingChartHeight } from "@/components/charts/chart-payload";
import { LazyChart } from "@/components/charts/lazy-chart";
import { chartDataHref, lazyChartWords } from "@/components/charts/lazy-chart-words";
import { ParamError } from "@/components/dashboard/param-error";
import { RankChanges } from "@/components/dashboard/rank-change";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { SortLinks } from "@/components/dashboard/sort-links";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getCityPage } from "@/lib/data/city-page";
import { standingNoteText, standingValueLabel } from "@/lib/domain/chart-data";
import { getDomainText } from "@/i18n/domain-text";
import { capitalizeNoun, countedWord, withheldText } from "@/lib/domain/dashboard-format";
import { figureFormats } from "@/lib/domain/format";
import { unitNoun } from "@/lib/domain/unit-wording";
import { DEFAULT_RANK_METRIC } from "@/lib/domain/rank-metric";
import { CityParamsSchema } from "@/lib/schemas/dashboard-params";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("city"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "DISTRICT_OFFICIAL", "CITY_OFFICIAL"], "/city");
  const t = await getTranslations("city");
  const parsed = CityParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/city" backLabel={t("backLatest")} />;
  const { district: districtParam, sort } = parsed.data;

  const result = await orDeny(() => getCityPage(user, { districtCode: districtParam, day: parsed.data.day, metric: sort }));
  if (result.kind === "unknown-district") notFound();
  const sortField: [string, string][] = sort === DEFAULT_RANK_METRIC ? [] : [["sort", sort]];
  // The district picked out decides the city shown; another one keeps the day asked for and the sort.
  const picker = (current: string) => (
    <Suspense fallback={null}>
      <DistrictPickerSection
        viewer={user}
        current={current}
        action="/city"
        submitLabel={t("openRanking")}
        hidden={[...(parsed.data.day ? ([["day", parsed.data.day]] as [string, string][]) : []), ...sortField]}
      />
    </Suspense>
  );
  if (result.kind === "no-data") {
    return (
      <div className="space-y-6">
        {picker(result.district.code)}
        <NoDataNotice unitName={result.city.name} reporters={unitNoun(result.city.childTypes, "DISTRICT")} />
      </div>
    );
  }
  if (result.kind === "day-out-of-range") {
    return (
      <div className="space-y-6">
        {picker(result.district.code)}
        <DayOutOfRangeNotice
          unitName={result.city.name}
          day={result.day}
          range={result.range}
          latestHref={cityHref({ day: result.range.to, district: districtParam, sort })}
        />
      </div>
    );
  }

  const { ranking, range, city, district, provenance, nouns } = result;
  const { day } = ranking;
  const own = ranking.highlighted;
  const f = figureFormats(parseLocale(await getLocale()));
  const dt = await getDomainText();
  const metricLabel = t(`metrics.${sort}`);
  // The words the page counts in, from the units' types: the city's districts ("quận, huyện, thị
  // xã"), and each district's wards ("phường", "xã, thị trấn") in its own row.
  const districtNoun = nouns.districts;
  const Districts = capitalizeNoun(districtNoun);
  const wardNounOf = (code: string) => nouns.wardsOf[code] ?? "xã, phường, thị trấn";
  const cityNouns = { children: districtNoun, ranked: districtNoun } as const;
  const origins = ranking.city.origins;
  const cityPartial = ranking.city.completeness.kind !== "complete";
  const partialDistricts = ranking.districts.filter((d) => d.standing === "partial").length;
  const rankingReasons = [
    ranking.rankingChanges.day ? dt.text(withheldText(ranking.rankingChanges.day, 1, cityNouns)) : null,
    ranking.rankingChanges.week ? dt.text(withheldText(ranking.rankingChanges.week, 7, cityNouns)) : null,
  ].filter((r): r is string => r !== null);
  const ownWardNoun = own ? wardNounOf(own.code) : null;
  const ownWhyText = own && ownWardNoun ? standingNoteText(own, sort, ownWardNoun) : null;
  const ownWhy = ownWhyText ? dt.text(ownWhyText) : null;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">
            {t("heading", { city: city.name, noun: districtNoun })}
          </h1>
          <p className="text-slate-700">
            {t.rich("dayLine", { day: f.day(day), ranked: f.count(ranking.ranked), noun: districtNoun, time: (chunks) => <time dateTime={day}>{chunks}</time> })}
            {partialDistricts > 0 ? t("partialUnits", { partial: f.count(partialDistricts), noun: districtNoun }) : ""}
          </p>
          <p className="mt-1 text-sm">
            <Link href={overviewHref({ day, district: districtParam })} className="font-semibold text-brand-700 underline">
              {t("overview", { district: district.name })}
            </Link>
          </p>
        </div>
        <DayPicker day={day} min={range.from} max={range.to} district={districtParam} hidden={sortField} />
      </div>
      {picker(district.code)}

      {result.defaultDay === "latest-with-data" ? <NoCompleteDayNote noun={districtNoun} /> : null}
      <PartialDayNotice
        status={ranking.city.completeness}
        unitName={city.name}
        noun={districtNoun}
        lastComplete={range.lastComplete}
        lastCompleteHref={range.lastComplete && range.lastComplete !== day ? cityHref({ day: range.lastComplete, district: districtParam, sort }) : null}
        testId="city-partial-day"
      />
      <StillComingIn days={ranking.stillComingIn} noun={districtNoun} hrefFor={(d) => cityHref({ day: d, district: districtParam, sort })} />

      <section aria-labelledby="city-kpi-heading">
        <h2 id="city-kpi-heading" className="mb-2 text-lg font-semibold">
          {t("cityHeading")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard
            testId="city-installs"
            label={t("kpi.installs")}
            value={f.count(ranking.city.figure?.installs ?? null)}
            partial={cityPartial}
            origin={<OriginLines origin={origins.coverage} provenance={provenance.coverage} field="installs" noun={districtNoun} />}
          />
          <KpiCard
            testId="city-coverage"
            label={t("kpi.coverage")}
            value={f.percent(ranking.city.coverage)}
            partial={cityPartial}
            origin={<OriginLines origin={origins.coverage} provenance={provenance.coverage} field={null} noun={districtNoun} />}
          />
          <KpiCard
            testId="city-qr-venues"
            label={t("kpi.qrVenues")}
            value={f.count(ranking.city.figure?.qrVenues ?? null)}
            origin={<OriginLines origin={origins.qr} provenance={provenance.qr} field="qrVenues" noun={districtNoun} />}
          />
          <KpiCard
            testId="city-active-venues"
            label={t("kpi.activeVenues")}
            value={f.count(ranking.city.figure?.activeVenues ?? null)}
            detail={t("kpi.activeRate", { rate: f.percent(ranking.city.qrActive) })}
            origin={<OriginLines origin={origins.qr} provenance={provenance.qr} field="activeVenues" noun={districtNoun} />}
          />
        </dl>
        <FigureProvenance unitName={city.name} provenance={provenance} noun={districtNoun} testId="city-provenance" />
      </section>

      {own ? (
        <section aria-labelledby="city-own-heading" className="rounded-lg border-2 border-amber-700 bg-amber-50 p-4" data-testid="city-highlight">
          <h2 id="city-own-heading" className="text-lg font-semibold">
            {own.name}
          </h2>
          <p className="text-slate-900">
            {t("standing", {
              place: own.rank === null ? t("notRanked", { why: ownWhy ?? t("noFigures") }) : t("rank", { rank: own.rank, ranked: ranking.ranked }),
              metric: metricLabel.toLowerCase(),
              value: standingValueLabel(own, sort),
            })}
            {own.standing === "partial" && ownWardNoun ? t("partialSum", { noun: ownWardNoun, counted: countedWord(ownWardNoun) }) : ""}
          </p>
          <p className="text-sm text-slate-900">
            <RankChanges
              inline
              day={own.rankChangeDay}
              week={own.rankChangeWeek}
              withheldDay={ranking.withheld.rankDay ? dt.text(withheldText(ranking.withheld.rankDay, 1, cityNouns)) : null}
              withheldWeek={ranking.withheld.rankWeek ? dt.text(withheldText(ranking.withheld.rankWeek, 7, cityNouns)) : null}
            />
          </p>
        </section>
      ) : null}

      <section aria-labelledby="city-ranking-heading" className="space-y-3">
        <h2 id="city-ranking-heading" className="text-lg font-semibold">
          {t("rankingHeading", { noun: districtNoun })}
        </h2>
        <SortLinks current={sort} label={t("sortLabel", { noun: districtNoun })} hrefFor={(m) => cityHref({ day, district: districtParam, sort: m })} />
        <RankingTable
          testId="district-ranking"
          rows={ranking.districts}
          metric={sort}
          caption={t("caption", { count: ranking.districts.length, noun: districtNoun, metric: metricLabel.toLowerCase() })}
          unitHeader={Districts}
          noun={wardNounOf}
          note={rankingReasons.length > 0 ? t("rankChanges", { reasons: rankingReasons.join("; ") }) : undefined}
          unitHref={(code) => overviewHref({ day, district: code })}
          highlightCode={district.code}
        />
      </section>

      <LazyChart
        kind="ranking"
        src={chartDataHref("/api/charts/city", cityQuery({ day, district: districtParam, sort }))}
        words={await lazyChartWords()}
        height={rankingChartHeight(ranking.chart.bars.filter((b) => b.value !== null).length)}
        id="district-ranking-chart"
        title={t("chartTitle", { units: Districts, metric: metricLabel.toLowerCase(), day: f.day(day) })}
        description={t("chartHighlight", { district: district.name }) + (ranking.chart.target ? t("chartTarget") : "") + t("chartPartial", { units: Districts })}
      />
    </div>
  );
}
