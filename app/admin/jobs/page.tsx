import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { RunNowForm, ScheduleForm } from "@/components/notifications/job-forms";
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
      <section aria-labelledby="runs-heading" className="space-y-2">
        <h2 id="runs-heading" className="text-lg font-semibold">
          {t("runsHeading")}
        </h2>
        {data.runs.length === 0 ? (
          <p className="text-slate-700">{t("noRuns")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full bg-white text-sm" data-testid="job-runs">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="px-3 py-2">{t("startedAt")}</th>
                  <th scope="col" className="px-3 py-2">{t("job")}</th>
                  <th scope="col" className="px-3 py-2">{t("forDay")}</th>
                  <th scope="col" className="px-3 py-2">{t("attempt")}</th>
                  <th scope="col" className="px-3 py-2">{t("status")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("sent")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("failed")}</th>
                  <th scope="col" className="px-3 py-2">{t("summary")}</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr key={r.id} className="border-t border-slate-200 align-top">
                    <td className="whitespace-nowrap px-3 py-2">{formatVietnamDateTime(r.startedAt, locale)}</td>
                    <th scope="row" className="px-3 py-2 text-left font-semibold">{jobLabel(r.job)}</th>
                    <td className="whitespace-nowrap px-3 py-2">{r.day ? f.day(r.day) : ""}</td>
                    <td className="px-3 py-2">{r.attempt}</td>
                    <td className="px-3 py-2">{statusLabel(r.status)}</td>
                    <td className="px-3 py-2 text-right">{f.count(r.sent)}</td>
                    <td className="px-3 py-2 text-right">{f.count(r.failed)}</td>
                    <td className="px-3 py-2">
                      {r.summary}
                      {r.error ? <span className="block font-semibold text-red-800">{r.error}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="messages-heading" className="space-y-2">
        <h2 id="messages-heading" className="text-lg font-semibold">
          {t("messagesHeading")}
        </h2>
        {data.messages.length === 0 ? (
          <p className="text-slate-700">{t("noMessages")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full bg-white text-sm" data-testid="message-log">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="px-3 py-2">{t("at")}</th>
                  <th scope="col" className="px-3 py-2">{t("recipient")}</th>
                  <th scope="col" className="px-3 py-2">{t("channel")}</th>
                  <th scope="col" className="px-3 py-2">{t("subject")}</th>
                  <th scope="col" className="px-3 py-2">{t("outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {data.messages.map((m) => (
                  <tr key={m.id} className="border-t border-slate-200 align-top">
                    <td className="whitespace-nowrap px-3 py-2">{formatVietnamDateTime(m.at, locale)}</td>
                    <td className="px-3 py-2">{m.user ?? ""}</td>
                    <td className="px-3 py-2">{m.channel}</td>
                    <td className="px-3 py-2">{m.subject}</td>
                    <td className={m.ok ? "px-3 py-2" : "px-3 py-2 font-semibold text-red-800"}>{m.ok ? t("ok") : t("notOk", { error: m.error ?? "" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
