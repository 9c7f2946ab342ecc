import { Suspense, type ReactNode } from "react";
import { AlertSummary } from "@/components/alerts/alert-summary";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareForm } from "@/components/dashboard/compare-form";
import { NoCompleteDayNote, PartialDayNotice, StillComingIn } from "@/components/dashboard/completeness-notice";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { FigureProvenance, OriginLines } from "@/components/dashboard/figure-provenance";
import { DayPicker } from "@/components/dashboard/day-picker";
import { DistrictDigest } from "@/components/digest/district-digest";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { cityHref, overviewHref, overviewQuery, wardHref } from "@/components/dashboard/hrefs";
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
import {
  capitalizeNoun,
  countedWord,
  formatAmountNeeded,
  formatDaysToTarget,
  formatOrigin,
  formatStanding,
  formatWithheld,
  NO_SMARTPHONES_LABEL,
} from "@/lib/domain/dashboard-format";
import type { FigurePart } from "@/lib/domain/completeness";
import type { WithheldReason } from "@/lib/domain/dashboard-completeness";
import type { FigureField } from "@/lib/domain/figures";
import { formatCount, formatDay, formatPercent, formatPercentPointChange, formatSignedCount } from "@/lib/domain/format";
import { NO_QR_VENUES_LABEL } from "@/lib/domain/dashboard-format";
import { paceRounded } from "@/lib/domain/metrics";
import { DEFAULT_RANK_METRIC, RANK_METRIC_LABELS } from "@/lib/domain/rank-metric";
import { unitNoun } from "@/lib/domain/unit-wording";
import { DashboardParamsSchema } from "@/lib/schemas/dashboard-params";

