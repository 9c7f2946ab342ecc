import Link from "next/link";
import { notFound } from "next/navigation";
import { DayPicker } from "@/components/dashboard/day-picker";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { WardTable } from "@/components/dashboard/ward-table";
import { Notice } from "@/components/ui/notice";
import { getDistrictOverview } from "@/lib/data/overview";
import { formatCount, formatDay, formatPercent } from "@/lib/domain/format";
import { OverviewParamsSchema } from "@/lib/schemas/overview-params";

// Reads the database on every request: never prerendered, so `next build` never opens it.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = OverviewParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title="Tham số không hợp lệ">
        <ul className="list-disc pl-5">
          {parsed.error.issues.map((i) => (
            <li key={i.path.join(".")}>
              <code>{i.path.join(".")}</code>: {i.message}
            </li>
          ))}
        </ul>
        <Link href="/" className="font-semibold text-brand-700 underline">
          Xem số liệu mới nhất
        </Link>
      </Notice>
    );
  }

  const result = await getDistrictOverview({ districtCode: parsed.data.district, day: parsed.data.day });
  if (result.kind === "unknown-district") notFound();
  if (result.kind === "no-data") {
    return <Notice title={`${result.district.name} chưa có số liệu`}>Hãy nhập báo cáo của phường hoặc nhập tệp số liệu.</Notice>;
  }
  if (result.kind === "day-out-of-range") {
    return (
      <Notice title={`Không có số liệu ngày ${formatDay(result.day)}`}>
        <p>
          Số liệu của {result.district.name} có từ ngày {formatDay(result.range.from)} đến ngày {formatDay(result.range.to)}.
        </p>
        <Link href={`/?day=${result.range.to}`} className="font-semibold text-brand-700 underline">
          Xem ngày {formatDay(result.range.to)}
        </Link>
      </Notice>
    );
  }

  const { overview, day, range } = result;
  const { district, city } = overview;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{district.name}</h1>
          <p className="text-slate-700">
            Tổng quan ngày <time dateTime={day}>{formatDay(day)}</time> · {city.name}
          </p>
        </div>
        <DayPicker day={day} min={range.from} max={range.to} />
      </div>

      <section aria-labelledby="bluezone-heading">
        <h2 id="bluezone-heading" className="mb-2 text-lg font-semibold">
          Cài đặt Bluezone
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard testId="kpi-smartphones" label="Điện thoại thông minh" value={formatCount(district.figure?.smartphones ?? null)} />
          <KpiCard testId="kpi-installs" label="Đã cài Bluezone" value={formatCount(district.figure?.installs ?? null)} />
          <KpiCard testId="kpi-coverage" label="Tỷ lệ cài đặt" value={formatPercent(district.coverage)} />
          <KpiCard
            testId="kpi-rank"
            label={`Xếp hạng trong ${city.name.replace(/^Thành phố /, "")}`}
            value={district.rankInCity === null ? "—" : `hạng ${district.rankInCity}`}
            detail={`trên ${district.districtsRanked} quận, huyện có số liệu`}
          />
        </dl>
        <p className="mt-2 text-sm text-slate-700">
          Toàn thành phố: {formatCount(city.figure?.installs ?? null)} lượt cài đặt, tỷ lệ {formatPercent(city.coverage)}.
        </p>
      </section>

      <section aria-labelledby="qr-heading">
        <h2 id="qr-heading" className="mb-2 text-lg font-semibold">
          Quét mã QR
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <KpiCard testId="kpi-qr-venues" label="Địa điểm tạo mã QR" value={formatCount(district.figure?.qrVenues ?? null)} />
          <KpiCard testId="kpi-active-venues" label="Địa điểm có lượt quét" value={formatCount(district.figure?.activeVenues ?? null)} />
          <KpiCard testId="kpi-scans" label="Lượt quét trong ngày" value={formatCount(district.figure?.scans ?? null)} />
          <KpiCard
            testId="kpi-zero-scan-wards"
            label="Phường không có lượt quét"
            value={formatCount(overview.wardsWithZeroScans.length)}
            detail={overview.wardsWithZeroScans.map((w) => w.name).join(", ") || undefined}
          />
        </dl>
        <p className="mt-2 text-sm text-slate-700">
          Toàn thành phố: {formatCount(city.figure?.qrVenues ?? null)} địa điểm tạo mã QR, {formatCount(city.figure?.activeVenues ?? null)} địa
          điểm phát sinh lượt quét trong ngày.
        </p>
      </section>

      {overview.wardsNotReported.length > 0 ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900" data-testid="not-reported">
          Chưa báo cáo ({overview.wardsNotReported.length}): {overview.wardsNotReported.map((w) => w.name).join(", ")}
        </p>
      ) : null}

      <WardTable wards={overview.wards} caption={`Xếp hạng ${overview.wards.length} phường theo tỷ lệ cài đặt Bluezone`} />
    </div>
  );
}
