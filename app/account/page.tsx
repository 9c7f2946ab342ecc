import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getOwnContact } from "@/lib/data/users";
import { PageMessages } from "@/components/i18n/page-messages";
import { OwnPhoneForm } from "./own-phone-form";

// The signed-in user's own account: who they are and the phone number the district uses to reach
// them ("who to chase" on /reports, issue 16). Admins change it too, in the user forms.

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("account.title") };
}
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("/account");
  const contact = await getOwnContact(user);
  const t = await getTranslations("auth");
  const labels = await getTranslations("labels");
  return (
    <section className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <p className="mt-1 text-slate-700">
          <strong>{user.username}</strong> · {user.displayName} · {labels(`roles.${user.role}`)}
        </p>
      </div>
      <PageMessages namespaces={["auth"]}>
        <OwnPhoneForm phone={contact.phone} />
      </PageMessages>
      <p>
        <Link href="/account/password" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          {t("password.title")}
        </Link>
      </p>
    </section>
  );
}
