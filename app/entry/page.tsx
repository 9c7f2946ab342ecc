import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { DistrictPickerSection } from "@/components/dashboard/district-picker-section";
import { DistrictReportStatus } from "@/components/entry/district-report-status";
import { EntryDayPicker, entryHref } from "@/components/entry/entry-day-picker";
import { PendingReports } from "@/components/entry/pending-list";
import { ReportForm } from "@/components/entry/report-form";
import { PushToggle } from "@/components/notifications/push-toggle";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { getEntryContext } from "@/lib/data/ward-reports";
import { formatCount, formatDay } from "@/lib/domain/format";
import { describeDeadline } from "@/lib/domain/timeliness";
import { EntryParamsSchema } from "@/lib/schemas/report-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("entry");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EntryPage({ searchParams }: { searchParams: SearchParams }) {
  // Ward chairs (their ward) and admins (any ward, chosen district by district) enter reports;
  // officials see who has reported (a city official, district by district). The data layer checks
  // the district and the ward asked for.
  const user = await requireUser("/entry");
  const t = await getTranslations("entry");
  const parsed = EntryParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title={t("invalidParams")}>
        <p>{parsed.error.issues.map((i) => i.message).join("; ")}</p>
        <Link href="/entry" className="font-semibold text-brand-700 underline">
          {t("openToday")}
        </Link>
      </Notice>
    );
  }
  if (user.role === "DISTRICT_OFFICIAL" || user.role === "CITY_OFFICIAL" || user.role === "NATIONAL_OFFICIAL") {
    return <DistrictReportStatus user={user} day={parsed.data.day} districtCode={parsed.data.district} />;
  }
  const context = await orDeny(() =>
    getEntryContext(user, { wardCode: parsed.data.ward, districtCode: parsed.data.district, day: parsed.data.day }),
  );

  if (context.kind === "choose-ward") {
    const { district, wards } = context;
    return (
      <section className="mx-auto max-w-xl space-y-3" aria-labelledby="entry-choose-heading">
        <h1 id="entry-choose-heading" className="text-2xl font-bold">
          {t("chooseWardHeading")}
        </h1>
        <p className="text-slate-700">{t("chooseWardLead", { district: district.name, day: formatDay(context.day) })}</p>
        {/* One district's wards at a time: the country's 10.000 wards as links made a page 550.000 px tall. */}
        <DistrictPickerSection viewer={user} current={district.code} action="/entry" submitLabel={t("showWards")} hidden={[["day", context.day]]} withWards />
        <section aria-labelledby="entry-wards-heading" data-testid="entry-wards">
          <h2 id="entry-wards-heading" className="text-lg font-semibold">
            {t("wardsOf", { district: district.name, count: formatCount(wards.length) })}
          </h2>
          {wards.length === 0 ? (
            <p className="mt-1 text-slate-700">{t("noWards", { district: district.name })}</p>
          ) : (
            <ul className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
              {wards.map((w) => (
                <li key={w.code}>
                  <Link
                    href={entryHref(context.day, w.code)}
                    className="block min-h-11 rounded border border-slate-300 bg-white px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100"
                  >
                    {w.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </section>
    );
  }

  const { ward, day, today, report, previous, carried, editable, deadline } = context;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("heading", { day: formatDay(day) })}</h1>
        <p className="text-slate-700" data-testid="entry-ward">
          {t("wardAndDeadline", { ward: ward.name, deadline: describeDeadline(deadline) })}
        </p>
      </div>
      <EntryDayPicker day={day} today={today} ward={user.role === "ADMIN" ? ward.code : undefined} />
      {user.role === "ADMIN" && ward.parentCode ? (
        <p>
          <Link href={entryHref(day, undefined, ward.parentCode)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            {t("otherWard")}
          </Link>
        </p>
      ) : null}
      <PendingReports owner={user.username} adminWard={user.role === "ADMIN"} />
      {day > today ? (
        <Notice title={t("futureTitle")}>{t("futureText")}</Notice>
      ) : (
        <ReportForm
          key={`${ward.code}/${day}`}
          owner={user.username}
          wardCode={ward.code}
          wardName={ward.name}
          day={day}
          report={report}
          previous={previous}
          carried={carried}
          editable={editable}
        />
      )}
      {/* Reminders reach the chair's phone (issue 17); the full choice of channels is on the preferences page. */}
      {user.role === "WARD_CHAIR" ? <PushToggle /> : null}
    </section>
  );
}
