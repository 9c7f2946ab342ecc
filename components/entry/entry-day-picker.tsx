import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { DateField } from "@/components/ui/date-field";
import { addDays } from "@/lib/domain/days";
import { formatDay } from "@/lib/domain/format";
import { entryHref } from "./entry-href";

const QUICK =
  "inline-flex min-h-11 items-center rounded border px-4 py-2 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800";

export { entryHref };

// Changes the day (keeping, for admins, the ward, or the district whose wards are listed) of the entry page in one tap: "Hôm qua" and
// "Hôm nay" are links; any other day is typed (dd/MM/yyyy) or stepped in a GET form, so the choice
// stays in the URL.
export async function EntryDayPicker({ day, today, ward, district }: { day: string; today: string; ward?: string; district?: string }) {
  const t = await getTranslations("entryStatus");
  const yesterday = addDays(today, -1);
  const quick = [
    { day: yesterday, label: t("yesterday") },
    { day: today, label: t("today") },
  ];
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="entry-day-picker">
      <nav aria-label={t("quickDays")} className="flex gap-2">
        {quick.map((q) => (
          <Link
            key={q.day}
            href={entryHref(q.day, ward, district)}
            aria-current={q.day === day ? "page" : undefined}
            className={`${QUICK} ${q.day === day ? "border-brand-700 bg-brand-700 text-white" : "border-brand-700 bg-white text-brand-700 hover:bg-slate-100"}`}
          >
            {q.label}
            <span className="sr-only"> ({formatDay(q.day)})</span>
          </Link>
        ))}
      </nav>
      <form method="get" action="/entry" className="flex items-end gap-2">
        {ward ? <input type="hidden" name="ward" value={ward} /> : null}
        {!ward && district ? <input type="hidden" name="district" value={district} /> : null}
        <DateField name="day" label={t("dayLabel")} defaultValue={day} max={today} required submitOnStep inputClassName="w-28 px-2" />
        <button
          type="submit"
          className="min-h-11 rounded border border-brand-700 bg-white px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
        >
          {t("chooseDay")}
        </button>
      </form>
    </div>
  );
}
