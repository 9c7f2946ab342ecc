import { formatCount, formatDay } from "@/lib/domain/format";
import { IMPORT_KIND_LABELS } from "@/lib/domain/imports/catalogue";
import { formatBytes, formatSeconds } from "@/lib/domain/imports/progress";
import type { ImportResultExtras } from "@/lib/domain/imports/scope";
import type { ImportResultView } from "@/lib/schemas/imports";
import { ImportErrorTable } from "./error-table";
import { ImportStatusBadge } from "./status-badge";

// What an upload did, right after it: the outcome, the summary, the days it covers, what it
// replaced and kept (its scope), whether it replaced figures of approved ward reports, and the
// first errors with a link to all of them.

export function ImportResultPanel({ result, extras = null }: { result: ImportResultView; extras?: ImportResultExtras | null }) {
  const tone =
    result.status === "SUCCEEDED" ? "border-green-300 bg-green-50" : result.status === "DUPLICATE" ? "border-amber-300 bg-amber-50" : "border-red-300 bg-red-50";
  return (
    <section aria-labelledby="import-result-heading" className={`space-y-3 rounded-lg border p-4 ${tone}`} data-testid="import-result" data-status={result.status}>
      <h2 id="import-result-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span>
          Lần nhập #{result.id}: {IMPORT_KIND_LABELS[result.kind]}
        </span>
        <ImportStatusBadge status={result.status} />
      </h2>
      <p className="font-semibold" data-testid="import-result-message">
        {result.message}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Tệp</dt>
        <dd className="break-all">{result.fileName}</dd>
        <dt className="font-semibold">Dung lượng</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt className="font-semibold">Số dòng số liệu</dt>
        <dd data-testid="import-result-rows">{formatCount(result.rows)}</dd>
        {result.rowsRejected > 0 ? (
          <>
            <dt className="font-semibold">Dòng có lỗi</dt>
            <dd>{formatCount(result.rowsRejected)}</dd>
          </>
        ) : null}
        {result.dayFrom && result.dayTo ? (
          <>
            <dt className="font-semibold">Ngày áp dụng</dt>
            <dd>{result.dayFrom === result.dayTo ? formatDay(result.dayFrom) : `${formatDay(result.dayFrom)} – ${formatDay(result.dayTo)}`}</dd>
          </>
        ) : null}
        {extras?.scope ? (
          <>
            <dt className="font-semibold">Đã thay</dt>
            <dd data-testid="import-result-scope">{extras.scope.text}</dd>
          </>
        ) : null}
        {extras?.approved?.confirmed ? (
          <>
            <dt className="font-semibold">Số liệu đã duyệt</dt>
            <dd data-testid="import-result-approved" className="font-semibold text-amber-900">
              Đã thay số liệu của {formatCount(extras.approved.count)} phường-ngày có báo cáo đã được duyệt (theo xác nhận của người nạp).
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">Thời gian</dt>
        <dd>{formatSeconds(result.durationMs)}</dd>
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
