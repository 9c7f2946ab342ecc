import { getTranslations } from "@/i18n/server";
import { DateField } from "@/components/ui/date-field";

// A plain GET form that keeps the chosen day in the URL (?day=…), along with the page's other
// filters (hidden fields), so changing the day keeps the view. The day is shown and typed as
// dd/MM/yyyy (components/ui/date-field.tsx); the buttons for the day before and after open it at once.
export async function DayPicker({
  day,
  min,
  max,
  district,
  hidden = [],
}: {
  day: string;
  min: string;
  max: string;
  district?: string;
  /** other filters to keep, as [name, value] pairs (a name may repeat) */
  hidden?: readonly (readonly [string, string])[];
}) {
  const t = await getTranslations("overview.dayPicker");
  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      {district ? <input type="hidden" name="district" value={district} /> : null}
      {hidden.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <DateField name="day" label={t("day")} defaultValue={day} min={min} max={max} required submitOnStep labelClassName="block text-sm font-medium text-slate-700" />
      <button
        type="submit"
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
      >
        {t("submit")}
      </button>
    </form>
  );
}
