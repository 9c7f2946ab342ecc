import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { cityHref, cityQuery, overviewHref } from "@/components/dashboard/hrefs";
import { chartDataHref } from "@/components/charts/lazy-chart-words";
import { SiblingRanking } from "@/components/dashboard/sibling-ranking";
import { ParamError } from "@/components/dashboard/param-error";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getCityPage } from "@/lib/data/city-page";
import { unitNoun } from "@/lib/domain/unit-wording";
import { DEFAULT_RANK_METRIC } from "@/lib/domain/rank-metric";
import { CityParamsSchema } from "@/lib/schemas/dashboard-params";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("city"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "NATIONAL_OFFICIAL", "DISTRICT_OFFICIAL", "CITY_OFFICIAL"], "/city");
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

  return (
    <SiblingRanking
      result={result}
      sort={sort}
      hrefFor={({ day, sort: metric }) => cityHref({ day, district: districtParam, sort: metric })}
      unitHref={(code, day) => overviewHref({ day, district: code })}
      pickerHidden={sortField}
      pickerDistrict={districtParam}
      links={
        <Link href={overviewHref({ day: result.ranking.day, district: districtParam })} className="font-semibold text-brand-700 underline">
          {t("overview", { district: result.district.name })}
        </Link>
      }
      picker={picker(result.district.code)}
      parentHeading={t("cityHeading")}
      chartSrc={chartDataHref("/api/charts/city", cityQuery({ day: result.ranking.day, district: districtParam, sort }))}
      idPrefix="city"
      tableId="district-ranking"
    />
  );
}
