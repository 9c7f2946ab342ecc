import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import type { DayCompleteness } from "@/lib/domain/dashboard-completeness";
import { isWardLevelNoun, type ChildNoun } from "@/lib/domain/dashboard-format";
import { figureFormats } from "@/lib/domain/format";
import { localNoun } from "./local-noun";

// What a dashboard page says about how whole its day is (issue 11): a partial day says so at the
// top, before any number; later days still coming in are one click away, labelled with how many
// children have reported; a page that had no whole day to open on says which day it opened on.
// `noun` is what the children are called, from their types ("phường", "xã, thị trấn", "quận, huyện").

/** The words of these notices, with the children's noun in the interface's language. */
async function words(noun: ChildNoun) {
  const t = await getTranslations("overview.completeness");
  const locale = parseLocale(await getLocale());
  // Wards "have reported"; districts "have complete figures" (lib/domain/dashboard-format.ts countedWord).
  return { t, f: figureFormats(locale), noun: localNoun(noun, locale), level: isWardLevelNoun(noun) ? "ward" : "other" };
}

/** At the top of a page whose unit's figure of the day sums only some of its children. */
export async function PartialDayNotice({
  status,
  unitName,
  noun,
  lastComplete,
  lastCompleteHref,
  testId = "partial-day",
}: {
  status: DayCompleteness;
  unitName: string;
  noun: ChildNoun;
  lastComplete: string | null;
  lastCompleteHref: string | null;
  testId?: string;
}) {
  if (status.kind === "complete") return null;
  const w = await words(noun);
  const { t, f } = w;
  const counted = f.count(status.counted);
  return (
    <section role="status" aria-labelledby={`${testId}-title`} className="rounded-lg border-2 border-amber-700 bg-amber-50 px-4 py-3 text-slate-900" data-testid={testId}>
      <h2 id={`${testId}-title`} className="font-semibold">
        {t("partialTitle", { day: f.day(status.day), counted, total: f.count(status.total), noun: w.noun, level: w.level })}
      </h2>
      <p className="mt-1 text-sm">
        {status.kind === "missing" ? t("missing", { unit: unitName }) : t("partial", { counted, noun: w.noun, level: w.level, unit: unitName })}{" "}
        {t("withheld")}
      </p>
      {lastComplete && lastCompleteHref ? (
        <p className="mt-1 text-sm">
          <Link href={lastCompleteHref} className="font-semibold text-brand-700 underline">
            {t("lastComplete", { day: f.day(lastComplete) })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** Said when a page opened, without a day asked for, on the latest day with data because no day is whole yet. */
export async function NoCompleteDayNote({ noun }: { noun: ChildNoun }) {
  const w = await words(noun);
  return (
    <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-slate-900" data-testid="no-complete-day">
      {w.t("noCompleteDay", { noun: w.noun })}
    </p>
  );
}

/** Later days whose figures are still coming in, latest first, each a link to that day. */
export async function StillComingIn({ days, noun, hrefFor }: { days: readonly DayCompleteness[]; noun: ChildNoun; hrefFor: (day: string) => string }) {
  if (days.length === 0) return null;
  const w = await words(noun);
  const { t, f } = w;
  return (
    <nav aria-label={t("comingInLabel")} className="text-sm" data-testid="still-coming-in">
      <ul className="flex flex-wrap gap-2">
        {days.map((d) => (
          <li key={d.day}>
            <Link
              href={hrefFor(d.day)}
              className="inline-block rounded border border-amber-700 bg-white px-2 py-1 text-slate-900 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
            >
              {t("updating", { counted: f.count(d.counted), total: f.count(d.total), noun: w.noun, level: w.level })}{" "}
              <span className="text-slate-700">{t("onDay", { day: f.day(d.day) })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
