import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import type { PageSpan } from "@/lib/domain/venue-activity";

// Pages of the venue list as links (every page is a URL; Tab and Enter move between them). A page
// that does not exist from here is said, not linked.

const LINK =
  "rounded border border-slate-400 bg-white px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800";
const NO_LINK = "rounded border border-slate-200 px-3 py-2 text-slate-600";

function PageLink({ page, label, rel, hrefFor }: { page: number | null; label: string; rel?: string; hrefFor: (page: number) => string }) {
  if (page === null) {
    return (
      <span aria-disabled="true" className={NO_LINK}>
        {label}
      </span>
    );
  }
  return (
    <Link href={hrefFor(page)} rel={rel} prefetch={false} className={LINK}>
      {label}
    </Link>
  );
}

export async function VenuePager({ span, hrefFor }: { span: PageSpan; hrefFor: (page: number) => string }) {
  if (span.pageCount <= 1 && !span.outOfRange) return null;
  const t = await getTranslations("ward.venues");
  const fmt = figureFormats(parseLocale(await getLocale()));
  // past the last page: "previous" is the last page
  const current = span.outOfRange ? span.pageCount + 1 : span.page;
  const before = current > 1 ? current - 1 : null;
  const after = current < span.pageCount ? current + 1 : null;
  return (
    <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-2 text-sm" data-testid="venue-pager">
      <PageLink page={current > 1 ? 1 : null} label={t("first")} hrefFor={hrefFor} />
      <PageLink page={before} label={t("previous")} rel="prev" hrefFor={hrefFor} />
      <span aria-current={span.outOfRange ? undefined : "page"} className="px-2 font-semibold">
        {t("page", { page: fmt.count(span.page), pageCount: fmt.count(span.pageCount) })}
      </span>
      <PageLink page={after} label={t("next")} rel="next" hrefFor={hrefFor} />
      <PageLink page={current < span.pageCount ? span.pageCount : null} label={t("last")} hrefFor={hrefFor} />
    </nav>
  );
}
