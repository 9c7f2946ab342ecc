import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { getSessionUser } from "@/lib/auth/session";
import { getAlertSummary } from "@/lib/data/alerts";
import { alertRuleText } from "@/lib/domain/alerts/registry";
import { renderAlertText } from "@/lib/domain/alerts/wording";
import { getDomainText } from "@/i18n/domain-text";
import { ALERT_SEVERITIES } from "@/lib/domain/alerts/types";
import { figureFormats } from "@/lib/domain/format";
import { readsEveryUnit } from "@/lib/permissions";
import { alertsHref } from "./hrefs";
import { ScanDataGaps } from "./scan-data-gaps";
import { SeverityBadge } from "./severity-badge";

// The alerts of a district (overview) or of one ward (ward page) on a day: counts by severity,
// the most severe open ones, the wards whose venues could not be judged for lack of scan data,
// and a link to the alert centre with the same filters. A server
// component that reads for the signed-in user; it shows nothing to someone who may not see them.
// Place it inside <Suspense>: it computes the day's alerts (a few hundred ms at most). Its items
// use short class names (app/globals.css, ".asum"): they are sent twice, as HTML and flight data.

export type AlertSummaryProps = {
  /** the district whose wards' alerts are summed up (overview) */
  districtCode?: string;
  /** one ward (ward page); takes precedence over districtCode */
  wardCode?: string;
  day: string;
  /** how many open alerts to list (default 5) */
  limit?: number;
};

export async function AlertSummary({ districtCode, wardCode, day, limit = 5 }: AlertSummaryProps) {
  const user = await getSessionUser();
  if (!user) return null;
  const t = await getTranslations("alerts.summary");
  const badge = await getTranslations("alerts.badge");
  const f = figureFormats(parseLocale(await getLocale()));
  const domain = await getDomainText();
  let summary;
  try {
    summary = await getAlertSummary(user, { districtCode, wardCode, day, limit });
  } catch (err) {
    console.error("[alerts] summary failed", err);
    return (
      <section aria-labelledby="alert-summary-heading" data-testid="alert-summary">
        <h2 id="alert-summary-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 px-4 py-2">
          {t("failed")}
        </p>
      </section>
    );
  }
  if (!summary) return null;
  const { counts, open, top, scanDataGaps } = summary;
  const href = alertsHref({ day, ward: wardCode, district: readsEveryUnit(user) && !wardCode ? districtCode : undefined });
  return (
    <section aria-labelledby="alert-summary-heading" data-testid="alert-summary" className="asum">
      <h2 id="alert-summary-heading" className="text-lg font-semibold">
        {t("headingDay", { day: f.day(day) })}
      </h2>
      <ScanDataGaps gaps={scanDataGaps} />
      {counts.total === 0 ? (
        <p className="rounded border border-slate-300 bg-white px-4 py-3 text-slate-800">{t("none")}</p>
      ) : (
        <>
          <p className="text-slate-800">
            {t("counts", {
              count: counts.total,
              total: f.count(counts.total),
              open: f.count(open),
              bySeverity: [...ALERT_SEVERITIES]
                .reverse()
                .map((s) => t("severityCount", { severity: badge(`severity.${s}`).toLowerCase(), count: f.count(counts.bySeverity[s]) }))
                .join(", "),
            })}
          </p>
          {top.length > 0 ? (
            <ul className="asum-l">
              {top.map((a) => (
                <li key={a.id} data-testid="alert-summary-item" data-rule={a.ruleId} data-ward={a.ward.code}>
                  <div>
                    <SeverityBadge severity={a.severity} escalated={a.escalated} />
                    <b>{domain.text(alertRuleText(a.ruleId, "label"))}</b>
                  </div>
                  <p>{renderAlertText(a, domain.t, domain.locale)}</p>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <p>
        <Link href={href} className="font-semibold text-brand-700 underline">
          {t("open")}
        </Link>
      </p>
    </section>
  );
}
