import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { RunNowForm, ScheduleForm } from "@/components/notifications/job-forms";
import { LogTable } from "@/components/notifications/log-table";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getJobAdmin } from "@/lib/data/jobs";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { figureFormats } from "@/lib/domain/format";
import { deadlineClock } from "@/lib/domain/timeliness";
import { parseLocale } from "@/i18n/locales";
import { formatTime, SCHEDULED_JOBS } from "@/lib/jobs/schedules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}
export const dynamic = "force-dynamic";

// Admins set when the reminders and the morning digest run, run one now, and read what ran, what
// it sent and what failed (the job log and the message log).
export default async function JobsPage() {
  const user = await requireRole(["ADMIN"], "/admin/jobs");
  const t = await getTranslations("jobs");
  const labels = await getTranslations("labels");
  // Dates, times and counts in the reader's language: 20/08/2021 / 20 Aug 2021 (docs/i18n.md).
  const locale = parseLocale(await getLocale());
  const f = figureFormats(locale);
  const data = await orDeny(() => getJobAdmin(user));
  const { deadline } = data;
  const deadlineText = labels("deadline.at", { time: deadlineClock(deadline), days: deadline.daysAfter });
  const jobLabel = (name: string) => (SCHEDULED_JOBS as readonly string[]).includes(name) ? t(`job_${name as (typeof SCHEDULED_JOBS)[number]}`) : name;
  const statusLabel = (s: string) => (s === "running" || s === "succeeded" || s === "failed" ? t(`status_${s}`) : s);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro", { deadline: deadlineText })}</p>
        <p className="text-sm font-semibold" data-testid="worker-status">
          {data.workerRunning ? t("workerRunning") : t("workerStopped")}
        </p>
      </div>
      <section aria-labelledby="schedules-heading" className="space-y-2">
        <h2 id="schedules-heading" className="text-lg font-semibold">
          {t("schedulesHeading")}
        </h2>
        <ScheduleForm
          rows={data.schedules.map((s) => ({ name: s.name, label: jobLabel(s.name), enabled: s.enabled, time: formatTime(s) }))}
          labels={{ enabled: t("enabled"), time: t("time"), save: t("save"), saving: t("saving"), saved: t("saved") }}
        />
      </section>
      <section aria-labelledby="run-now-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="run-now-heading" className="text-lg font-semibold">
          {t("runNowHeading")}
        </h2>
        <p className="text-sm text-slate-700">{t("runNowHelp")}</p>
        <RunNowForm
          jobs={SCHEDULED_JOBS.map((name) => ({ name, label: jobLabel(name) }))}
          labels={{ job: t("job"), day: t("day"), run: t("run"), queued: t("queued") }}
        />
      </section>
      <LogTable
        id="runs-heading"
        heading={t("runsHeading")}
        empty={t("noRuns")}
        testId="job-runs"
        columns={[
          { label: t("startedAt") },
          { label: t("job") },
          { label: t("forDay") },
          { label: t("attempt") },
          { label: t("status") },
          { label: t("sent"), numeric: true },
          { label: t("failed"), numeric: true },
          { label: t("summary") },
        ]}
        rows={data.runs.map((r) => ({
          key: r.id,
          cells: [
            { content: formatVietnamDateTime(r.startedAt, locale), nowrap: true },
            { content: jobLabel(r.job), rowHeader: true },
            { content: r.day ? f.day(r.day) : "", nowrap: true },
            { content: r.attempt },
            { content: statusLabel(r.status) },
            { content: f.count(r.sent), numeric: true },
            { content: f.count(r.failed), numeric: true },
            {
              content: (
                <>
                  {r.summary}
                  {r.error ? <span className="block font-semibold text-red-800">{r.error}</span> : null}
                </>
              ),
            },
          ],
        }))}
      />
      <LogTable
        id="messages-heading"
        heading={t("messagesHeading")}
        empty={t("noMessages")}
        testId="message-log"
        columns={[{ label: t("at") }, { label: t("recipient") }, { label: t("channel") }, { label: t("subject") }, { label: t("outcome") }]}
        rows={data.messages.map((m) => ({
          key: m.id,
          cells: [
            { content: formatVietnamDateTime(m.at, locale), nowrap: true },
            { content: m.user ?? "" },
            { content: m.channel },
            { content: m.subject },
            { content: m.ok ? t("ok") : t("notOk", { error: m.error ?? "" }), error: !m.ok },
          ],
        }))}
      />
    </div>
  );
}
