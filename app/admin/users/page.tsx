import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserCard } from "@/components/admin/user-card";
import { PageMessages } from "@/components/i18n/page-messages";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { listAssignableUnits, listUsers } from "@/lib/data/users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("users.title") };
}
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const user = await requireRole(["ADMIN"], "/admin/users");
  const [users, units] = await Promise.all([orDeny(() => listUsers(user)), orDeny(() => listAssignableUnits(user))]);
  // One array for the form and every card: the page payload holds the country's units once (React
  // sends an object passed several times by reference), not once per account.
  const unitOptions = units.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode }));
  const t = await getTranslations("admin.users");
  return (
    <PageMessages namespaces={["admin.users", "labels.roles"]}>
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link
          href="/admin/users/bulk"
          className="inline-flex min-h-11 items-center rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-slate-100"
        >
          {t("bulkLink")}
        </Link>
      </div>
      <section aria-labelledby="create-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="create-heading" className="mb-3 text-lg font-semibold">
          {t("create")}
        </h2>
        <CreateUserForm units={unitOptions} />
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="mb-3 text-lg font-semibold">
          {t("count", { count: users.length })}
        </h2>
        <ul className="space-y-2">
          {users.map((u) => (
            <UserCard
              key={u.id}
              isSelf={u.id === user.id}
              units={unitOptions}
              user={{
                id: u.id,
                username: u.username,
                displayName: u.displayName,
                role: u.role,
                unitCode: u.unitCode,
                unitName: u.unitName,
                phone: u.phone,
                email: u.email,
                disabled: u.disabled,
                mustChangePassword: u.mustChangePassword,
                lastSignInAt: u.lastSignInAt,
              }}
            />
          ))}
        </ul>
      </section>
    </div>
    </PageMessages>
  );
}
