import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RANK_METRICS, type RankMetric } from "@/lib/domain/rank-metric";

// The metric a ranking is sorted by, as links (server-side sort: every view is a URL).
export async function SortLinks({ current, hrefFor, label }: { current: RankMetric; hrefFor: (metric: RankMetric) => string; label: string }) {
  const t = await getTranslations("overview.sort");
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-700">{t("by")}</span>
      {RANK_METRICS.map((m) => (
        <Link
          key={m}
          href={hrefFor(m)}
          aria-current={m === current ? "true" : undefined}
          className={`rounded border px-2 py-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 ${
            m === current ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-slate-400 bg-white text-brand-700 hover:bg-slate-100"
          }`}
        >
          {t(`metrics.${m}`)}
        </Link>
      ))}
    </nav>
  );
}
