import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ALERT_STATUSES, SEVERITY_FILTERS, type AlertFilters as Filters } from "@/lib/domain/alerts/filters";
import { ALERT_RULES, alertRuleText } from "@/lib/domain/alerts/registry";
import { getDomainText } from "@/i18n/domain-text";
import { ALERT_SEVERITIES, type WardRef } from "@/lib/domain/alerts/types";
import { alertsHref } from "./hrefs";
import { DateField } from "@/components/ui/date-field";

// The alert centre's filters as a plain GET form: works without JavaScript and keeps every
// filter in the URL, so a view can be bookmarked and sent on.

const field = "mt-1 block min-h-11 w-full rounded border border-slate-500 bg-white px-2 py-1 text-base text-slate-900";
const labelClass = "block text-sm font-semibold text-slate-800";

export async function AlertFilters({
  day,
  min,
  max,
  filters,
  wards,
  districts,
  district,
}: {
  day: string;
  min?: string;
  max: string;
  filters: Filters;
  wards: readonly WardRef[];
  /** for admins: the districts to choose from (empty: no district field) */
  districts: readonly { code: string; name: string }[];
  district: string | null;
}) {
  const t = await getTranslations("alerts.filters");
  const { text } = await getDomainText();
  return (
    <form method="get" className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7" aria-label={t("form")}>
      <DateField id="alert-day" name="day" label={t("day")} defaultValue={day} min={min} max={max} required labelClassName={labelClass} />
      {districts.length > 0 ? (
        <div>
          <label htmlFor="alert-district" className={labelClass}>
            {t("district")}
          </label>
          <select id="alert-district" name="district" defaultValue={district ?? ""} className={field}>
            <option value="">{t("all")}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="alert-ward" className={labelClass}>
          {t("ward")}
        </label>
        <select id="alert-ward" name="ward" defaultValue={filters.ward ?? ""} className={field}>
          <option value="">{t("all")}</option>
          {wards.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name}
              {districts.length > 0 && district === null ? ` (${w.districtName})` : ""}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="alert-rule" className={labelClass}>
          {t("rule")}
        </label>
        <select id="alert-rule" name="rule" defaultValue={filters.rule ?? ""} className={field}>
          <option value="">{t("all")}</option>
          {ALERT_RULES.map((r) => (
            <option key={r.id} value={r.id}>
              {text(alertRuleText(r.id, "label"))}
            </option>
          ))}
        </select>
      </div>
      <div className="lg:col-span-2">
        <label htmlFor="alert-severity" className={labelClass}>
          {t("severity")}
        </label>
        <select id="alert-severity" name="severity" defaultValue={filters.severity ?? "all"} className={field}>
          {[...SEVERITY_FILTERS, ...[...ALERT_SEVERITIES].reverse()].map((s) => (
            <option key={s} value={s}>
              {t(`severities.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="alert-status" className={labelClass}>
          {t("status")}
        </label>
        <select id="alert-status" name="status" defaultValue={filters.status ?? ""} className={field}>
          <option value="">{t("all")}</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
        >
          {t("submit")}
        </button>
        <Link href={alertsHref({ day, district: district ?? undefined })} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
