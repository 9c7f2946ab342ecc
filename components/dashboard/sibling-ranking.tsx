import type { ReactNode } from "react";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { NoCompleteDayNote, PartialDayNotice, StillComingIn } from "@/components/dashboard/completeness-notice";
import { FigureProvenance, OriginLines } from "@/components/dashboard/figure-provenance";
import { DayPicker } from "@/components/dashboard/day-picker";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { rankingChartHeight } from "@/components/charts/chart-payload";
import { LazyChart } from "@/components/charts/lazy-chart";
import { lazyChartWords } from "@/components/charts/lazy-chart-words";
import { RankChanges } from "@/components/dashboard/rank-change";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { SortLinks } from "@/components/dashboard/sort-links";
import type { CityPageResult } from "@/lib/data/city-page";
import { standingNoteText, standingValueLabel } from "@/lib/domain/chart-data";
import { getDomainText } from "@/i18n/domain-text";
import { capitalizeNoun, countedWord, withheldText } from "@/lib/domain/dashboard-format";
import { figureFormats } from "@/lib/domain/format";
import type { RankMetric } from "@/lib/domain/rank-metric";

// A parent's units ranked on one day (the city page: a province's districts; the country page: the
// provinces; a province's page: its districts): the parent's figures, the unit picked out, the
// ranking table and its chart. The pages differ only in their links, picker and headings.

export type SiblingRankingProps = {
  result: Extract<CityPageResult, { kind: "ok" }>;
  sort: RankMetric;
  /** the page itself for another day or metric (the other filters kept) */
  hrefFor: (filters: { day: string; sort: RankMetric }) => string;
  /** a ranked unit's own page on the day */
  unitHref: (code: string, day: string) => string;
  /** the day picker's other filters (hidden fields) */
  pickerHidden: [string, string][];
  /** the unit kept in the day picker's form (the city page's district) */
  pickerDistrict?: string;
  /** under the heading: links to other pages */
  links?: ReactNode;
  /** after the day picker: the unit picker, when the page has one */
  picker?: ReactNode;
  /** the parent's section heading ("Toàn thành phố", "Cả nước") */
  parentHeading: string;
  /** the chart's data route (/api/charts/city?…); none: no chart */
  chartSrc?: string;
  /** the prefix of test ids and element ids ("city", "country", "province") */
  idPrefix: string;
  /** the ranking table's test id, also the chart's id prefix ("district-ranking", "province-ranking") */
  tableId: string;
};

