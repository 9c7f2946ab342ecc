import { getTranslations } from "@/i18n/server";
import Link from "next/link";

// Shown with HTTP 403 when a signed-in user opens a page or a unit they may not see
// (lib/auth/session.ts requireRole, and pages that catch ForbiddenError).
export default async function Forbidden() {
  const t = await getTranslations("common");
  return (
    <section role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6" data-testid="forbidden">
      <h1 className="text-xl font-semibold text-red-800">{t("errors.forbiddenTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("errors.forbiddenText")}</p>
      <Link href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
        {t("errors.backToOverview")}
      </Link>
    </section>
  );
}
