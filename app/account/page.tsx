import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getOwnContact } from "@/lib/data/users";
import { ROLE_LABELS } from "@/lib/permissions";
import { OwnPhoneForm } from "./own-phone-form";

// The signed-in user's own account: who they are and the phone number the district uses to reach
// them ("who to chase" on /reports, issue 16). Admins change it too, in the user forms.

export const metadata: Metadata = { title: "Tài khoản" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("/account");
  const contact = await getOwnContact(user);
  return (
    <section className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h1 className="text-2xl font-bold">Tài khoản</h1>
        <p className="mt-1 text-slate-700">
          <strong>{user.username}</strong> · {user.displayName} · {ROLE_LABELS[user.role]}
        </p>
      </div>
      <OwnPhoneForm phone={contact.phone} />
      <p>
        <Link href="/account/password" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
          Đổi mật khẩu
        </Link>
      </p>
    </section>
  );
}
