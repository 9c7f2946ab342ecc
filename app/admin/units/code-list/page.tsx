import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { CodeListImport } from "@/components/units/code-list-import";
import { PageMessages } from "@/components/i18n/page-messages";
import { UnitChangeHistory } from "@/components/units/unit-change-history";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { listUnitChanges } from "@/lib/data/unit-admin";
import { todayInVietnam } from "@/lib/domain/days";
import { CODE_LIST_HEADER } from "@/lib/domain/unit-code-list";
import { CODE_LIST_MAX_BYTES } from "@/lib/schemas/units";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("units.codeList");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";

// A new code list of the General Statistics Office (issue 12, part 2): previewed (what it adds,
// renames, retypes, moves and closes), then applied in one transaction, audited. Admins only; the
// actions and the data layer check again.

/** The columns of the code list with an example each; what they mean is in the catalog (units.codeList.meaning). */
const COLUMNS = [
  { name: "code", example: "00037" },
  { name: "level", example: "ward" },
  { name: "name", example: "Phường Phúc Tân" },
  { name: "type", example: "Phường" },
  { name: "parent_code", example: "002" },
] as const;

export default async function CodeListPage() {
  const user = await requireRole(["ADMIN"], "/admin/units/code-list");
  const t = await getTranslations("units.codeList");
  const changes = await orDeny(async () => (await listUnitChanges(user, null, 50)).filter((c) => c.kind === "CODE_LIST"));
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/units" className="text-sm font-semibold text-brand-700 underline">
          {t("back")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("intro", { kb: CODE_LIST_MAX_BYTES / 1024 })}</p>
      </div>
      <section aria-labelledby="format-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="format-heading" className="mb-2 text-lg font-semibold">
          {t("formatHeading")}
        </h2>
        <p className="mb-2 text-sm">{t.rich("formatLines", { header: CODE_LIST_HEADER, code: (chunks) => <code>{chunks}</code> })}</p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("columnsCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-4">{t("colColumn")}</th>
                <th scope="col" className="py-1 pr-4">{t("colMeaning")}</th>
                <th scope="col" className="py-1 pr-4">{t("colExample")}</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.name} className="border-b border-slate-100">
                  <td className="py-1 pr-4 font-mono">{c.name}</td>
                  <td className="py-1 pr-4">{t(`meaning.${c.name}`)}</td>
                  <td className="py-1 pr-4 font-mono">{c.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <PageMessages namespaces={["units.importForm"]}>
        <CodeListImport today={todayInVietnam()} />
      </PageMessages>
      <section aria-labelledby="applied-heading" className="space-y-2">
        <h2 id="applied-heading" className="text-xl font-semibold">
          {t("appliedHeading")}
        </h2>
        <UnitChangeHistory changes={changes} />
      </section>
    </div>
  );
}
