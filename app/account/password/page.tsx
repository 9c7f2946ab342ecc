import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PageMessages } from "@/components/i18n/page-messages";
import { CHANGE_PASSWORD_PATH, getPasswordChangeAccount } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// The signed-in user's password. An account created in bulk (or whose password an admin reset)
// is sent here by every page until it has chosen its own password; its session can do nothing
// else (lib/auth/session.ts). Anyone signed in may also come here to change their password.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("password.title") };
}
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const account = await getPasswordChangeAccount();
  if (!account) redirect(`/login?callbackUrl=${encodeURIComponent(CHANGE_PASSWORD_PATH)}`);
  const t = await getTranslations("auth");
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">{t("password.title")}</h1>
      <p className="mt-1 text-slate-700">
        {t.rich("password.account", { username: account.username, name: account.displayName, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {account.mustChange ? (
        <p role="status" data-testid="must-change-password" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {t("password.mustChange")}
        </p>
      ) : null}
      <p className="mt-3 mb-4 text-slate-700">
        {t("password.rules", { min: PASSWORD_MIN_LENGTH })}
      </p>
      <PageMessages namespaces={["auth"]}>
        <ChangePasswordForm username={account.username} />
      </PageMessages>
      {account.mustChange ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <SignOutButton variant="plain" />
        </div>
      ) : (
        <p className="mt-4 border-t border-slate-200 pt-4">
          <Link href="/account" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            {t("password.toAccount")}
          </Link>
        </p>
      )}
    </section>
  );
}
