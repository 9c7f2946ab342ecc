import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { SetupForm } from "@/components/auth/setup-form";
import { PageMessages } from "@/components/i18n/page-messages";
import { setupLinkState } from "@/lib/auth/setup-link";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// The one-time setup link that `npm start` prints when no admin exists (lib/auth/first-run.ts):
// the form that creates the first administrator, or why the link no longer works.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("setup.title"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const state = await setupLinkState(token);
  const t = await getTranslations("auth");

  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t("setup.title")}</h1>
      {state === "valid" ? (
        <>
          <p className="mt-1 mb-4 text-slate-700">
            {t("setup.intro", { min: PASSWORD_MIN_LENGTH })}
          </p>
          <PageMessages namespaces={["auth"]}>
            <SetupForm token={token} />
          </PageMessages>
        </>
      ) : (
        <div role="alert" data-testid="setup-refused" className="mt-3 space-y-3">
          <p className="font-semibold text-red-800">{t(`setup.refusals.${state}`)}</p>
          <Link href="/login" className="inline-block font-semibold text-brand-700 underline">
            {t("setup.toLogin")}
          </Link>
        </div>
      )}
    </section>
  );
}
