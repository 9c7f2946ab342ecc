import { useLocale, useTranslations } from "next-intl";
import { figureFormats } from "@/lib/domain/format";
import { formatBytes, formatSeconds } from "@/lib/domain/imports/progress";
import type { ImportResultExtras } from "@/lib/domain/imports/scope";
import type { ImportResultView } from "@/lib/schemas/imports";
import { ImportErrorTable } from "./error-table";
import { importDays } from "./import-list";
import { ImportStatusBadge } from "./status-badge";

// What an upload did, right after it: the outcome, the summary, the days it covers, what it
// replaced and kept (its scope), whether it replaced figures of approved ward reports, and the
// first errors with a link to all of them.

export function ImportResultPanel({ result, extras = null }: { result: ImportResultView; extras?: ImportResultExtras | null }) {
  const t = useTranslations("imports");
  const locale = useLocale() === "en" ? "en" : "vi";
  const f = figureFormats(locale);
  const tone =
    result.status === "SUCCEEDED" ? "border-green-300 bg-green-50" : result.status === "DUPLICATE" ? "border-amber-300 bg-amber-50" : "border-red-300 bg-red-50";
  return (
    <section aria-labelledby="import-result-heading" className={`space-y-3 rounded-lg border p-4 ${tone}`} data-testid="import-result" data-status={result.status}>
      <h2 id="import-result-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span>
          {t("importTitle", { id: result.id, kind: t(`kinds.${result.kind}`) })}
        </span>
        <ImportStatusBadge status={result.status} />
      </h2>
      <p className="font-semibold" data-testid="import-result-message">
        {result.message}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">{t("file")}</dt>
        <dd className="break-all">{result.fileName}</dd>
        <dt className="font-semibold">{t("size")}</dt>
        <dd>{formatBytes(result.bytes, locale)}</dd>
        <dt className="font-semibold">{t("dataRows")}</dt>
        <dd data-testid="import-result-rows">{f.count(result.rows)}</dd>
        {result.rowsRejected > 0 ? (
          <>
            <dt className="font-semibold">{t("errorRows")}</dt>
            <dd>{f.count(result.rowsRejected)}</dd>
          </>
        ) : null}
        {result.dayFrom && result.dayTo ? (
          <>
            <dt className="font-semibold">{t("days")}</dt>
            <dd>{importDays(result, f)}</dd>
          </>
        ) : null}
        {extras?.scope ? (
          <>
            <dt className="font-semibold">{t("replaced")}</dt>
            <dd data-testid="import-result-scope">{extras.scope.text}</dd>
          </>
        ) : null}
        {extras?.approved?.confirmed ? (
          <>
            <dt className="font-semibold">{t("approved")}</dt>
            <dd data-testid="import-result-approved" className="font-semibold text-amber-900">
              {t("approvedReplaced", { count: extras.approved.count, shown: f.count(extras.approved.count) })}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("duration")}</dt>
        <dd>{formatSeconds(result.durationMs, locale)}</dd>
      </dl>
      {result.details.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {result.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
      <ImportErrorTable errors={result.errors} total={result.errorCount} reportHref={result.hasErrorReport ? `/api/imports/${result.id}/errors` : null} />
    </section>
  );
}
