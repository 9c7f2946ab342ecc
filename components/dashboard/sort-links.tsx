import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { RANK_METRICS, type RankMetric } from "@/lib/domain/rank-metric";

// The metric a ranking is sorted by, as links (server-side sort: every view is a URL). The links'
// look is in globals.css (`.srt`; the current one by its aria-current).
export async function SortLinks({ current, hrefFor, label }: { current: RankMetric; hrefFor: (metric: RankMetric) => string; label: string }) {
  const t = await getTranslations("overview.sort");
  return (
    <nav aria-label={label} className="srt flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-700">{t("by")}</span>
      {RANK_METRICS.map((m) => (
        <Link
          key={m}
          href={hrefFor(m)}
          aria-current={m === current ? "true" : undefined}
        >
          {t(`metrics.${m}`)}
        </Link>
      ))}
    </nav>
  );
}
