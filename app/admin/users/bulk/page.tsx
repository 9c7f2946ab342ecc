import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { formatCount } from "@/lib/domain/format";
import Link from "next/link";
import { BulkUsersForm } from "@/components/admin/bulk-users-form";
import { requireRole } from "@/lib/auth/session";
import { BULK_USER_MAX_BYTES, BULK_USER_MAX_ROWS, PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// Onboarding a city: district officials and ward chairs created in bulk from a CSV file (admins).
// The page is a convenience; the actions check the role and the data layer checks it again.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("bulk.title") };
}
export const dynamic = "force-dynamic";

/** The file's columns; what each means is "admin.bulk.columns.<name>" in the catalogs. */
const COLUMNS: { name: string; required: boolean; example: string }[] = [
  { name: "username", required: true, example: "phuong.phucxa" },
  { name: "display_name", required: true, example: "Trần Thị Bình" },
  { name: "role", required: true, example: "WARD_CHAIR" },
  { name: "unit_code", required: true, example: "00001" },
  { name: "phone", required: false, example: "0912 345 678" },
  { name: "email", required: false, example: "binh.tt@hanoi.gov.vn" },
];

export default async function BulkUsersPage() {
  await requireRole(["ADMIN"], "/admin/users/bulk");
  const t = await getTranslations("admin.bulk");
  const locale = parseLocale(await getLocale());
  return (
    <PageMessages namespaces={["admin.bulk", "labels.roles"]}>
    <div className="space-y-6">
      <div>
        <Link href="/admin/users" className="text-sm font-semibold text-brand-700 underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          {t("intro", { rows: formatCount(BULK_USER_MAX_ROWS, undefined, locale), kb: BULK_USER_MAX_BYTES / 1024, min: PASSWORD_MIN_LENGTH })}
        </p>
      </div>
      <section aria-labelledby="columns-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="columns-heading" className="mb-2 text-lg font-semibold">
          {t("columnsHeading")}
        </h2>
        {/* a phone scrolls the table sideways: by keyboard too (focusable, named by the heading); relative keeps the hidden caption inside */}
        <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby="columns-heading">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("columnsCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-4">
                  {t("column")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("required")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("meaning")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("example")}
                </th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.name} className="border-b border-slate-100">
                  <td className="py-1 pr-4 font-mono">{c.name}</td>
                  <td className="py-1 pr-4">{c.required ? t("yes") : t("no")}</td>
                  <td className="py-1 pr-4">{t(`columns.${c.name}`)}</td>
                  <td className="py-1 pr-4 font-mono">{c.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-sm text-slate-700">
          {t("columnsNote")}
        </p>
      </section>
      <BulkUsersForm />
    </div>
    </PageMessages>
  );
}
