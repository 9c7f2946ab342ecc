import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { DayOutOfRangeNotice, NoDataNotice } from "@/components/dashboard/day-notices";
import { countryHref, provinceHref } from "@/components/dashboard/hrefs";
import { ParamError } from "@/components/dashboard/param-error";
import { SiblingRanking } from "@/components/dashboard/sibling-ranking";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getCountryPage } from "@/lib/data/city-page";
import { DEFAULT_RANK_METRIC } from "@/lib/domain/rank-metric";
import { unitNoun } from "@/lib/domain/unit-wording";
import { CountryParamsSchema } from "@/lib/schemas/dashboard-params";

// The country's provinces ranked on one day (issue 18), as the city page ranks a city's districts:
// partial sums stated as k/n and not ranked, missing never zero. Admins and city officials (their
// province picked out); the data layer checks (getCountryPage).

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("country"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CountryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "NATIONAL_OFFICIAL", "CITY_OFFICIAL"], "/country");
  const t = await getTranslations("country");
  const parsed = CountryParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/country" backLabel={t("backLatest")} />;
  const { province, sort } = parsed.data;

  const result = await orDeny(() => getCountryPage(user, { provinceCode: province, day: parsed.data.day, metric: sort }));
  if (result.kind === "unknown-district") notFound();
  if (result.kind === "no-data") return <NoDataNotice unitName={result.city.name} reporters={unitNoun(result.city.childTypes, "PROVINCE")} />;
  if (result.kind === "day-out-of-range") {
    return <DayOutOfRangeNotice unitName={result.city.name} day={result.day} range={result.range} latestHref={countryHref({ day: result.range.to, province, sort })} />;
  }
  const sortField: [string, string][] = [...(province ? ([["province", province]] as [string, string][]) : []), ...(sort === DEFAULT_RANK_METRIC ? [] : ([["sort", sort]] as [string, string][]))];
  return (
    <SiblingRanking
      result={result}
      sort={sort}
      hrefFor={({ day, sort: metric }) => countryHref({ day, province, sort: metric })}
      unitHref={(code, day) => provinceHref(code, { day, sort })}
      pickerHidden={sortField}
      links={
        <Link href={provinceHref(result.district.code, { day: result.ranking.day, sort })} className="font-semibold text-brand-700 underline">
          {t("openProvince", { province: result.district.name })}
        </Link>
      }
      parentHeading={t("countryHeading")}
      idPrefix="country"
      tableId="province-ranking"
    />
  );
}
