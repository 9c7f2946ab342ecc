import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { wardHref } from "@/components/dashboard/hrefs";
import { getCompleteness } from "@/lib/data/completeness";
import { formatCount, formatDay } from "@/lib/domain/format";
import type { SessionUser } from "@/lib/permissions";
import { orDeny } from "@/lib/auth/page-guard";
import { EntryDayPicker } from "./entry-day-picker";

// /entry for a district or city official: reports are entered by the ward chairs, so instead of a
// form (or a refusal) the official sees which wards of the district have and have not reported on
// the day, each a link to its ward page, and the way to the completeness page where reports are
// approved. "Đã báo cáo" has its one meaning (install figures from any source). A city official
// sees one district at a time and chooses it (`districtCode`, checked by the data layer); so does a
// national official, among every district of the country.
export async function DistrictReportStatus({ user, day, districtCode }: { user: SessionUser; day?: string; districtCode?: string }) {
  const view = await orDeny(() => getCompleteness(user, { districtCode, ...(day ? { from: day, to: day } : {}) }));
  const shown = view.from;
  const rows = view.rows.map((r) => ({ ward: r.ward, reported: r.cells[0]?.reported ?? false }));
  const missing = rows.filter((r) => !r.reported);
  const reported = rows.filter((r) => r.reported);
  const future = shown > view.today;
  const t = await getTranslations("entryStatus");
  return (
    <section className="mx-auto max-w-3xl space-y-4" aria-labelledby="entry-official-heading">
      <div>
        <h1 id="entry-official-heading" className="text-2xl font-bold">
          {t("heading")}
        </h1>
        <p className="mt-1 text-slate-800" data-testid="entry-official-role">
          {t.rich(user.role === "CITY_OFFICIAL" ? "cityOfficialRole" : user.role === "NATIONAL_OFFICIAL" ? "nationalOfficialRole" : "officialRole", {
            link: (chunks) => (
              <Link href={`/reports?district=${view.district.code}&day=${shown}`} className="font-semibold text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
      <DistrictPickerSection viewer={user} current={view.district.code} action="/entry" submitLabel={t("showDistrict")} hidden={[["day", shown]]} withWards />
      <EntryDayPicker day={shown} today={view.today} district={districtCode ? view.district.code : undefined} />
      {future ? (
        <p className="rounded border border-slate-300 bg-white px-3 py-2">{t("future", { day: formatDay(shown) })}</p>
      ) : (
        <>
          <p className="text-lg font-semibold" data-testid="entry-official-summary">
            {t("summary", { district: view.district.name, day: formatDay(shown), reported: formatCount(reported.length), total: formatCount(rows.length) })}
          </p>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <WardList
              id="entry-missing"
              title={t("missingTitle", { count: formatCount(missing.length) })}
              wards={missing.map((r) => r.ward)}
              day={shown}
              empty={t("missingEmpty")}
              tone="border-amber-300 bg-amber-50"
            />
            <WardList
              id="entry-reported"
              title={t("reportedTitle", { count: formatCount(reported.length) })}
              wards={reported.map((r) => r.ward)}
              day={shown}
              empty={t("reportedEmpty")}
              tone="border-slate-300 bg-white"
            />
          </div>
        </>
      )}
    </section>
  );
}

function WardList({
  id,
  title,
  wards,
  day,
  empty,
  tone,
}: {
  id: string;
  title: string;
  wards: readonly { code: string; name: string }[];
  day: string;
  empty: string;
  tone: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={`rounded border p-3 ${tone}`} data-testid={id}>
      <h2 id={`${id}-heading`} className="font-semibold">
        {title}
      </h2>
      {wards.length === 0 ? (
        <p className="mt-1 text-slate-800">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {wards.map((w) => (
            <li key={w.code}>
              <Link href={wardHref(w.code, day)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                {w.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
