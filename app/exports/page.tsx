import type { Metadata } from "next";
import Link from "next/link";
import { ExportFilterForm } from "@/components/exports/export-filters";
import { apiHref, fileHref, type PageFilters } from "@/components/exports/hrefs";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireUser } from "@/lib/auth/session";
import { ExportRequestError } from "@/lib/errors";
import { getExportOptions, type ExportDatasetEntry } from "@/lib/data/exports";
import { formatDay } from "@/lib/domain/format";
import { ExportFiltersSchema } from "@/lib/schemas/exports";

export const metadata: Metadata = { title: "Xuất dữ liệu" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const link = "font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800";

function usedFilters(dataset: ExportDatasetEntry, f: PageFilters, wardName: string | null): string {
  const parts: string[] = [];
  const keys = dataset.filters;
  if (keys.includes("ward")) parts.push(wardName ?? "tất cả các phường");
  if (keys.includes("day") && f.day) parts.push(`ngày ${formatDay(f.day)}`);
  if (keys.includes("from") && f.from && f.to) parts.push(`${formatDay(f.from)}–${formatDay(f.to)}`);
  return parts.join(", ");
}

export default async function ExportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/exports");
  const parsed = ExportFiltersSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <Notice title="Bộ lọc không hợp lệ">
        <ul className="list-disc pl-5" data-testid="export-param-errors">
          {parsed.error.issues.map((i) => (
            <li key={`${i.path.join(".")}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
        <Link href="/exports" className={link}>
          Về trang xuất dữ liệu
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
      <Notice title="Không xuất được dữ liệu như yêu cầu">
        <p>{err.message}</p>
        <Link href="/exports" className={link}>
          Về trang xuất dữ liệu
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
        <h1 className="text-2xl font-bold">Xuất dữ liệu</h1>
        <p className="text-slate-700">
          {options.district.name}
          {user.role === "WARD_CHAIR" ? ` · chỉ dữ liệu của ${wardName ?? "phường của bạn"}` : ""}
          {options.range ? ` · có số liệu từ ${formatDay(options.range.from)} đến ${formatDay(options.range.to)}` : ""}
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
        <Notice title="Bộ lọc nằm ngoài dữ liệu hiện có">
          <ul className="list-disc pl-5" data-testid="export-problems">
            {options.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <>
          <section aria-labelledby="tables-heading" className="space-y-3">
            <h2 id="tables-heading" className="text-xl font-semibold">
              Bảng số liệu
            </h2>
            <p className="text-sm text-slate-700">
              CSV mở được bằng Excel (UTF-8, ngày dạng YYYY-MM-DD, số không định dạng); Excel (XLSX) có định dạng số và trang “Bộ lọc”;
              JSON qua API chỉ đọc /api/v1.
            </p>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Các bảng có thể tải với bộ lọc hiện tại</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Dữ liệu
                    </th>
                    {/* On a phone the filters are those of the form above: the column gives way to the links. */}
                    <th scope="col" className="px-3 py-2 max-sm:hidden">
                      Bộ lọc
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Tải xuống
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {options.datasets.map((dataset) => {
                    const label = dataset.label;
                    return (
                      <tr key={dataset.id} className="border-t border-slate-200 align-top" data-testid={`export-${dataset.id}`}>
                        <th scope="row" className="px-3 py-2 font-semibold">
                          {label}
                          <p className="font-normal text-slate-700">{dataset.description}</p>
                        </th>
                        <td className="px-3 py-2 max-sm:hidden">{usedFilters(dataset, filters, wardName)}</td>
                        <td className="whitespace-nowrap px-3 py-2">
                          <div className="flex flex-col gap-2 sm:flex-row sm:gap-3">
                            <a href={fileHref(dataset, "csv", filters)} className={link} download aria-label={`${label}: tải CSV`}>
                              CSV
                            </a>
                            <a href={fileHref(dataset, "xlsx", filters)} className={link} download aria-label={`${label}: tải Excel`}>
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

          {(options.documents || options.districtReport) && options.day ? (
            <section aria-labelledby="documents-heading" className="space-y-3">
              <h2 id="documents-heading" className="text-xl font-semibold">
                Văn bản
              </h2>
              <ul className="list-disc space-y-1 pl-5" data-testid="export-documents">
                {options.districtReport ? (
                  <li>
                    <a
                      className={link}
                      href={`/api/exports/district-report?${new URLSearchParams({ district: options.district.code, day: options.day })}`}
                    >
                      Báo cáo tổng quan quận (PDF)
                    </a>{" "}
                    — ngày {formatDay(options.day)}
                  </li>
                ) : null}
                {options.documents ? (
                  <li>
                    Dự thảo công văn, ngày {formatDay(options.day)}:{" "}
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
