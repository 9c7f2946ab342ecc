import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { importDays, importInstant } from "@/components/imports/import-list";
import { getDomainText } from "@/i18n/domain-text";
import Link from "next/link";
import { notFound } from "next/navigation";
import { errorRows } from "@/components/imports/error-rows";
import { ImportErrorTable } from "@/components/imports/error-table";
import { ImportStatusBadge } from "@/components/imports/status-badge";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getImportDetail } from "@/lib/data/imports";
import { figureFormats } from "@/lib/domain/format";
import { formatBytes } from "@/lib/domain/imports/progress";
import { summaryIn } from "@/lib/imports/summary-text";
import { ImportIdSchema } from "@/lib/schemas/imports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("detailTitle") };
}
export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ImportIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const user = await requireRole(["ADMIN"], `/admin/imports/${parsed.data}`);
  const { item, errors } = await orDeny(() => getImportDetail(user, parsed.data));
  const t = await getTranslations("imports");
  const { locale, text } = await getDomainText();
  const f = figureFormats(locale);
  const at = (iso: string) => importInstant(iso, f);
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/imports" className="font-semibold text-brand-700 underline">
          ← {t("imports")}
        </Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
        <span>
          {t("importTitle", { id: item.id, kind: t(`kinds.${item.kind}`) })}
        </span>
        <ImportStatusBadge status={item.status} />
      </h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">{t("file")}</dt>
        <dd className="break-all">
          {item.fileName}
          {item.bytes === null ? "" : ` (${formatBytes(item.bytes, locale)})`}
        </dd>
        <dt className="font-semibold">{t("by")}</dt>
        <dd>{item.userName ?? t("commandLine")}</dd>
        <dt className="font-semibold">{t("started")}</dt>
        <dd>{at(item.startedAt)}</dd>
        <dt className="font-semibold">{t("finished")}</dt>
        <dd>{item.finishedAt ? at(item.finishedAt) : "—"}</dd>
        <dt className="font-semibold">{t("dataRows")}</dt>
        <dd>{item.rowsTotal === null ? "—" : f.count(item.rowsTotal)}</dd>
        <dt className="font-semibold">{t("errorRows")}</dt>
        <dd>{item.rowsRejected === null ? "—" : f.count(item.rowsRejected)}</dd>
        <dt className="font-semibold">{t("days")}</dt>
        <dd>{importDays(item, f)}</dd>
        <dt className="font-semibold">{t("note")}</dt>
        <dd>{item.messageParts ? summaryIn(item.messageParts, locale, text) : (item.message ?? "—")}</dd>
      </dl>
      {errors ? (
        <ImportErrorTable errors={errorRows(errors, locale, text)} total={null} reportHref={`/api/imports/${item.id}/errors`} />
      ) : null}
    </div>
  );
}
