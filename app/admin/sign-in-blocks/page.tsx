import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { formatCount } from "@/lib/domain/format";
import { ClearSignInBlockButton } from "@/components/auth/clear-sign-in-block-button";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import type { SignInBlock } from "@/lib/auth/sign-in-blocks";
import { getSignInBlocks } from "@/lib/data/sign-in-blocks";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("signInBlocks.title") };
}
export const dynamic = "force-dynamic";

/** The scopes' names are "admin.signInBlocks.scopes.<scope>" in the catalogs. */
type Scope = SignInBlock["scope"];

// Admins: the sign-in blocks in force (lib/auth/throttle.ts) and a button to clear each, audited.
export default async function SignInBlocksPage() {
  const user = await requireRole(["ADMIN"], "/admin/sign-in-blocks");
  const blocks = await orDeny(() => getSignInBlocks(user));
  const t = await getTranslations("admin.signInBlocks");
  const locale = parseLocale(await getLocale());
  const scopeLabel = (scope: Scope) => t(`scopes.${scope}`);
  return (
    <PageMessages namespaces={["admin.signInBlocks"]}>
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">
        {t("intro")}
      </p>
      {blocks.length === 0 ? (
        <p role="status" data-testid="no-blocks" className="rounded border border-slate-200 bg-white p-4">
          {t("none")}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">{t("columns.scope")}</th>
              <th scope="col" className="p-2">{t("columns.username")}</th>
              <th scope="col" className="p-2">{t("columns.address")}</th>
              <th scope="col" className="p-2 text-right">{t("columns.failures")}</th>
              <th scope="col" className="p-2">{t("columns.until")}</th>
              <th scope="col" className="p-2"><span className="sr-only">{t("columns.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((b) => (
              <tr key={`${b.scope}|${b.username}|${b.ip}`} className="border-b border-slate-200" data-testid="sign-in-block">
                <td className="p-2">{scopeLabel(b.scope)}</td>
                <td className="p-2 font-mono">{b.username || "—"}</td>
                <td className="p-2 font-mono">{b.ip || "—"}</td>
                <td className="p-2 text-right">{formatCount(b.failures, undefined, locale)}</td>
                <td className="p-2">{formatVietnamDateTime(b.blockedUntil, locale)}</td>
                <td className="p-2">
                  <ClearSignInBlockButton block={{ scope: b.scope, username: b.username, ip: b.ip }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
    </PageMessages>
  );
}
