import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { getDomainText } from "@/i18n/domain-text";
import { parseLocale } from "@/i18n/locales";
import { ParamError } from "@/components/dashboard/param-error";
import { PageMessages } from "@/components/i18n/page-messages";
import { UnitChangeHistory } from "@/components/units/unit-change-history";
import { CloseUnitForm, MergeUnitsForm, OpenUnitForm, RenameUnitForm, SplitUnitForm } from "@/components/units/unit-change-forms";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getUnitAdminView, type AdminUnit, type AdminUnitRow } from "@/lib/data/unit-admin";
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { CHILD_LEVEL, unitStatusOn, validityText } from "@/lib/domain/unit-changes";
import { unitNoun } from "@/lib/domain/unit-wording";
import { UnitsPageParamsSchema } from "@/lib/schemas/units";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("units.page");
  return { title: t("metaTitle") };
}

type PageWords = Awaited<ReturnType<typeof getTranslations<"units.page">>>;
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Admins record how the unit tree changes (issue 12, part 2): rename, open, close, merge, split,
// each from a day and with a reason; a new code list is imported at /admin/units/code-list. The
// page is a convenience: the actions and the data layer check the role and the units again.

const href = (parent: string, unit?: string) => `/admin/units?parent=${encodeURIComponent(parent)}${unit ? `&unit=${encodeURIComponent(unit)}#thay-doi` : ""}`;

function StatusBadge({ unit, today, t }: { unit: AdminUnit; today: string; t: PageWords }) {
  const status = unitStatusOn(unit, today);
  const style = status === "valid" ? "border-green-700 text-green-900" : status === "closed" ? "border-slate-500 text-slate-700" : "border-amber-600 text-amber-900";
  const word = status === "valid" ? t("statusValid") : status === "closed" ? t("statusClosed") : t("statusFuture");
  return <span className={`inline-block rounded border px-2 text-sm ${style}`}>{word}</span>;
}

/** The unit's dates, when it has any ("Có hiệu lực từ 01/07/2025"); null for a unit in force since always. */
function validityDates(unit: AdminUnit, t: PageWords, fmt: FigureFormats): string | null {
  const { validFrom: from, validTo: to } = unit;
  if (from && to) return t("validFromTo", { from: fmt.day(from), to: fmt.day(to) });
  if (from) return t("validFrom", { day: fmt.day(from) });
  if (to) return t("validTo", { day: fmt.day(to) });
  return null;
}

/**
 * The status on `today` as a badge, then the dates when there are any: a unit in force since always
 * said "Đang có hiệu lực" twice (badge, then the same words as its validity).
 */
function Validity({ unit, today, t, fmt, block = false }: { unit: AdminUnit; today: string; t: PageWords; fmt: FigureFormats; block?: boolean }) {
  const dates = validityDates(unit, t, fmt);
  return (
    <>
      <StatusBadge unit={unit} today={today} t={t} />
      {dates ? <span className={block ? "block" : undefined}>{block ? dates : ` ${dates}`}</span> : null}
    </>
  );
}

function figuresLabel(row: AdminUnitRow, t: PageWords, fmt: FigureFormats): string {
  if (!row.figures) return t("noFigures");
  return row.figures.first === row.figures.last ? fmt.day(row.figures.first) : t("figuresSpan", { first: fmt.day(row.figures.first), last: fmt.day(row.figures.last) });
}

