import { getTranslations } from "@/i18n/server";
import { DateField } from "@/components/ui/date-field";

// The Exports page's filters as a plain GET form: works without JavaScript and keeps the filters in
// the URL, so the list of downloads can be bookmarked and sent on.

const field = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base text-slate-900";
const labelClass = "block text-sm font-semibold text-slate-800";

type Named = { code: string; name: string };

export async function ExportFilterForm({
  districts,
  district,
  wards,
  ward,
  wardFixed,
  day,
  from,
  to,
  min,
  max,
}: {
  districts: readonly Named[];
  district: string;
  wards: readonly Named[];
  ward: string | null;
  /** a ward chair: the own ward only, shown but not changeable */
  wardFixed: boolean;
  day: string | null;
  from: string | null;
  to: string | null;
  min?: string;
  max?: string;
}) {
  const t = await getTranslations("exports");
  return (
    <form method="get" className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("form.label")}>
      {districts.length > 1 ? (
        <div>
          <label htmlFor="export-district" className={labelClass}>
            {t("form.district")}
          </label>
          <select id="export-district" name="district" defaultValue={district} className={field}>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="export-ward" className={labelClass}>
          {t("form.ward")}
        </label>
        {wardFixed ? (
          <input id="export-ward" readOnly value={wards.find((w) => w.code === ward)?.name ?? ""} className={field} />
        ) : (
          <select id="export-ward" name="ward" defaultValue={ward ?? ""} className={field}>
            <option value="">{t("form.allWards")}</option>
            {wards.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <DateField id="export-day" name="day" label={t("form.day")} defaultValue={day ?? ""} min={min} max={max} labelClassName={labelClass} />
      <DateField id="export-from" name="from" label={t("form.from")} defaultValue={from ?? ""} min={min} max={max} labelClassName={labelClass} />
      <DateField id="export-to" name="to" label={t("form.to")} defaultValue={to ?? ""} min={min} max={max} labelClassName={labelClass} />
      <div className="flex items-end">
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2">
          {t("form.apply")}
        </button>
      </div>
    </form>
  );
}
