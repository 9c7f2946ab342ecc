import { getTranslations } from "@/i18n/server";
import { getDistrictDigest } from "@/lib/data/digest";
import { formatDay } from "@/lib/domain/format";
import type { SessionUser } from "@/lib/permissions";
import { CopyDigestButton } from "./copy-digest-button";

// The morning digest of a district and day as a copyable message: the same words as the e-mail
// (lib/digest/compose.ts). For the overview (app/page.tsx), as one of its <Suspense> sections:
//   <Suspense fallback={null}><DistrictDigest user={user} districtCode={district.code} day={day} /></Suspense>
export async function DistrictDigest({ user, districtCode, day }: { user: SessionUser; districtCode: string; day: string }) {
  const t = await getTranslations("digest");
  const loaded = await getDistrictDigest(user, { districtCode, day });
  return (
    <section aria-labelledby="digest-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="district-digest">
      <h2 id="digest-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {loaded.kind !== "ok" ? (
        <p className="text-slate-700">{t("unavailable")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("intro", { day: formatDay(day) })}</p>
          <label htmlFor="digest-text" className="sr-only">
            {t("label")}
          </label>
          <textarea
            id="digest-text"
            readOnly
            rows={10}
            value={loaded.digest.text}
            className="block w-full rounded border border-slate-500 bg-slate-50 px-3 py-2 text-sm"
          />
          <CopyDigestButton text={loaded.digest.text} labels={{ copy: t("copy"), copied: t("copied"), failed: t("copyFailed") }} />
        </>
      )}
    </section>
  );
}
