import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { ImportFormatHelp } from "@/components/imports/format-help";
import { ImportList } from "@/components/imports/import-list";
import { ImportUploader } from "@/components/imports/import-uploader";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getImportScopeChoices, listImports } from "@/lib/data/imports";
import { readImportConfig } from "@/lib/imports/config";
import { formatBytes } from "@/lib/domain/imports/progress";
import { summaryIn } from "@/lib/imports/summary-text";
import { getDomainText } from "@/i18n/domain-text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}
export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const user = await requireRole(["ADMIN"], "/admin/imports");
  const imports = await orDeny(() => listImports(user));
  const choices = await orDeny(() => getImportScopeChoices(user));
  const { maxBytes } = readImportConfig();
  const t = await getTranslations("imports");
  // Each import's summary in the reader's language (lib/imports/summary-text.ts).
  const domain = await getDomainText();
  return (
    <PageMessages namespaces={["imports"]}>
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">{t("heading")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          {t("intro")}
        </p>
      </div>
      <section aria-labelledby="upload-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="upload-heading" className="text-lg font-semibold">
          {t("uploadHeading")}
        </h2>
        <ImportUploader maxBytesLabel={formatBytes(maxBytes, domain.locale)} scopeChoices={choices} />
        <p className="text-sm text-slate-700">
          {t.rich("cli", { code: (chunks) => <code className="font-mono">{chunks}</code> })}
        </p>
      </section>
      <section aria-labelledby="formats-heading" className="space-y-3">
        <h2 id="formats-heading" className="text-lg font-semibold">
          {t("formats")}
        </h2>
        <ImportFormatHelp />
      </section>
      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-semibold">
          {t("imports")}
        </h2>
        <ImportList items={imports.map((item) => ({ ...item, message: item.messageParts ? summaryIn(item.messageParts, domain.locale, domain.text) : item.message }))} />
      </section>
    </div>
    </PageMessages>
  );
}