// Reads the database on every request: never prerendered, so `next build` never opens it.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/");
  const parsed = DashboardParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/" backLabel="Xem số liệu mới nhất" />;
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
        submitLabel="Mở tổng quan"
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
  const Wards = capitalizeNoun(wardNoun);
  /** "quận", "huyện", "thị xã": what the district is (a noun in a sentence) */
  const districtWord = (result.district.type ?? "quận").toLocaleLowerCase("vi");
  const districtNouns = { children: wardNoun, ranked: districtNoun } as const;
  /** A change the KPI gives, or why it is withheld. */
  const change = (value: number | null, format: (v: number | null) => string, since: string, reason: WithheldReason | null, lag: number) =>
    value !== null ? `${format(value)} ${since}` : reason ? formatWithheld(reason, lag, districtNouns) : `— ${since}`;
  /** Two lines that say the same (both changes withheld because of the day shown) are said once. */
  const unique = (lines: readonly string[]) => lines.filter((line, i) => lines.indexOf(line) === i);
  const coverageOrigin = district.origins.coverage;
  const rankWhy = formatStanding(district.standing, coverageOrigin, "coverage", wardNoun);
  const filters = { day, district: districtParam, sort, compare };
  // Hidden fields that keep the other filters when one form changes its own (sortField above).
  const compareFields = compare.map((c): [string, string] => ["compare", c]);
  const dayAndDistrict: [string, string][] = districtParam ? [["day", day], ["district", districtParam]] : [["day", day]];
  const coverageTarget = dashboard.targets.coverage;
  const qrTarget = dashboard.targets.qrActive;
  const forecast = kpis.forecast;
  const metricLabel = RANK_METRIC_LABELS[sort];
  const qrPartial = district.origins.qr?.kind === "sum" && district.origins.qr.counted < district.origins.qr.total;
  const scansPartial = district.origins.scans?.kind === "sum" && district.origins.scans.counted < district.origins.scans.total;
  const wardNouns = { children: wardNoun, ranked: wardNoun } as const;
  const wardRankReasons = [
    completeness.wardRankChanges.day ? formatWithheld(completeness.wardRankChanges.day, 1, wardNouns) : null,
    completeness.wardRankChanges.week ? formatWithheld(completeness.wardRankChanges.week, 7, wardNouns) : null,
  ].filter((r): r is string => r !== null);
  const wardRankNote = wardRankReasons.length > 0 ? `Thay đổi hạng: ${wardRankReasons.join("; ")}.` : undefined;
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
    partCard({ testId, label, part, field, value: formatCount(district.figure?.[field] ?? null), partial, detail });

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{district.name}</h1>
          <p className="text-slate-700">
            Tổng quan ngày <time dateTime={day}>{formatDay(day)}</time> · {city.name}
          </p>
          <p className="mt-1 text-sm">
            <Link href={cityHref({ day, district: districtParam })} className="font-semibold text-brand-700 underline">
              Xếp hạng các {districtNoun} của {city.name}
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
          Cài đặt Bluezone
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {countCard("kpi-smartphones", "Điện thoại thông minh", "coverage", "smartphones", partialDay)}
          {countCard(
            "kpi-installs",
            "Đã cài Bluezone",
            "coverage",
            "installs",
            partialDay,
            <>
              <span className="block">{change(kpis.installsChangeDay, formatSignedCount, "so với hôm trước", completeness.withheld.installsDay, 1)}</span>
              <span className="block">
                Trung bình 7 ngày: {kpis.newInstallsPace ? `${formatCount(paceRounded(kpis.newInstallsPace))} lượt/ngày` : "—"}
              </span>
            </>,
          )}
          {partCard({
            testId: "kpi-coverage",
            label: "Tỷ lệ cài đặt",
            part: "coverage",
            field: null,
            value: district.figure?.smartphones === 0 ? "—" : formatPercent(district.coverage),
            partial: partialDay,
            detail: (
              <>
                {district.figure?.smartphones === 0 ? <span className="block">{NO_SMARTPHONES_LABEL}</span> : null}
                <StatusBadge status={kpis.coverageStatus} />
                {unique([
                  change(kpis.coverageChangeDay, formatPercentPointChange, "so với hôm trước", completeness.withheld.coverageDay, 1),
                  change(kpis.coverageChangeWeek, formatPercentPointChange, "so với tuần trước", completeness.withheld.coverageWeek, 7),
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
            label={`Xếp hạng trong ${city.name.replace(/^Thành phố /, "")}`}
            value={district.rankInCity === null ? (rankWhy ?? "—") : `hạng ${district.rankInCity}`}
            partial={partialDay}
            detail={
              <>
                {district.rankInCity !== null ? (
                  <span className="block">
                    trên {district.districtsRanked} {districtNoun} có số liệu đầy đủ
                  </span>
                ) : (
                  <span className="block">
                    chỉ xếp hạng khi số liệu của {districtWord} đầy đủ ({district.districtsRanked} {districtNoun} được xếp hạng)
                  </span>
                )}
                <RankChanges
                  day={kpis.rankChangeDay}
                  week={kpis.rankChangeWeek}
                  withheldDay={completeness.withheld.rankDay ? formatWithheld(completeness.withheld.rankDay, 1, districtNouns) : null}
                  withheldWeek={completeness.withheld.rankWeek ? formatWithheld(completeness.withheld.rankWeek, 7, districtNouns) : null}
                />
              </>
            }
          />
        </dl>
        {coverageTarget ? (
          <dl className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
            <KpiCard
              testId="kpi-target"
              label={`Còn thiếu để đạt mục tiêu ${formatPercent({ num: coverageTarget.basisPoints, den: 10_000 })}`}
              value={partialDay ? "—" : formatAmountNeeded(forecast?.gap ?? null, "lượt cài")}
              partial={partialDay}
              detail={
                partialDay ? (
                  <span className="block">không tính khi số liệu chưa đầy đủ ({dayStatus.counted}/{dayStatus.total} {wardNoun})</span>
                ) : district.figure?.smartphones === 0 ? (
                  <span className="block">{NO_SMARTPHONES_LABEL}: không có mục tiêu để tính</span>
                ) : (
                  <span className="block">
                    Với tốc độ 7 ngày qua: {formatDaysToTarget(forecast?.days ?? null, forecast?.reachDay ?? null)}
                  </span>
                )
              }
            />
          </dl>
        ) : null}
        <p className="mt-2 text-sm text-slate-700" data-testid="city-coverage-line">
          {city.origins.coverage ? (
            <>
              Toàn thành phố: {formatCount(city.figure?.installs ?? null)} lượt cài đặt, tỷ lệ {formatPercent(city.coverage)} (
              {formatOrigin(city.origins.coverage, districtNoun)}).
            </>
          ) : (
            <>
              Toàn thành phố: chưa có số liệu cài đặt đủ của {districtNoun} nào ({formatCount(completeness.city.counted)}/
              {formatCount(completeness.city.total)} {districtNoun} đủ số liệu).
            </>
          )}
        </p>
        <FigureProvenance unitName={district.name} provenance={provenance.district} noun={wardNoun} testId="district-provenance" />
      </section>

      <section aria-labelledby="qr-heading">
        <h2 id="qr-heading" className="mb-2 text-lg font-semibold">
          Quét mã QR
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {countCard("kpi-qr-venues", "Địa điểm tạo mã QR", "qr", "qrVenues", qrPartial)}
          {countCard("kpi-active-venues", "Địa điểm có lượt quét", "qr", "activeVenues", qrPartial)}
          {partCard({
            testId: "kpi-qr-active",
            label: "Tỷ lệ địa điểm có lượt quét",
            part: "qr",
            field: null,
            value: formatPercent(district.qrActive),
            partial: qrPartial,
            detail: (
              <>
                {district.figure?.qrVenues === 0 ? <span className="block">{NO_QR_VENUES_LABEL}</span> : null}
                <StatusBadge status={kpis.qrActiveStatus} />
                {qrTarget ? (
                  <span className="block">
                    Mục tiêu {formatPercent({ num: qrTarget.basisPoints, den: 10_000 })}:{" "}
                    {qrPartial
                      ? "không tính khi số liệu chưa đầy đủ"
                      : district.figure?.qrVenues === 0
                        ? "không tính"
                        : `còn thiếu ${formatAmountNeeded(kpis.activeVenuesToTarget, "địa điểm")}`}
                  </span>
                ) : null}
              </>
            ),
          })}
          {countCard("kpi-scans", "Lượt quét trong ngày", "scans", "scans", scansPartial)}
          <KpiCard
            testId="kpi-zero-scan-wards"
            label={`${Wards} không có lượt quét`}
            value={formatCount(overview.wardsWithZeroScans.length)}
            detail={overview.wardsWithZeroScans.map((w) => w.name).join(", ") || undefined}
          />
          <KpiCard
            testId="kpi-not-reported-wards"
            label={`${Wards} chưa báo cáo`}
            value={formatCount(overview.wardsNotReported.length)}
            detail={
              overview.wardsNotReported.length > 0 || overview.wardsWithoutSmartphones.length > 0 ? (
                <>
                  {overview.wardsNotReported.length > 0 ? <span className="block">{overview.wardsNotReported.map((w) => w.name).join(", ")}</span> : null}
                  {overview.wardsWithoutSmartphones.length > 0 ? (
                    <span className="block" data-testid="wards-without-smartphones">
                      Đã báo cáo, {NO_SMARTPHONES_LABEL}: {overview.wardsWithoutSmartphones.map((w) => w.name).join(", ")}
                    </span>
                  ) : null}
                </>
              ) : undefined
            }
            origin={`${formatCount(overview.wards.length - overview.wardsNotReported.length)}/${formatCount(overview.wards.length)} ${wardNoun} ${countedWord(wardNoun)} (có số điện thoại thông minh và lượt cài)`}
          />
        </dl>
        <p className="mt-2 text-sm text-slate-700" data-testid="city-qr-line">
          Toàn thành phố: {formatCount(city.figure?.qrVenues ?? null)} địa điểm tạo mã QR, {formatCount(city.figure?.activeVenues ?? null)} địa
          điểm phát sinh lượt quét trong ngày{city.origins.qr ? ` (${formatOrigin(city.origins.qr, districtNoun)})` : ""}.
        </p>
      </section>

      {overview.wardsNotReported.length > 0 ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900" data-testid="not-reported">
          Chưa báo cáo ({overview.wardsNotReported.length}): {overview.wardsNotReported.map((w) => w.name).join(", ")}
        </p>
      ) : null}

      <MissingReportsToday user={user} districtCode={district.code} viewedDay={day} />

      <Suspense fallback={<p role="status">Đang tính cảnh báo…</p>}>
        <AlertSummary districtCode={district.code} day={day} />
      </Suspense>

      <section aria-labelledby="ranking-heading" className="space-y-3">
        <h2 id="ranking-heading" className="text-lg font-semibold">
          Xếp hạng {wardNoun}
        </h2>
        <SortLinks current={sort} label={`Xếp hạng ${wardNoun} theo chỉ số`} hrefFor={(m) => overviewHref({ ...filters, sort: m })} />
        <RankingTable
          testId="ward-ranking"
          rows={dashboard.wards}
          metric={sort}
          caption={`Xếp hạng ${dashboard.wards.length} ${wardNoun} theo ${metricLabel.toLowerCase()} · ${overview.wards.length - overview.wardsNotReported.length}/${overview.wards.length} ${wardNoun} ${countedWord(wardNoun)}`}
          note={wardRankNote}
          unitHeader={Wards}
          unitHref={(code) => wardHref(code, day)}
        />
      </section>

      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-lg font-semibold">
          Biểu đồ
        </h2>
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <LazyChart
            kind="ranking"
            src={chartSrc}
            words={chartWords}
            id="ward-ranking-chart"
            title={`${Wards} theo ${metricLabel.toLowerCase()}, ngày ${formatDay(day)}`}
            description={charts.rankingTarget ? "Màu theo mức đạt mục tiêu; đường đứt nét là mục tiêu." : undefined}
            height={rankingChartHeight(charts.ranking.filter((b) => b.value !== null).length)}
          />
          <LazyChart
            kind="tiles"
            src={chartSrc}
            words={chartWords}
            height={tileMapHeight(charts.tiles.length)}
            id="ward-map"
            title={`Bản đồ ô các ${wardNoun}: ${metricLabel.toLowerCase()}`}
            description={`Mỗi ô là một đơn vị (${wardNoun}, theo thứ tự mã), màu theo chỉ số đang chọn; chọn một ô để xem chi tiết. ${overview.wards.length - overview.wardsNotReported.length}/${overview.wards.length} ${wardNoun} ${countedWord(wardNoun)}.`}
          />
        </div>
        <LazyChart
          kind="coverageTrend"
          src={chartSrc}
          words={chartWords}
          height={CHART_HEIGHTS.coverageTrend}
          id="coverage-trend"
          title={`Tỷ lệ cài đặt theo ngày: ${district.name} và các ${wardNoun} so sánh`}
          description={`Đường đứt nét ngang là mục tiêu; ngày không có báo cáo để trống; bảng số liệu ghi số ${wardNoun} mà ${districtWord} cộng mỗi ngày.`}
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
            title={`Lượt cài mới mỗi ngày của ${district.name}`}
            description="Cột: cài mới trong ngày; đường: trung bình 7 ngày."
          />
          <LazyChart
            kind="qrActivity"
            src={chartSrc}
            words={chartWords}
            height={CHART_HEIGHTS.qrActivity}
            id="qr-activity"
            title={`Địa điểm có lượt quét và lượt quét mỗi ngày của ${district.name}`}
            description="Cột: số địa điểm có ít nhất một lượt quét (trục trái); đường: số lượt quét (trục phải)."
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
