import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import Link from "next/link";
import { ExportFilterForm } from "@/components/exports/export-filters";
import { apiHref, fileHref, provinceFileHref, takesProvince, type PageFilters } from "@/components/exports/hrefs";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { ExportRequestError } from "@/lib/errors";
import { getExportOptions, type ExportDatasetEntry } from "@/lib/data/exports";
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { getDomainText } from "@/i18n/domain-text";
import { parseLocale } from "@/i18n/locales";
import { ExportFiltersSchema } from "@/lib/schemas/exports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports"))("title") };
}

type T = Awaited<ReturnType<typeof getTranslations<"exports">>>;
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const link = "font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800";

function usedFilters(t: T, fmt: FigureFormats, dataset: ExportDatasetEntry, f: PageFilters, wardName: string | null): string {
  const parts: string[] = [];
  const keys = dataset.filters;
  if (keys.includes("ward")) parts.push(wardName ?? t("allWardsLower"));
  if (keys.includes("day") && f.day) parts.push(t("onDay", { day: fmt.day(f.day) }));
  if (keys.includes("from") && f.from && f.to) parts.push(`${fmt.day(f.from)}–${fmt.day(f.to)}`);
  return parts.join(", ");
}

export default async function ExportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/exports");
  const t = await getTranslations("exports");
  const f = figureFormats(parseLocale(await getLocale()));
  const { text } = await getDomainText();
  const parsed = ExportFiltersSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title={t("invalidFilters")}>
        <ul className="list-disc pl-5" data-testid="export-param-errors">
          {parsed.error.issues.map((i) => (
            <li key={`${i.path.join(".")}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
        <Link href="/exports" className={link}>
          {t("back")}
        </Link>
      </Notice>
    );
  }
  let options;
  try {
    options = await orDeny(async () => getExportOptions(user, parsed.data));
  } catch (err) {
    if (!(err instanceof ExportRequestError)) throw err;
    return (
      <Notice title={t("refused")}>
        <p>{err.message}</p>
        <Link href="/exports" className={link}>
          {t("back")}
        </Link>
      </Notice>
    );
  }
  const filters: PageFilters = {
    district: options.district.code,
    ward: options.ward?.code ?? null,
    day: options.day,
    from: options.from,
    to: options.to,
  };
  const wardName = options.ward?.name ?? null;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">
          {options.district.name}
          {user.role === "WARD_CHAIR" ? ` · ${t("onlyWard", { ward: wardName ?? t("yourWard") })}` : ""}
          {options.range ? ` · ${t("range", { from: f.day(options.range.from), to: f.day(options.range.to) })}` : ""}
        </p>
      </div>

      <ExportFilterForm
        districts={options.districts}
        district={options.district.code}
        wards={options.wards}
        ward={options.ward?.code ?? null}
        wardFixed={user.role === "WARD_CHAIR"}
        day={options.day}
        from={options.from}
        to={options.to}
        min={options.range?.from}
        max={options.range?.to}
      />

      {options.problems.length > 0 ? (
        <Notice title={t("outOfData")}>
          <ul className="list-disc pl-5" data-testid="export-problems">
            {options.problems.map((p) => (
              <li key={p.key}>{text(p)}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <>
          <section aria-labelledby="tables-heading" className="space-y-3">
            <h2 id="tables-heading" className="text-xl font-semibold">
              {t("tables")}
            </h2>
            <p className="text-sm text-slate-700">{t("formats")}</p>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">{t("caption")}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("columns.data")}
                    </th>
                    {/* On a phone the filters are those of the form above: the column gives way to the links. */}
                    <th scope="col" className="px-3 py-2 max-sm:hidden">
                      {t("columns.filters")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t("columns.download")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {options.datasets.map((dataset) => {
                    const label = t(`datasets.${dataset.id}.label`);
                    return (
                      <tr key={dataset.id} className="border-t border-slate-200 align-top" data-testid={`export-${dataset.id}`}>
                        <th scope="row" className="px-3 py-2 font-semibold">
                          {label}
                          <p className="font-normal text-slate-700">{t(`datasets.${dataset.id}.description`)}</p>
                        </th>
                        <td className="px-3 py-2 max-sm:hidden">{usedFilters(t, f, dataset, filters, wardName)}</td>
                        <td className="whitespace-nowrap px-3 py-2">
                          <div className="flex flex-col gap-2 sm:flex-row sm:gap-3">
                            <a href={fileHref(dataset, "csv", filters)} className={link} download aria-label={t("downloadCsv", { label })}>
                              CSV
                            </a>
                            <a href={fileHref(dataset, "xlsx", filters)} className={link} download aria-label={t("downloadExcel", { label })}>
                              Excel
                            </a>
                            <a href={apiHref(dataset, filters)} className={link} aria-label={`${label}: JSON (API)`}>
                              JSON
                            </a>
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          {options.province ? (
            <section aria-labelledby="province-heading" className="space-y-3" data-testid="export-province">
              <h2 id="province-heading" className="text-xl font-semibold">
                {t("province.heading", { province: options.province.name })}
              </h2>
              <p className="text-sm text-slate-700">
                {options.from && options.to
                  ? t("province.intro", { province: options.province.name, from: f.day(options.from), to: f.day(options.to) })
                  : t("province.introNoRange", { province: options.province.name })}
              </p>
              <ul className="list-disc space-y-1 pl-5">
                {options.datasets.filter(takesProvince).map((dataset) => {
                  const label = `${t(`datasets.${dataset.id}.label`)} – ${options.province?.name ?? ""}`;
                  const scope = { province: options.province?.code ?? "", from: options.from, to: options.to };
                  return (
                    <li key={dataset.id}>
                      {t(`datasets.${dataset.id}.label`)}:{" "}
                      <a href={provinceFileHref(dataset, "csv", scope)} className={link} download aria-label={t("downloadCsv", { label })}>
                        CSV
                      </a>{" "}
                      ·{" "}
                      <a href={provinceFileHref(dataset, "xlsx", scope)} className={link} download aria-label={t("downloadExcel", { label })}>
                        Excel
                      </a>
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : null}

          {(options.documents || options.districtReport) && options.day ? (
            <section aria-labelledby="documents-heading" className="space-y-3">
              <h2 id="documents-heading" className="text-xl font-semibold">
                {t("documents")}
              </h2>
              <ul className="list-disc space-y-1 pl-5" data-testid="export-documents">
                {options.districtReport ? (
                  <li>
                    <a
                      className={link}
                      href={`/api/exports/district-report?${new URLSearchParams({ district: options.district.code, day: options.day })}`}
                    >
                      {t("districtReport")}
                    </a>{" "}
                    — {t("onDay", { day: f.day(options.day) })}
                  </li>
                ) : null}
                {options.documents ? (
                  <li>
                    {t("dispatchDraft", { day: f.day(options.day) })}{" "}
                    {(["docx", "pdf"] as const).map((format, i) => (
                      <span key={format}>
                        {i > 0 ? " · " : ""}
                        <a
                          className={link}
                          href={`/api/exports/dispatch?${new URLSearchParams({
                            district: options.district.code,
                            installDay: options.day ?? "",
                            qrDay: options.day ?? "",
                            format,
                          })}`}
                        >
                          {format === "docx" ? "Word (DOCX)" : "PDF"}
                        </a>
                      </span>
                    ))}
                  </li>
                ) : null}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
