import { Suspense, type ReactNode } from "react";
import { AlertSummary } from "@/components/alerts/alert-summary";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "@/i18n/server";
import { CompareForm } from "@/components/dashboard/compare-form";
import { NoCompleteDayNote, PartialDayNotice, StillComingIn } from "@/components/dashboard/completeness-notice";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { FigureProvenance, OriginLines } from "@/components/dashboard/figure-provenance";
import { DayPicker } from "@/components/dashboard/day-picker";
import { DistrictDigest } from "@/components/digest/district-digest";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { cityHref, overviewHref, overviewQuery, wardHref } from "@/components/dashboard/hrefs";
import { localNoun } from "@/components/dashboard/local-noun";
import { CHART_HEIGHTS, rankingChartHeight, tileMapHeight } from "@/components/charts/chart-payload";
import { LazyChart } from "@/components/charts/lazy-chart";
import { chartDataHref, lazyChartWords } from "@/components/charts/lazy-chart-words";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { ParamError } from "@/components/dashboard/param-error";
import { RankChanges } from "@/components/dashboard/rank-change";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { SortLinks } from "@/components/dashboard/sort-links";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { MissingReportsToday } from "@/components/entry/missing-reports-today";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { getDistrictDashboard } from "@/lib/data/district-dashboard";
import { capitalizeNoun, isWardLevelNoun, originText, standingText, withheldText, type WithheldNouns } from "@/lib/domain/dashboard-format";
import type { Message } from "@/lib/domain/message";
import { getDomainText } from "@/i18n/domain-text";
import type { FigurePart } from "@/lib/domain/completeness";
import type { WithheldReason } from "@/lib/domain/dashboard-completeness";
import type { FigureField } from "@/lib/domain/figures";
import { figureFormats, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import { parseLocale } from "@/i18n/locales";
import { paceRounded } from "@/lib/domain/metrics";
import { DEFAULT_RANK_METRIC } from "@/lib/domain/rank-metric";
import { unitNoun } from "@/lib/domain/unit-wording";
import { DashboardParamsSchema } from "@/lib/schemas/dashboard-params";

// Reads the database on every request: never prerendered, so `next build` never opens it.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/");
  const t = await getTranslations("overview.page");
  const locale = parseLocale(await getLocale());
  const dt = await getDomainText();
  /** lib's wording of withheld changes, why a unit is not ranked and a sum's origin, in the reader's language */
  const withheldOf = (reason: WithheldReason, lag: number, nouns: WithheldNouns) => dt.text(withheldText(reason, lag, nouns));
  const textOrNull = (m: Message | null) => (m === null ? null : dt.text(m));
  const f = figureFormats(locale);
  const parsed = DashboardParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/" backLabel={t("latest")} />;
  const { district: districtParam, sort, compare } = parsed.data;

  const result = await orDeny(() =>
    getDistrictDashboard(user, { districtCode: districtParam, day: parsed.data.day, metric: sort, compare }),
  );
  if (result.kind === "unknown-district") notFound();
  // Another district keeps the day asked for (not the compared wards, which are this district's).
  // Hidden fields that keep the sort when a form changes its own filter.
  const sortField: [string, string][] = sort === DEFAULT_RANK_METRIC ? [] : [["sort", sort]];
  const picker = (current: string, keepDay: boolean) => (
    <Suspense fallback={null}>
      <DistrictPickerSection
        viewer={user}
        current={current}
        action="/"
        submitLabel={t("openOverview")}
        hidden={[...(keepDay && parsed.data.day ? ([["day", parsed.data.day]] as [string, string][]) : []), ...sortField]}
      />
    </Suspense>
  );
  if (result.kind === "no-data") {
    return (
      <div className="space-y-6">
        {picker(result.district.code, false)}
        <NoDataNotice unitName={result.district.name} reporters={unitNoun(result.district.childTypes, "WARD")} />
      </div>
    );
  }
  if (result.kind === "day-out-of-range") {
    return (
      <div className="space-y-6">
        {picker(result.district.code, true)}
        <DayOutOfRangeNotice
          unitName={result.district.name}
          day={result.day}
          range={result.range}
          latestHref={overviewHref({ day: result.range.to, district: districtParam, sort, compare })}
        />
      </div>
    );
  }

  const { dashboard, range, completeness, provenance, nouns } = result;
  const { overview, kpis, day, charts } = dashboard;
  const { district, city } = overview;
  // The charts' series (and the policy phases drawn on them) are fetched by the charts themselves
  // when they come near the screen (app/api/charts/overview): one request for all of them.
  const chartSrc = chartDataHref("/api/charts/overview", overviewQuery({ day, district: districtParam, sort, compare }));
  const chartWords = await lazyChartWords();
  const dayStatus = completeness.day;
  const partialDay = dayStatus.kind !== "complete";
  // The words the page counts in, from the units' types: "phường" or "xã, thị trấn"; "quận, huyện, thị xã".
  const wardNoun = nouns.wards;
  const districtNoun = nouns.districts;
  /** the same nouns in the interface's language ("wards", "districts" in English) */
  const wardsHere = localNoun(wardNoun, locale);
  const districtsHere = localNoun(districtNoun, locale);
  const Wards = capitalizeNoun(wardsHere);
  /** Wards "have reported"; districts "have complete figures" (countedWord in lib/domain/dashboard-format.ts). */
  const wardLevel = isWardLevelNoun(wardNoun) ? "ward" : "other";
  /** "quận", "huyện", "thị xã": what the district is (a noun in a sentence) */
  const districtWord = locale === "vi" ? (result.district.type ?? "quận").toLocaleLowerCase("vi") : "district";
  /** What is missing to a target: an amount of installs or venues, reached, or out of reach. */
  const amountNeeded = (amount: number | "unreachable" | null, unit: "installs" | "venues") =>
    amount === null ? MISSING_PLACEHOLDER : amount === "unreachable" ? t("amount.unreachable") : amount === 0 ? t("amount.reached") : t(`amount.${unit}`, { count: f.count(amount) });
  /** How many days the 7-day pace needs to reach the target (and on which day). */
  const daysToTarget = (days: number | "unreachable" | null, reachDay: string | null) =>
    days === null
      ? MISSING_PLACEHOLDER
      : days === "unreachable"
        ? t("days.unreachable")
        : days === 0
          ? t("days.reached")
          : reachDay === null
            ? t("days.count", { days })
            : t("days.countOn", { days, day: f.day(reachDay) });
  const districtNouns = { children: wardNoun, ranked: districtNoun } as const;
  /** A change the KPI gives, or why it is withheld. */
  const change = (value: number | null, format: (v: number | null) => string, since: "sinceDay" | "sinceWeek", reason: WithheldReason | null, lag: number) =>
    value !== null ? t(since, { value: format(value) }) : reason ? withheldOf(reason, lag, districtNouns) : t(since, { value: MISSING_PLACEHOLDER });
  /** Two lines that say the same (both changes withheld because of the day shown) are said once. */
  const unique = (lines: readonly string[]) => lines.filter((line, i) => lines.indexOf(line) === i);
  const coverageOrigin = district.origins.coverage;
  const rankWhy = textOrNull(standingText(district.standing, coverageOrigin, "coverage", wardNoun));
  const filters = { day, district: districtParam, sort, compare };
  // Hidden fields that keep the other filters when one form changes its own (sortField above).
  const compareFields = compare.map((c): [string, string] => ["compare", c]);
  const dayAndDistrict: [string, string][] = districtParam ? [["day", day], ["district", districtParam]] : [["day", day]];
  const coverageTarget = dashboard.targets.coverage;
  const qrTarget = dashboard.targets.qrActive;
  const forecast = kpis.forecast;
  const metric = (await getTranslations("overview.sort"))(`metrics.${sort}`).toLocaleLowerCase(locale);
  const reportedWards = { counted: f.count(overview.wards.length - overview.wardsNotReported.length), total: f.count(overview.wards.length), noun: wardsHere, level: wardLevel };
  const qrPartial = district.origins.qr?.kind === "sum" && district.origins.qr.counted < district.origins.qr.total;
  const scansPartial = district.origins.scans?.kind === "sum" && district.origins.scans.counted < district.origins.scans.total;
  const wardNouns = { children: wardNoun, ranked: wardNoun } as const;
  const wardRankReasons = [
    completeness.wardRankChanges.day ? withheldOf(completeness.wardRankChanges.day, 1, wardNouns) : null,
    completeness.wardRankChanges.week ? withheldOf(completeness.wardRankChanges.week, 7, wardNouns) : null,
  ].filter((r): r is string => r !== null);
  const wardRankNote = wardRankReasons.length > 0 ? t("rankChangeNote", { reasons: wardRankReasons.join("; ") }) : undefined;
  /** A KPI of one of the district's counts (a field of a part: coverage, QR, scans) and where it comes from; `field` null: the part's rate. */
  const partCard = (card: { testId: string; label: string; part: FigurePart; field: FigureField | null; value: string; partial: boolean; detail?: ReactNode }) => (
    <KpiCard
      testId={card.testId}
      label={card.label}
      value={card.value}
      partial={card.partial}
      origin={<OriginLines origin={district.origins[card.part]} provenance={provenance.district[card.part]} field={card.field} noun={wardNoun} />}
      detail={card.detail}
    />
  );
  const countCard = (testId: string, label: string, part: FigurePart, field: FigureField, partial: boolean, detail?: ReactNode) =>
    partCard({ testId, label, part, field, value: f.count(district.figure?.[field] ?? null), partial, detail });

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{district.name}</h1>
          <p className="text-slate-700">
            {t.rich("dayLine", { day: f.day(day), city: city.name, time: (chunks) => <time dateTime={day}>{chunks}</time> })}
          </p>
          <p className="mt-1 text-sm">
            <Link href={cityHref({ day, district: districtParam })} className="font-semibold text-brand-700 underline">
              {t("cityRanking", { noun: districtsHere, city: city.name })}
            </Link>
          </p>
        </div>
        <DayPicker day={day} min={range.from} max={range.to} district={districtParam} hidden={[...sortField, ...compareFields]} />
      </div>
      {picker(district.code, true)}

      {result.defaultDay === "latest-with-data" ? <NoCompleteDayNote noun={wardNoun} /> : null}
      <PartialDayNotice
        status={dayStatus}
        unitName={district.name}
        noun={wardNoun}
        lastComplete={range.lastComplete}
        lastCompleteHref={range.lastComplete && range.lastComplete !== day ? overviewHref({ ...filters, day: range.lastComplete }) : null}
      />
      <StillComingIn days={completeness.stillComingIn} noun={wardNoun} hrefFor={(d) => overviewHref({ ...filters, day: d })} />

      <section aria-labelledby="bluezone-heading">
        <h2 id="bluezone-heading" className="mb-2 text-lg font-semibold">
          {t("bluezone")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {countCard("kpi-smartphones", t("smartphones"), "coverage", "smartphones", partialDay)}
          {countCard(
            "kpi-installs",
            t("installs"),
            "coverage",
            "installs",
            partialDay,
            <>
              <span className="block">{change(kpis.installsChangeDay, f.signedCount, "sinceDay", completeness.withheld.installsDay, 1)}</span>
              <span className="block">
                {t("pace", { pace: kpis.newInstallsPace ? t("perDay", { count: f.count(paceRounded(kpis.newInstallsPace)) }) : MISSING_PLACEHOLDER })}
              </span>
            </>,
          )}
          {partCard({
            testId: "kpi-coverage",
            label: t("coverage"),
            part: "coverage",
            field: null,
            value: district.figure?.smartphones === 0 ? MISSING_PLACEHOLDER : f.percent(district.coverage),
            partial: partialDay,
            detail: (
              <>
                {district.figure?.smartphones === 0 ? <span className="block">{t("noSmartphones")}</span> : null}
                <StatusBadge status={kpis.coverageStatus} />
                {unique([
                  change(kpis.coverageChangeDay, f.percentPointChange, "sinceDay", completeness.withheld.coverageDay, 1),
                  change(kpis.coverageChangeWeek, f.percentPointChange, "sinceWeek", completeness.withheld.coverageWeek, 7),
                ]).map((line) => (
                  <span key={line} className="block">
                    {line}
                  </span>
                ))}
              </>
            ),
          })}
          <KpiCard
            testId="kpi-rank"
            label={t("rankIn", { city: city.name.replace(/^Thành phố /, "") })}
            value={district.rankInCity === null ? (rankWhy ?? MISSING_PLACEHOLDER) : t("rank", { rank: district.rankInCity })}
            partial={partialDay}
            detail={
              <>
                {district.rankInCity !== null ? (
                  <span className="block">
                    {t("rankedOf", { count: district.districtsRanked, noun: districtsHere })}
                  </span>
                ) : (
                  <span className="block">
                    {t("rankedOnlyWhole", { unit: districtWord, count: district.districtsRanked, noun: districtsHere })}
                  </span>
                )}
                <RankChanges
                  day={kpis.rankChangeDay}
                  week={kpis.rankChangeWeek}
                  withheldDay={completeness.withheld.rankDay ? withheldOf(completeness.withheld.rankDay, 1, districtNouns) : null}
                  withheldWeek={completeness.withheld.rankWeek ? withheldOf(completeness.withheld.rankWeek, 7, districtNouns) : null}
                />
              </>
            }
          />
        </dl>
        {coverageTarget ? (
          <dl className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
            <KpiCard
              testId="kpi-target"
              label={t("targetGap", { target: f.percent({ num: coverageTarget.basisPoints, den: 10_000 }) })}
              value={partialDay ? MISSING_PLACEHOLDER : amountNeeded(forecast?.gap ?? null, "installs")}
              partial={partialDay}
              detail={
                partialDay ? (
                  <span className="block">{t("notComputedPartial", { counted: f.count(dayStatus.counted), total: f.count(dayStatus.total), noun: wardsHere })}</span>
                ) : district.figure?.smartphones === 0 ? (
                  <span className="block">{t("noTargetNoSmartphones")}</span>
                ) : (
                  <span className="block">
                    {t("atPace", { days: daysToTarget(forecast?.days ?? null, forecast?.reachDay ?? null) })}
                  </span>
                )
              }
            />
          </dl>
        ) : null}
        <p className="mt-2 text-sm text-slate-700" data-testid="city-coverage-line">
          {city.origins.coverage ? (
            t("cityCoverage", { installs: f.count(city.figure?.installs ?? null), rate: f.percent(city.coverage), origin: textOrNull(originText(city.origins.coverage, districtNoun)) ?? "" })
          ) : (
            t("cityCoverageNone", { noun: districtsHere, counted: f.count(completeness.city.counted), total: f.count(completeness.city.total) })
          )}
        </p>
        <FigureProvenance unitName={district.name} provenance={provenance.district} noun={wardNoun} testId="district-provenance" />
      </section>

      <section aria-labelledby="qr-heading">
        <h2 id="qr-heading" className="mb-2 text-lg font-semibold">
          {t("qr")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {countCard("kpi-qr-venues", t("qrVenues"), "qr", "qrVenues", qrPartial)}
          {countCard("kpi-active-venues", t("activeVenues"), "qr", "activeVenues", qrPartial)}
          {partCard({
            testId: "kpi-qr-active",
            label: t("qrActive"),
            part: "qr",
            field: null,
            value: f.percent(district.qrActive),
            partial: qrPartial,
            detail: (
              <>
                {district.figure?.qrVenues === 0 ? <span className="block">{t("noQrVenues")}</span> : null}
                <StatusBadge status={kpis.qrActiveStatus} />
                {qrTarget ? (
                  <span className="block">
                    {qrPartial
                      ? t("qrTargetPartial", { target: f.percent({ num: qrTarget.basisPoints, den: 10_000 }) })
                      : district.figure?.qrVenues === 0
                        ? t("qrTargetNone", { target: f.percent({ num: qrTarget.basisPoints, den: 10_000 }) })
                        : t("qrTargetGap", { target: f.percent({ num: qrTarget.basisPoints, den: 10_000 }), gap: amountNeeded(kpis.activeVenuesToTarget, "venues") })}
                  </span>
                ) : null}
              </>
            ),
          })}
          {countCard("kpi-scans", t("scans"), "scans", "scans", scansPartial)}
          <KpiCard
            testId="kpi-zero-scan-wards"
            label={t("zeroScanWards", { Noun: Wards })}
            value={f.count(overview.wardsWithZeroScans.length)}
            detail={overview.wardsWithZeroScans.map((w) => w.name).join(", ") || undefined}
          />
          <KpiCard
            testId="kpi-not-reported-wards"
            label={t("notReportedWards", { Noun: Wards })}
            value={f.count(overview.wardsNotReported.length)}
            detail={
              overview.wardsNotReported.length > 0 || overview.wardsWithoutSmartphones.length > 0 ? (
                <>
                  {overview.wardsNotReported.length > 0 ? <span className="block">{overview.wardsNotReported.map((w) => w.name).join(", ")}</span> : null}
                  {overview.wardsWithoutSmartphones.length > 0 ? (
                    <span className="block" data-testid="wards-without-smartphones">
                      {t("reportedNoSmartphones", { names: overview.wardsWithoutSmartphones.map((w) => w.name).join(", ") })}
                    </span>
                  ) : null}
                </>
              ) : undefined
            }
            origin={t("reportedCount", reportedWards)}
          />
        </dl>
        <p className="mt-2 text-sm text-slate-700" data-testid="city-qr-line">
          {t("cityQr", {
            qrVenues: f.count(city.figure?.qrVenues ?? null),
            activeVenues: f.count(city.figure?.activeVenues ?? null),
            origin: city.origins.qr ? t("cityQrOrigin", { origin: textOrNull(originText(city.origins.qr, districtNoun)) ?? "" }) : "",
          })}
        </p>
      </section>

      {overview.wardsNotReported.length > 0 ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900" data-testid="not-reported">
          {t("notReported", { count: overview.wardsNotReported.length, names: overview.wardsNotReported.map((w) => w.name).join(", ") })}
        </p>
      ) : null}

      <MissingReportsToday user={user} districtCode={district.code} viewedDay={day} />

      <Suspense fallback={<p role="status">{t("alertsLoading")}</p>}>
        <AlertSummary districtCode={district.code} day={day} />
      </Suspense>

      <section aria-labelledby="ranking-heading" className="space-y-3">
        <h2 id="ranking-heading" className="text-lg font-semibold">
          {t("ranking", { noun: wardsHere })}
        </h2>
        <SortLinks current={sort} label={t("rankBy", { noun: wardsHere })} hrefFor={(m) => overviewHref({ ...filters, sort: m })} />
        <RankingTable
          testId="ward-ranking"
          rows={dashboard.wards}
          metric={sort}
          caption={t("rankingCaption", { ...reportedWards, count: f.count(dashboard.wards.length), metric })}
          note={wardRankNote}
          unitHeader={Wards}
          unitHref={(code) => wardHref(code, day)}
          detailsSrc={chartSrc}
        />
      </section>

      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-lg font-semibold">
          {t("charts")}
        </h2>
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <LazyChart
            kind="ranking"
            src={chartSrc}
            words={chartWords}
            id="ward-ranking-chart"
            title={t("rankingChart", { Noun: Wards, metric, day: f.day(day) })}
            description={charts.rankingTarget ? t("rankingChartText") : undefined}
            height={rankingChartHeight(charts.ranking.filter((b) => b.value !== null).length)}
          />
          <LazyChart
            kind="tiles"
            src={chartSrc}
            words={chartWords}
            height={tileMapHeight(charts.tiles.length)}
            id="ward-map"
            title={t("tileMap", { noun: wardsHere, metric })}
            description={t("tileMapText", reportedWards)}
          />
        </div>
        <LazyChart
          kind="coverageTrend"
          src={chartSrc}
          words={chartWords}
          height={CHART_HEIGHTS.coverageTrend}
          id="coverage-trend"
          title={t("trend", { district: district.name, noun: wardsHere })}
          description={t("trendText", { noun: wardsHere, unit: districtWord })}
        />
        <CompareForm
          wards={dashboard.wardUnits}
          noun={wardNoun}
          chosen={dashboard.comparedWards.map((w) => w.code)}
          hidden={[...dayAndDistrict, ...sortField]}
        />
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <LazyChart
            kind="newInstalls"
            src={chartSrc}
            words={chartWords}
            height={CHART_HEIGHTS.newInstalls}
            id="new-installs"
            title={t("newInstalls", { district: district.name })}
            description={t("newInstallsText")}
          />
          <LazyChart
            kind="qrActivity"
            src={chartSrc}
            words={chartWords}
            height={CHART_HEIGHTS.qrActivity}
            id="qr-activity"
            title={t("qrActivity", { district: district.name })}
            description={t("qrActivityText")}
          />
        </div>
      </section>

      {/* The morning digest of this day as a message to paste into Zalo or SMS (issue 17): the
          same words as the e-mail, from the same cached figures. */}
      <Suspense fallback={null}>
        <DistrictDigest user={user} districtCode={district.code} day={day} />
      </Suspense>
    </div>
  );
}
