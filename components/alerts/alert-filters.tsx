import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { ALERT_STATUSES, SEVERITY_FILTERS, type AlertFilters as Filters } from "@/lib/domain/alerts/filters";
import { ALERT_RULES, alertRuleText } from "@/lib/domain/alerts/registry";
import { getDomainText } from "@/i18n/domain-text";
import { ALERT_SEVERITIES, type WardRef } from "@/lib/domain/alerts/types";
import { alertsHref } from "./hrefs";
import { DateField } from "@/components/ui/date-field";
import styles from "./alerts.module.css";

// The alert centre's filters as a plain GET form: works without JavaScript and keeps every
// filter in the URL, so a view can be bookmarked and sent on.

// Short class names (alerts.module.css): the form is sent twice, as HTML and in the React payload.
const field = styles.field;
const labelClass = styles.label;

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
    <form method="get" className={styles.filters} aria-label={t("form")}>
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
      <div className={styles.wide}>
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
      <div className={styles.actions}>
        <button type="submit" className={styles.submit}>
          {t("submit")}
        </button>
        <Link href={alertsHref({ day, district: district ?? undefined })} className={styles.more}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