export async function SiblingRanking(props: SiblingRankingProps) {
  const { result, sort, hrefFor, idPrefix } = props;
  const t = await getTranslations("city");
  const { ranking, range, city, provenance, nouns } = result;
  const { day } = ranking;
  const own = ranking.highlighted;
  const f = figureFormats(parseLocale(await getLocale()));
  const dt = await getDomainText();
  const metricLabel = t(`metrics.${sort}`);
  // The words the page counts in, from the units' types: the parent's children ("quận, huyện, thị
  // xã", "tỉnh, thành phố"), and each child's own children in its row.
  const unitNoun = nouns.districts;
  const Units = capitalizeNoun(unitNoun);
  const childNounOf = (code: string) => nouns.wardsOf[code] ?? "xã, phường, thị trấn";
  const parentNouns = { children: unitNoun, ranked: unitNoun } as const;
  const origins = ranking.city.origins;
  const parentPartial = ranking.city.completeness.kind !== "complete";
  const partialUnits = ranking.districts.filter((d) => d.standing === "partial").length;
  const rankingReasons = [
    ranking.rankingChanges.day ? dt.text(withheldText(ranking.rankingChanges.day, 1, parentNouns)) : null,
    ranking.rankingChanges.week ? dt.text(withheldText(ranking.rankingChanges.week, 7, parentNouns)) : null,
  ].filter((r): r is string => r !== null);
  const ownChildNoun = own ? childNounOf(own.code) : null;
  const ownWhyText = own && ownChildNoun ? standingNoteText(own, sort, ownChildNoun) : null;
  const ownWhy = ownWhyText ? dt.text(ownWhyText) : null;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("heading", { city: city.name, noun: unitNoun })}</h1>
          <p className="text-slate-700">
            {t.rich("dayLine", { day: f.day(day), ranked: f.count(ranking.ranked), noun: unitNoun, time: (chunks) => <time dateTime={day}>{chunks}</time> })}
            {partialUnits > 0 ? t("partialUnits", { partial: f.count(partialUnits), noun: unitNoun }) : ""}
          </p>
          {props.links ? <p className="mt-1 text-sm">{props.links}</p> : null}
        </div>
        <DayPicker day={day} min={range.from} max={range.to} district={props.pickerDistrict} hidden={props.pickerHidden} />
      </div>
      {props.picker}

      {result.defaultDay === "latest-with-data" ? <NoCompleteDayNote noun={unitNoun} /> : null}
      <PartialDayNotice
        status={ranking.city.completeness}
        unitName={city.name}
        noun={unitNoun}
        lastComplete={range.lastComplete}
        lastCompleteHref={range.lastComplete && range.lastComplete !== day ? hrefFor({ day: range.lastComplete, sort }) : null}
        testId={`${idPrefix}-partial-day`}
      />
      <StillComingIn days={ranking.stillComingIn} noun={unitNoun} hrefFor={(d) => hrefFor({ day: d, sort })} />

      <section aria-labelledby={`${idPrefix}-kpi-heading`}>
        <h2 id={`${idPrefix}-kpi-heading`} className="mb-2 text-lg font-semibold">
          {props.parentHeading}
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard
            testId={`${idPrefix}-installs`}
            label={t("kpi.installs")}
            value={f.count(ranking.city.figure?.installs ?? null)}
            partial={parentPartial}
            origin={<OriginLines origin={origins.coverage} provenance={provenance.coverage} field="installs" noun={unitNoun} />}
          />
          <KpiCard
            testId={`${idPrefix}-coverage`}
            label={t("kpi.coverage")}
            value={f.percent(ranking.city.coverage)}
            partial={parentPartial}
            origin={<OriginLines origin={origins.coverage} provenance={provenance.coverage} field={null} noun={unitNoun} />}
          />
          <KpiCard
            testId={`${idPrefix}-qr-venues`}
            label={t("kpi.qrVenues")}
            value={f.count(ranking.city.figure?.qrVenues ?? null)}
            origin={<OriginLines origin={origins.qr} provenance={provenance.qr} field="qrVenues" noun={unitNoun} />}
          />
          <KpiCard
            testId={`${idPrefix}-active-venues`}
            label={t("kpi.activeVenues")}
            value={f.count(ranking.city.figure?.activeVenues ?? null)}
            detail={t("kpi.activeRate", { rate: f.percent(ranking.city.qrActive) })}
            origin={<OriginLines origin={origins.qr} provenance={provenance.qr} field="activeVenues" noun={unitNoun} />}
          />
        </dl>
        <FigureProvenance unitName={city.name} provenance={provenance} noun={unitNoun} testId={`${idPrefix}-provenance`} />
      </section>

      {own ? (
        <section aria-labelledby={`${idPrefix}-own-heading`} className="rounded-lg border-2 border-amber-700 bg-amber-50 p-4" data-testid={`${idPrefix}-highlight`}>
          <h2 id={`${idPrefix}-own-heading`} className="text-lg font-semibold">
            {own.name}
          </h2>
          <p className="text-slate-900">
            {t("standing", {
              place: own.rank === null ? t("notRanked", { why: ownWhy ?? t("noFigures") }) : t("rank", { rank: own.rank, ranked: ranking.ranked }),
              metric: metricLabel.toLowerCase(),
              value: standingValueLabel(own, sort),
            })}
            {own.standing === "partial" && ownChildNoun ? t("partialSum", { noun: ownChildNoun, counted: countedWord(ownChildNoun) }) : ""}
          </p>
          <p className="text-sm text-slate-900">
            <RankChanges
              inline
              day={own.rankChangeDay}
              week={own.rankChangeWeek}
              withheldDay={ranking.withheld.rankDay ? dt.text(withheldText(ranking.withheld.rankDay, 1, parentNouns)) : null}
              withheldWeek={ranking.withheld.rankWeek ? dt.text(withheldText(ranking.withheld.rankWeek, 7, parentNouns)) : null}
            />
          </p>
        </section>
      ) : null}

      <section aria-labelledby={`${idPrefix}-ranking-heading`} className="space-y-3">
        <h2 id={`${idPrefix}-ranking-heading`} className="text-lg font-semibold">
          {t("rankingHeading", { noun: unitNoun })}
        </h2>
        <SortLinks current={sort} label={t("sortLabel", { noun: unitNoun })} hrefFor={(m) => hrefFor({ day, sort: m })} />
        <RankingTable
          testId={props.tableId}
          rows={ranking.districts}
          metric={sort}
          caption={t("caption", { count: ranking.districts.length, noun: unitNoun, metric: metricLabel.toLowerCase() })}
          unitHeader={Units}
          noun={childNounOf}
          note={rankingReasons.length > 0 ? t("rankChanges", { reasons: rankingReasons.join("; ") }) : undefined}
          unitHref={(code) => props.unitHref(code, day)}
          highlightCode={own?.code}
        />
      </section>

      {props.chartSrc ? (
        <LazyChart
          kind="ranking"
          src={props.chartSrc}
          words={await lazyChartWords()}
          height={rankingChartHeight(ranking.chart.bars.filter((b) => b.value !== null).length)}
          id={`${props.tableId}-chart`}
          title={t("chartTitle", { units: Units, metric: metricLabel.toLowerCase(), day: f.day(day) })}
          description={(own ? t("chartHighlight", { district: own.name }) : "") + (ranking.chart.target ? t("chartTarget") : "") + t("chartPartial", { units: Units })}
        />
      ) : null}
    </div>
  );
}
