import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { notFound } from "next/navigation";
import { UnitTargetsForm } from "@/components/admin/unit-targets-form";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { ParamError } from "@/components/dashboard/param-error";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getTargetsOverview, type TargetRow } from "@/lib/data/targets";
import { formatPercentFromHundredths } from "@/lib/domain/format";
import type { ResolvedTarget } from "@/lib/domain/targets";
import { TargetsPageParamsSchema } from "@/lib/schemas/targets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("targets.title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Admins set the coverage and QR-active targets: the city's are the defaults every district and
// ward inherits; a district or a ward may have its own. The dashboard, the alerts and the draft
// dispatch read the targets in force.
export default async function TargetsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN"], "/admin/targets");
  const t = await getTranslations("admin");
  const locale = parseLocale(await getLocale());
  const parsed = TargetsPageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/admin/targets" backLabel={t("targets.back")} />;
  let overview;
  try {
    overview = await orDeny(() => getTargetsOverview(user, parsed.data));
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const { city, districts, district, wards, names } = overview;
  const describe = (r: ResolvedTarget | null) => (r ? `${formatPercentFromHundredths(r.basisPoints, undefined, locale)} (${names.get(r.setBy) ?? r.setBy})` : "");
  const form = (row: TargetRow, parent: TargetRow | null) => (
    <UnitTargetsForm
      unitCode={row.code}
      unitName={row.name}
      coverage={row.own.coverage}
      qrActive={row.own.qrActive}
      inherited={{ coverage: describe(parent?.resolved.coverage ?? null), qrActive: describe(parent?.resolved.qrActive ?? null) }}
    />
  );
  const overrides = districts.filter((d) => d.own.coverage !== null || d.own.qrActive !== null);

  return (
    <PageMessages namespaces={["admin.targets"]}>
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("targets.title")}</h1>
        <p className="text-slate-700">{t("targets.intro")}</p>
      </div>

      <section aria-labelledby="city-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="city-heading" className="text-lg font-semibold">
          {t("targets.default", { city: city.name })}
        </h2>
        {form(city, null)}
      </section>

      <section aria-labelledby="district-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="district-heading" className="text-lg font-semibold">
          {t("targets.districtsAndWards")}
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="targets-district" className="block text-sm font-semibold">
              {t("targets.district")}
            </label>
            <select id="targets-district" name="district" defaultValue={district?.code} className="min-h-11 rounded border border-slate-500 bg-white px-2">
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-3 font-semibold text-brand-800">
            {t("targets.see")}
          </button>
        </form>
        {district ? (
          <>
            <h3 className="font-semibold">{district.name}</h3>
            {form(district, city)}
            <h3 className="pt-2 font-semibold">{wards.length > 0 ? t("targets.wardsOf", { count: wards.length, district: district.name }) : t("targets.noWards", { district: district.name })}</h3>
            <ul className="divide-y divide-slate-200">
              {wards.map((w) => (
                <li key={w.code} className="py-3">
                  <p className="font-semibold">{w.name}</p>
                  {form(w, district)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="overrides-heading" className="space-y-2">
        <h2 id="overrides-heading" className="text-lg font-semibold">
          {t("targets.overrides")}
        </h2>
        {overrides.length === 0 ? (
          <p className="text-slate-700">{t("targets.noOverrides")}</p>
        ) : (
          <table className="min-w-full bg-white text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-3 py-2">{t("targets.district")}</th>
                <th scope="col" className="px-3 py-2">{t("targets.coverage")}</th>
                <th scope="col" className="px-3 py-2">{t("targets.qrActive")}</th>
              </tr>
            </thead>
            <tbody>
              {overrides.map((d) => (
                <tr key={d.code} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-normal">{d.name}</th>
                  <td className="px-3 py-2">{describe(d.resolved.coverage)}</td>
                  <td className="px-3 py-2">{describe(d.resolved.qrActive)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
    </PageMessages>
  );
}
