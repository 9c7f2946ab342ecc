import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { PageMessages } from "@/components/i18n/page-messages";
import { landingPath, safeCallbackPath } from "@/lib/auth/redirect";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("login.title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // Only a path of this site: a crafted link cannot send people elsewhere after signing in.
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  const error = first(params.error);
  const user = await getSessionUser();
  if (user) redirect(landingPath(user.role, callbackPath));
  const t = await getTranslations("auth");
  return (
    <section className="mx-auto max-w-sm rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      <p className="mt-1 mb-4 text-slate-700">{t("login.intro")}</p>
      <PageMessages namespaces={["auth"]}>
        <LoginForm callbackPath={callbackPath} initialError={error && /^[A-Za-z_0-9]{1,40}$/.test(error) ? error : undefined} />
      </PageMessages>
    </section>
  );
}
