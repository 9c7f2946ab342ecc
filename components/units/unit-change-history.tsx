import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import type { UnitChangeView } from "@/lib/data/unit-admin";

// The recorded changes, newest first: what changed from which day, why, who recorded it and when.

export async function UnitChangeHistory({ changes }: { changes: readonly UnitChangeView[] }) {
  const t = await getTranslations("units.history");
  const locale = parseLocale(await getLocale());
  const fmt = figureFormats(locale);
  if (changes.length === 0) return <p className="text-slate-700">{t("none")}</p>;
  return (
    <ol className="space-y-2" data-testid="unit-history">
      {changes.map((c) => (
        <li key={c.id} className="rounded border border-slate-200 bg-white p-3" data-testid="unit-change">
          <p className="font-semibold">
            {t("kindFrom", { kind: t(`kinds.${c.kind}`), day: fmt.day(c.effectiveOn) })}
          </p>
          <p>{c.summary}.</p>
          <p className="text-sm text-slate-700">
            {t.rich(c.by ? "recordedBy" : "recorded", {
              reason: c.reason,
              at: formatVietnamDateTime(c.at, locale),
              by: c.by ?? "",
              time: (chunks) => <time dateTime={c.at.toISOString()}>{chunks}</time>,
            })}
          </p>
        </li>
      ))}
    </ol>
  );
}
