import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { DeadlineForm } from "@/components/admin/deadline-form";
import { RetentionForm } from "@/components/admin/retention-form";
import { SourcePriorityForm } from "@/components/admin/source-priority-form";
import { PageMessages } from "@/components/i18n/page-messages";
import { ThresholdsForm } from "@/components/alerts/thresholds-form";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getSettings } from "@/lib/data/settings";
import { DEFAULT_ALERT_THRESHOLDS } from "@/lib/domain/alerts/types";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("settings.title") };
}
export const dynamic = "force-dynamic";

// Every setting an admin changes: the alert thresholds, the report deadline (one deadline for the
// completeness page, the "not reported" alert and the entry form) and the preferred source of
// figures. (Until issue 13 this page was /admin/alert-settings, which now redirects here.)
export default async function SettingsPage() {
  const user = await requireRole(["ADMIN"], "/admin/settings");
  const { thresholds, deadline, preferredSource, rawScanMonths } = await orDeny(() => getSettings(user));
  const t = await getTranslations("admin.settings");
  const labels = await getTranslations("labels");
  const time = `${String(deadline.hour).padStart(2, "0")}:${String(deadline.minute).padStart(2, "0")}`;
  return (
    <PageMessages namespaces={["admin.settings", "labels.deadline"]}>
    <div className="mx-auto max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">
          {t("intro")}{" "}
          <Link href="/alerts" className="font-semibold text-brand-700 underline">
            {t("openAlerts")}
          </Link>
        </p>
      </div>
      <section aria-labelledby="thresholds-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="thresholds-heading" className="text-lg font-semibold">
          {t("thresholds")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("thresholdDefaults", {
            dormant: DEFAULT_ALERT_THRESHOLDS.dormantDays,
            tolerance: DEFAULT_ALERT_THRESHOLDS.disagreementTolerancePercent,
            escalation: DEFAULT_ALERT_THRESHOLDS.escalationDays,
            drop: DEFAULT_ALERT_THRESHOLDS.rankDropPlaces,
          })}
        </p>
        <ThresholdsForm thresholds={thresholds} />
      </section>
      <section aria-labelledby="deadline-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="deadline-heading" className="text-lg font-semibold">
          {t("deadline")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("deadlineNow", { deadline: labels("deadline.at", { time, days: deadline.daysAfter }) })}
        </p>
        <DeadlineForm deadline={deadline} />
      </section>
      <section aria-labelledby="source-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="source-heading" className="text-lg font-semibold">
          {t("sourceHeading")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("sourceText")}
        </p>
        <SourcePriorityForm preferred={preferredSource} />
      </section>
      <section aria-labelledby="retention-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="retention-heading" className="text-lg font-semibold">
          {t("retentionHeading")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("retentionText")}{" "}
          {t("retentionNow", { months: rawScanMonths === null ? t("retentionAll") : t("retentionMonths", { count: rawScanMonths }) })}
        </p>
        <RetentionForm months={rawScanMonths} />
      </section>
      <section aria-labelledby="phases-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="phases-heading" className="text-lg font-semibold">
          {t("phases")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("phasesText")}{" "}
          <Link href="/admin/policy-phases" className="font-semibold text-brand-700 underline">
            {t("phasesLink")}
          </Link>
        </p>
      </section>
    </div>
    </PageMessages>
  );
}
