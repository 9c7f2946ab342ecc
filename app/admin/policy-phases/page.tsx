import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { formatDay } from "@/lib/domain/format";
import { DeletePolicyPhaseButton, PolicyPhaseForm } from "@/components/admin/policy-phase-form";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getPolicyPhaseAdmin } from "@/lib/data/policy-phases";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("phases.title") };
}
export const dynamic = "force-dynamic";

// Admins record the policy phases (e.g. Hà Nội's "Chỉ thị 16" from 24/7/2021) that every time
// chart of the unit, and of the units below it, draws as a shaded band with a legend and names in
// its table view.
export default async function PolicyPhasesPage() {
  const user = await requireRole(["ADMIN"], "/admin/policy-phases");
  const { phases, scopes } = await orDeny(() => getPolicyPhaseAdmin(user));
  const t = await getTranslations("admin.phases");
  const locale = parseLocale(await getLocale());
  const span = (p: { startDay: string; endDay: string | null }) =>
    p.endDay === null ? t("since", { from: formatDay(p.startDay, locale) }) : `${formatDay(p.startDay, locale)} – ${formatDay(p.endDay, locale)}`;
  return (
    <PageMessages namespaces={["admin.phases"]}>
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">
          {t("intro")}
        </p>
      </div>
      <section aria-labelledby="phase-list-heading" className="space-y-2">
        <h2 id="phase-list-heading" className="text-lg font-semibold">
          {t("recorded")}
        </h2>
        {phases.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <table className="min-w-full bg-white text-sm" data-testid="policy-phase-list">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-3 py-2">{t("phase")}</th>
                <th scope="col" className="px-3 py-2">{t("appliesTo")}</th>
                <th scope="col" className="px-3 py-2">{t("period")}</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {phases.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-semibold">
                    {p.name}
                  </th>
                  <td className="px-3 py-2">{p.unitName}</td>
                  <td className="px-3 py-2">{span(p)}</td>
                  <td className="px-3 py-2 text-right">
                    <DeletePolicyPhaseButton id={p.id} label={`${p.name} (${p.unitName})`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="phase-new-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="phase-new-heading" className="text-lg font-semibold">
          {t("add")}
        </h2>
        <PolicyPhaseForm scopes={scopes} />
      </section>
    </div>
    </PageMessages>
  );
}
