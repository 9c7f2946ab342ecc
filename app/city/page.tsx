import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RankingBarChart } from "@/components/charts/ranking-bar-chart";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { DayPicker } from "@/components/dashboard/day-picker";
import { cityHref, overviewHref } from "@/components/dashboard/hrefs";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { ParamError } from "@/components/dashboard/param-error";
import { RankChange } from "@/components/dashboard/rank-change";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { SortLinks } from "@/components/dashboard/sort-links";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getCityPage } from "@/lib/data/city-page";
import { formatCount, formatDay, formatPercent } from "@/lib/domain/format";
import { DEFAULT_RANK_METRIC, formatMetricValue, isRateMetric, RANK_METRIC_LABELS } from "@/lib/domain/rank-metric";
import { CityParamsSchema } from "@/lib/schemas/dashboard-params";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Xếp hạng quận, huyện" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "DISTRICT_OFFICIAL"], "/city");
  const parsed = CityParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/city" backLabel="Xem xếp hạng mới nhất" />;
  const { district: districtParam, sort } = parsed.data;

  const result = await orDeny(() => getCityPage(user, { districtCode: districtParam, day: parsed.data.day, metric: sort }));
  if (result.kind === "unknown-district") notFound();
  if (result.kind === "no-data") return <NoDataNotice unitName={result.city.name} />;
  if (result.kind === "day-out-of-range") {
    return (
      <DayOutOfRangeNotice
        unitName={result.city.name}
        day={result.day}
        range={result.range}
        latestHref={cityHref({ day: result.range.to, district: districtParam, sort })}
      />
    );
  }

  const { ranking, range, city, district } = result;
  const { day } = ranking;
  const own = ranking.highlighted;
  const metricLabel = RANK_METRIC_LABELS[sort];
  const sortField: [string, string][] = sort === DEFAULT_RANK_METRIC ? [] : [["sort", sort]];

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{city.name}: xếp hạng quận, huyện</h1>
          <p className="text-slate-700">
            Ngày <time dateTime={day}>{formatDay(day)}</time> · {ranking.ranked} quận, huyện có số liệu
          </p>
          <p className="mt-1 text-sm">
            <Link href={overviewHref({ day, district: districtParam })} className="font-semibold text-brand-700 underline">
              Tổng quan {district.name}
            </Link>
          </p>
        </div>
        <DayPicker day={day} min={range.from} max={range.to} district={districtParam} hidden={sortField} />
      </div>

      <section aria-labelledby="city-kpi-heading">
        <h2 id="city-kpi-heading" className="mb-2 text-lg font-semibold">
          Toàn thành phố
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard testId="city-installs" label="Đã cài Bluezone" value={formatCount(ranking.city.figure?.installs ?? null)} />
          <KpiCard testId="city-coverage" label="Tỷ lệ cài đặt" value={formatPercent(ranking.city.coverage)} />
          <KpiCard testId="city-qr-venues" label="Địa điểm tạo mã QR" value={formatCount(ranking.city.figure?.qrVenues ?? null)} />
          <KpiCard
            testId="city-active-venues"
            label="Địa điểm có lượt quét"
            value={formatCount(ranking.city.figure?.activeVenues ?? null)}
            detail={`Tỷ lệ ${formatPercent(ranking.city.qrActive)}`}
          />
        </dl>
      </section>

      {own ? (
        <section aria-labelledby="city-own-heading" className="rounded-lg border-2 border-amber-700 bg-amber-50 p-4" data-testid="city-highlight">
          <h2 id="city-own-heading" className="text-lg font-semibold">
            {own.name}
          </h2>
          <p className="text-slate-900">
            {own.rank === null ? "chưa báo cáo" : `Hạng ${own.rank}/${ranking.ranked}`} theo {metricLabel.toLowerCase()}: {formatMetricValue(own.value)} ·{" "}
            <RankChange change={own.rankChangeDay} since="so với hôm trước" /> · <RankChange change={own.rankChangeWeek} since="so với tuần trước" />
          </p>
        </section>
      ) : null}

      <section aria-labelledby="city-ranking-heading" className="space-y-3">
        <h2 id="city-ranking-heading" className="text-lg font-semibold">
          Xếp hạng quận, huyện
        </h2>
        <SortLinks current={sort} label="Xếp hạng quận, huyện theo chỉ số" hrefFor={(m) => cityHref({ day, district: districtParam, sort: m })} />
        <RankingTable
          testId="district-ranking"
          rows={ranking.districts}
          metric={sort}
          caption={`Xếp hạng ${ranking.districts.length} quận, huyện theo ${metricLabel.toLowerCase()}`}
          unitHeader="Quận, huyện"
          sortHref={(m) => cityHref({ day, district: districtParam, sort: m })}
          unitHref={(code) => overviewHref({ day, district: code })}
          highlightCode={district.code}
        />
      </section>

      <RankingBarChart
        id="district-ranking-chart"
        title={`Quận, huyện theo ${metricLabel.toLowerCase()}, ngày ${formatDay(day)}`}
        description={`${district.name} có viền đậm.${ranking.chart.target ? " Đường đứt nét là mục tiêu." : ""}`}
        unitHeader="Quận, huyện"
        metricLabel={metricLabel}
        isRate={isRateMetric(sort)}
        bars={ranking.chart.bars}
        target={ranking.chart.target}
      />
    </div>
  );
}
