import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { ForbiddenError } from "@/lib/errors";
import { getWardsNotReportedToday } from "@/lib/data/completeness";
import { isTodayOrYesterday } from "@/lib/domain/days";
import { formatDay } from "@/lib/domain/format";
import type { SessionUser } from "@/lib/permissions";

// For the district overview: the wards that have not reported today (Asia/Ho_Chi_Minh), in the
// one meaning every page and file uses: no install figures (smartphones and installs) from any
// source. A server component; renders nothing for a district the user may not see, and nothing on a
// page about another day than today or yesterday (a banner about today on a page about 17/8/2021
// would be read as about that day).
export async function MissingReportsToday({ user, districtCode, viewedDay }: { user: SessionUser; districtCode: string; viewedDay: string }) {
  if (!isTodayOrYesterday(viewedDay)) return null;
  let result: Awaited<ReturnType<typeof getWardsNotReportedToday>>;
  try {
    result = await getWardsNotReportedToday(user, districtCode);
  } catch (err) {
    if (err instanceof ForbiddenError) return null;
    throw err;
  }
  const { day, wards } = result;
  const t = await getTranslations("entryStatus");
  return (
    <section
      aria-labelledby="missing-today-heading"
      data-testid="missing-today"
      className={`rounded border px-4 py-3 ${wards.length > 0 ? "border-amber-300 bg-amber-50" : "border-green-700 bg-green-50"}`}
    >
      <h2 id="missing-today-heading" className="font-semibold">
        {wards.length > 0 ? t("todayMissing", { day: formatDay(day), count: wards.length }) : t("todayAllReported", { day: formatDay(day) })}
      </h2>
      {wards.length > 0 ? (
        <>
          <p className="mt-1 text-slate-900">{wards.map((w) => w.name).join(", ")}</p>
          <p className="mt-1 text-sm text-slate-700">{t("todayMeaning")}</p>
        </>
      ) : null}
      <p className="mt-1 flex flex-wrap gap-x-4">
        {user.role === "WARD_CHAIR" ? (
          <Link href="/entry" className="inline-block font-semibold text-brand-700 underline">
            {t("enterReport")}
          </Link>
        ) : null}
        <Link href={`/reports?district=${districtCode}&day=${day}`} className="inline-block font-semibold text-brand-700 underline">
          {t("seeStatus")}
        </Link>
      </p>
    </section>
  );
}
