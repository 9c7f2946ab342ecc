import { formatDay } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { UNIT_CHANGE_KIND_LABELS } from "@/lib/domain/unit-changes";
import type { UnitChangeView } from "@/lib/data/unit-admin";

// The recorded changes, newest first: what changed from which day, why, who recorded it and when.

export function UnitChangeHistory({ changes }: { changes: readonly UnitChangeView[] }) {
  if (changes.length === 0) return <p className="text-slate-700">Chưa có thay đổi nào được ghi.</p>;
  return (
    <ol className="space-y-2" data-testid="unit-history">
      {changes.map((c) => (
        <li key={c.id} className="rounded border border-slate-200 bg-white p-3" data-testid="unit-change">
          <p className="font-semibold">
            {UNIT_CHANGE_KIND_LABELS[c.kind]} · từ ngày {formatDay(c.effectiveOn)}
          </p>
          <p>{c.summary}.</p>
          <p className="text-sm text-slate-700">
            Lý do: {c.reason} · ghi lúc <time dateTime={c.at.toISOString()}>{formatVietnamDateTime(c.at)}</time>
            {c.by ? ` bởi ${c.by}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