export default async function UnitsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN"], "/admin/units");
  const t = await getTranslations("units.page");
  const locale = parseLocale(await getLocale());
  const fmt = figureFormats(locale);
  const units = await getTranslations("units");
  const { text } = await getDomainText();
  const parsed = UnitsPageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/admin/units" backLabel={t("backToList")} />;
  const view = await orDeny(async () => getUnitAdminView(user, parsed.data));
  const { parent, ancestors, children, selected, changes, search, today } = view;
  const childLevel = CHILD_LEVEL[parent.level];
  // Vietnamese names the children by their GSO types ("xã, thị trấn"); English by their level.
  const childNoun =
    childLevel === null
      ? ""
      : locale === "vi" && (childLevel === "DISTRICT" || childLevel === "WARD")
        ? unitNoun(children.map((c) => c.type), childLevel)
        : units(`childNouns.${childLevel}` as "childNouns.WARD");
  const openChildren = children.filter((c) => c.validTo === null);
  const parentOpen = parent.validTo === null;

  return (
    // The change forms (components/units/unit-change-forms.tsx, fields.tsx) translate in the browser.
    <PageMessages namespaces={["units.fields", "units.forms"]}>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-bold">{t("heading")}</h1>
          <p className="max-w-3xl text-slate-700">
            {t.rich("intro", {
              link: (chunks) => (
                <Link href="/admin/units/code-list" className="font-semibold text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>

        <form method="get" className="flex flex-wrap items-end gap-2" role="search" aria-label={t("search")}>
          <div>
            <label htmlFor="units-q" className="block font-semibold">
              {t("searchLabel")}
            </label>
            <input id="units-q" name="q" defaultValue={search?.q ?? ""} maxLength={60} className="mt-1 min-h-11 rounded border border-slate-500 bg-white px-3" />
          </div>
          <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-4 font-semibold text-brand-800">
            {t("searchSubmit")}
          </button>
        </form>
        {search ? (
          <section aria-labelledby="search-heading" className="rounded border border-slate-200 bg-white p-4">
            <h2 id="search-heading" className="font-semibold">
              {search.results.length === 0 ? t("noMatch", { q: search.q }) : t("matches", { q: search.q })}
            </h2>
            <ul className="mt-2 space-y-1">
              {search.results.map((u) => (
                <li key={u.code}>
                  <Link href={u.level === "WARD" ? href(u.parentCode ?? u.code, u.code) : href(u.code)} className="text-brand-700 underline">
                    {u.name} ({u.code})
                  </Link>{" "}
                  <span className="text-sm text-slate-700">
                    {units(`levels.${u.level}`)} · {text(validityText(u))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <nav aria-label={t("parents")}>
          <ol className="flex flex-wrap gap-1 text-sm">
            {ancestors.map((a) => (
              <li key={a.code}>
                <Link href={href(a.code)} className="text-brand-700 underline">
                  {a.name}
                </Link>{" "}
                ›
              </li>
            ))}
            <li aria-current="page" className="font-semibold">
              {parent.name}
            </li>
          </ol>
        </nav>

        <section aria-labelledby="parent-heading" className="space-y-3">
          <h2 id="parent-heading" className="text-xl font-semibold">
            {parent.name} <span className="font-normal text-slate-700">({parent.code})</span>
          </h2>
          <p className="text-slate-700">
            <Validity unit={parent} today={today} t={t} fmt={fmt} />
            {childLevel ? ` · ${t("validToday", { count: fmt.count(children.filter((c) => unitStatusOn(c, today) === "valid").length), noun: childNoun, day: fmt.day(today) })}` : ""}
            {parent.level !== "COUNTRY" ? (
              <>
                {" · "}
                <Link href={href(parent.parentCode ?? parent.code, parent.code)} className="text-brand-700 underline">
                  {t("changeUnit", { name: parent.name })}
                </Link>
              </>
            ) : null}
          </p>
          {children.length > 0 ? (
            // relative: the visually hidden header text is positioned against the scroll box, not the page (it widened the page on phones)
            <div className="relative overflow-x-auto">
              <table className="min-w-full bg-white text-left text-sm" data-testid="unit-children">
                <caption className="sr-only">{t("childrenCaption", { name: parent.name })}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="px-2 py-2">{t("colCode")}</th>
                    <th scope="col" className="px-2 py-2">{t("colName")}</th>
                    <th scope="col" className="px-2 py-2">{t("colType")}</th>
                    <th scope="col" className="px-2 py-2">{t("colValidity")}</th>
                    <th scope="col" className="px-2 py-2">{t("colFigures")}</th>
                    <th scope="col" className="px-2 py-2">{t("colAccounts")}</th>
                    <th scope="col" className="px-2 py-2">
                      <span className="sr-only">{t("colActions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.code} className={`border-b border-slate-100 ${c.code === selected?.code ? "bg-sky-50" : ""}`} data-testid={`unit-${c.code}`}>
                      <td className="px-2 py-2 font-mono">{c.code}</td>
                      <th scope="row" className="px-2 py-2 text-left font-normal">
                        {c.level !== "WARD" ? (
                          <Link href={href(c.code)} className="text-brand-700 underline">
                            {c.name}
                          </Link>
                        ) : (
                          c.name
                        )}
                      </th>
                      <td className="px-2 py-2">{c.type ?? "—"}</td>
                      <td className="px-2 py-2">
                        <Validity unit={c} today={today} t={t} fmt={fmt} block />
                      </td>
                      <td className="px-2 py-2">{figuresLabel(c, t, fmt)}</td>
                      <td className="px-2 py-2">{fmt.count(c.users)}</td>
                      <td className="px-2 py-2">
                        <Link href={href(parent.code, c.code)} className="inline-block min-h-11 py-2 font-semibold text-brand-700 underline" aria-label={t("changeUnit", { name: c.name })}>
                          {t("change")}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-slate-700">{t("noChildren")}</p>
          )}
        </section>

        {selected ? (
          <section id="thay-doi" aria-labelledby="selected-heading" className="space-y-3">
            <h2 id="selected-heading" className="text-xl font-semibold">
              {t("changeUnit", { name: selected.name })} <span className="font-normal text-slate-700">({selected.code})</span>
            </h2>
            <p className="text-slate-700">
              {t(selected.users > 0 && selected.validTo === null ? "selectedSummaryMove" : "selectedSummary", {
                validity: text(validityText(selected)),
                figures: figuresLabel(selected, t, fmt),
                users: fmt.count(selected.users),
              })}
            </p>
            <div className="grid gap-4 lg:grid-cols-2">
              <RenameUnitForm key={`rename-${selected.code}`} unit={selected} today={today} />
              {selected.level !== "COUNTRY" ? (
                <>
                  <CloseUnitForm key={`close-${selected.code}`} unit={selected} today={today} endedOn={selected.validTo} />
                  <SplitUnitForm key={`split-${selected.code}`} unit={selected} today={today} endedOn={selected.validTo} />
                </>
              ) : null}
            </div>
          </section>
        ) : null}

        {childLevel && parentOpen ? (
          <section aria-labelledby="add-heading" className="space-y-3">
            <h2 id="add-heading" className="text-xl font-semibold">
              {t("addHeading", { noun: childNoun, name: parent.name })}
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              <OpenUnitForm parent={parent} childNoun={childNoun} today={today} />
              {openChildren.length >= 2 ? <MergeUnitsForm candidates={openChildren} childNoun={childNoun} today={today} /> : null}
            </div>
          </section>
        ) : null}

        <section aria-labelledby="history-heading" className="space-y-2">
          <h2 id="history-heading" className="text-xl font-semibold">
            {t("historyHeading")}
          </h2>
          <UnitChangeHistory changes={changes} />
        </section>
      </div>
    </PageMessages>
  );
}
