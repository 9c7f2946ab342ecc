import { getTranslations } from "@/i18n/server";
import Link from "next/link";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">{t("errors.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("errors.notFoundText")}</p>
      <Link href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
        {t("errors.backToOverview")}
      </Link>
    </section>
  );
}
