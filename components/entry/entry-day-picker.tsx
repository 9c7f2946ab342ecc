import Link from "next/link";
import { DateField } from "@/components/ui/date-field";
import { addDays } from "@/lib/domain/days";
import { formatDay } from "@/lib/domain/format";

const QUICK =
  "inline-flex min-h-11 items-center rounded border px-4 py-2 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800";

/** /entry for a day (and, for admins, a ward). */
export function entryHref(day: string, ward?: string): string {
  return `/entry?${ward ? `ward=${ward}&` : ""}day=${day}`;
}

// Changes the day (and, for admins, the ward) of the entry page in one tap: "Hôm qua" and
// "Hôm nay" are links; any other day is typed (dd/MM/yyyy) or stepped in a GET form, so the choice
// stays in the URL.
export function EntryDayPicker({ day, today, ward }: { day: string; today: string; ward?: string }) {
  const yesterday = addDays(today, -1);
  const quick = [
    { day: yesterday, label: "Hôm qua" },
    { day: today, label: "Hôm nay" },
  ];
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="entry-day-picker">
      <nav aria-label="Chọn nhanh ngày báo cáo" className="flex gap-2">
        {quick.map((q) => (
          <Link
            key={q.day}
            href={entryHref(q.day, ward)}
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
        <DateField name="day" label="Ngày báo cáo" defaultValue={day} max={today} required submitOnStep inputClassName="w-28 px-2" />
        <button
          type="submit"
          className="min-h-11 rounded border border-brand-700 bg-white px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
        >
          Chọn ngày
        </button>
      </form>
    </div>
  );
}
