import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import Link from "next/link";
import { ParamError } from "@/components/dashboard/param-error";
import { DispatchDownloadForm } from "@/components/dispatch/download-form";
import { DispatchTemplateForm, DistrictTemplateForm } from "@/components/dispatch/template-form";
import { DispatchTemplatePreview } from "@/components/dispatch/template-preview";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getDispatchTemplatePage } from "@/lib/data/dispatch-template";
import { PLACEHOLDERS, type Placeholder } from "@/lib/domain/dispatch-template";
import { DispatchTemplatePageParamsSchema } from "@/lib/schemas/dispatch";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("dispatch.title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The draft dispatch's fixed wording, per district: the city's default (admins edit it) and each
// district's own template (its officials and admins edit it; an empty field inherits the default,
// the authority and the place come from the unit's type and name, the wards from the unit table).
// The sentences with figures are filled from the database when the dispatch is downloaded
// (GET /api/exports/dispatch). Rights are checked in the data layer and the actions; the role
// check here only picks the page.
export default async function DispatchTemplatePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "DISTRICT_OFFICIAL"], "/admin/dispatch-template");
  const t = await getTranslations("admin.dispatch");
  const parsed = DispatchTemplatePageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/admin/dispatch-template" backLabel={t("back")} />;
  const page = await orDeny(() => getDispatchTemplatePage(user, { district: parsed.data.district }));
  const { district } = page;
  const placeholderList = (Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => `{${p}}`).join(", ");

  return (
    <PageMessages namespaces={["admin.dispatch"]}>
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>

      <section aria-labelledby="download-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="download-heading" className="text-lg font-semibold">
          {t("download")}
        </h2>
        <DispatchDownloadForm districts={page.districts} selected={district?.code} />
      </section>

      <section aria-labelledby="district-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="district-heading" className="text-lg font-semibold">
          {district ? t("ownOf", { district: district.name }) : t("ownOfDistricts")}
        </h2>
        {page.canEditCity ? (
          <>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div className="max-w-full">
                <label htmlFor="template-district" className="block text-sm font-semibold">
                  {t("seeOwnOf")}
                </label>
                <select
                  id="template-district"
                  name="district"
                  defaultValue={district?.code}
                  className="min-h-11 max-w-full rounded border border-slate-500 bg-white px-2"
                >
                  {page.districts.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name} ({d.code})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-3 font-semibold text-brand-800">
                {t("see")}
              </button>
            </form>
            <div>
              <h3 className="font-semibold">{t("withOwn")}</h3>
              {page.withOwnTemplate.length === 0 ? (
                <p className="text-slate-700">{t("noneOwn")}</p>
              ) : (
                <ul className="list-disc pl-5">
                  {page.withOwnTemplate.map((d) => (
                    <li key={d.code}>
                      <Link href={`/admin/dispatch-template?district=${d.code}`} className="text-brand-700 underline">
                        {d.name}
                      </Link>
                      : {d.fields.map((f) => t(`fields.${f}`).replace(/ \(.*\)$/, "")).join("; ")}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </>
        ) : null}
        {district ? (
          <>
            <h3 className="font-semibold">{t("willPrint", { district: district.name })}</h3>
            <DispatchTemplatePreview districtName={district.name} template={district.resolved} placeholders={district.placeholders} />
            <h3 className="pt-2 font-semibold">{t("editOwn")}</h3>
            <p className="text-sm text-slate-700">
              {t("editOwnHint", { placeholders: placeholderList })}
            </p>
            <DistrictTemplateForm
              key={district.code}
              districtCode={district.code}
              districtName={district.name}
              own={district.own}
              city={page.city}
              derived={district.derived}
            />
          </>
        ) : (
          <p className="text-slate-700">{t("noDistricts")}</p>
        )}
      </section>

      {page.canEditCity ? (
        <section aria-labelledby="template-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="template-heading" className="text-lg font-semibold">
            {t("cityTemplate")}
          </h2>
          <p className="text-sm text-slate-700">
            {t("cityTemplateHint")}
          </p>
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
              <li key={p}>
                <code>{`{${p}}`}</code>: {PLACEHOLDERS[p]}
              </li>
            ))}
          </ul>
          <DispatchTemplateForm template={page.city} />
        </section>
      ) : null}
    </div>
    </PageMessages>
  );
}
