import Link from "next/link";
import { wardHref } from "@/components/dashboard/hrefs";
import type { AlertView } from "@/lib/data/alerts";
import { alertRuleLabel } from "@/lib/domain/alerts/registry";
import { ALERT_HISTORY_DAYS } from "@/lib/domain/alerts/types";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { AckForm } from "./ack-form";
import { CopyButton } from "./copy-button";
import { SeverityBadge } from "./severity-badge";

// The alerts of a day, most severe first: what, where (a link to the ward's page on that day),
// the sentence to paste into a dispatch, the numbers behind it, how long it has held, and who
// acknowledged it with what note (or a form to do so, for those who may).

function streakText(a: AlertView): string {
  if (a.streak === null) return "Xét riêng trong ngày";
  const run = a.streak.days === 1 ? "Ngày đầu tiên" : `${a.streak.atLeast ? "Ít nhất " : ""}${a.streak.days} ngày liên tiếp`;
  return `${run} · ${a.daysInLast30 ?? a.streak.days}/${ALERT_HISTORY_DAYS} ngày gần đây`;
}

export function AlertItem({ alert: a, headingLevel = 3 }: { alert: AlertView; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  const headingId = `alert-${a.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="alert"
      data-rule={a.ruleId}
      data-ward={a.ward.code}
      data-severity={a.severity}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={a.severity} escalated={a.escalated} />
        <Heading id={headingId} className="text-base font-semibold">
          {alertRuleLabel(a.ruleId)}:{" "}
          <Link href={wardHref(a.ward.code, a.day)} className="text-brand-700 underline">
            {a.ward.name}
          </Link>
        </Heading>
        <span className="text-sm text-slate-700">{a.ward.districtName}</span>
      </div>
      <p className="mt-2 text-slate-900" data-testid="alert-message">
        {a.message}
      </p>
      <p className="mt-1 text-sm text-slate-700" data-testid="alert-streak">
        {streakText(a)}
        {a.escalated ? " · nâng mức vì kéo dài nhiều ngày liên tiếp" : ""}
      </p>
      <details className="mt-2">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">Số liệu căn cứ</summary>
        <dl className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="alert-numbers">
          {a.numbers.map((n) => (
            <div key={n.key} className="flex justify-between gap-3 border-b border-slate-100 py-1">
              <dt className="text-slate-700">{n.label}</dt>
              <dd className="tabular font-semibold">{n.display}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="mt-2">
        <CopyButton text={a.message} />
      </div>
      {a.ack ? (
        <p className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="alert-ack">
          Đã xác nhận bởi <strong>{a.ack.by.displayName}</strong> lúc {formatVietnamDateTime(a.ack.at)}: {a.ack.note}
        </p>
      ) : a.canAcknowledge ? (
        <details className="mt-2">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">Xác nhận cảnh báo</summary>
          <AckForm ruleId={a.ruleId} wardCode={a.ward.code} day={a.day} alertTitle={`${alertRuleLabel(a.ruleId)}, ${a.ward.name}`} />
        </details>
      ) : (
        <p className="mt-2 text-sm text-slate-700">Chưa xác nhận.</p>
      )}
    </article>
  );
}

export function AlertList({ alerts }: { alerts: readonly AlertView[] }) {
  if (alerts.length === 0) {
    return (
      <p role="status" className="rounded border border-slate-300 bg-white px-4 py-3 text-slate-800" data-testid="no-alerts">
        Không có cảnh báo nào khớp với bộ lọc.
      </p>
    );
  }
  return (
    <ol className="space-y-3" data-testid="alert-list">
      {alerts.map((a) => (
        <li key={a.id}>
          <AlertItem alert={a} />
        </li>
      ))}
    </ol>
  );
}
