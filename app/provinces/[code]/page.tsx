import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { countryHref, overviewHref, provinceHref } from "@/components/dashboard/hrefs";
import { ParamError } from "@/components/dashboard/param-error";
import { SiblingRanking } from "@/components/dashboard/sibling-ranking";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getProvincePage } from "@/lib/data/city-page";
import { DEFAULT_RANK_METRIC } from "@/lib/domain/rank-metric";
import { unitNoun } from "@/lib/domain/unit-wording";
import { canViewCountry } from "@/lib/permissions";
import { isProvinceCode, ProvinceParamsSchema } from "@/lib/schemas/dashboard-params";

// One province's districts ranked on one day (issue 18): the city page of any province, for whoever
// may see that province (the data layer checks: getProvincePage → canViewProvince).

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("country"))("provinceTitle") };
}

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProvincePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { code } = await params;
  const user = await requireRole(["ADMIN", "NATIONAL_OFFICIAL", "CITY_OFFICIAL", "DISTRICT_OFFICIAL"], `/provinces/${encodeURIComponent(code)}`);
  if (!isProvinceCode(code)) notFound();
  const t = await getTranslations("country");
  const parsed = ProvinceParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref={provinceHref(code)} backLabel={t("backLatest")} />;
  const { sort } = parsed.data;

  const result = await orDeny(() => getProvincePage(user, { provinceCode: code, day: parsed.data.day, metric: sort }));
  if (result.kind === "unknown-district") notFound();
  if (result.kind === "no-data") return <NoDataNotice unitName={result.city.name} reporters={unitNoun(result.city.childTypes, "DISTRICT")} />;
  if (result.kind === "day-out-of-range") {
    return <DayOutOfRangeNotice unitName={result.city.name} day={result.day} range={result.range} latestHref={provinceHref(code, { day: result.range.to, sort })} />;
  }
  const sortField: [string, string][] = sort === DEFAULT_RANK_METRIC ? [] : [["sort", sort]];
  return (
    <SiblingRanking
      result={result}
      sort={sort}
      hrefFor={({ day, sort: metric }) => provinceHref(code, { day, sort: metric })}
      unitHref={(district, day) => overviewHref({ day, district })}
      pickerHidden={sortField}
      links={
        canViewCountry(user) ? (
          <Link href={countryHref({ day: result.ranking.day, sort })} className="font-semibold text-brand-700 underline">
            {t("countryLink")}
          </Link>
        ) : undefined
      }
      parentHeading={t("provinceHeading")}
      idPrefix="province"
      tableId="district-ranking"
    />
  );
}
