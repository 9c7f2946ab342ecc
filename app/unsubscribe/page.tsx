import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { UnsubscribeButton } from "@/components/notifications/unsubscribe-button";

export const metadata: Metadata = { title: "Ngừng nhận thư điện tử" };
export const dynamic = "force-dynamic";

// The unsubscribe link of every e-mail: no sign-in; it asks before doing anything (mail scanners
// open links), then the signed token turns e-mail off for its user.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("notifications");
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("unsubscribeTitle")}</h1>
      {token ? (
        <>
          <p className="text-slate-700">{t("unsubscribeIntro")}</p>
          <UnsubscribeButton token={token} labels={{ button: t("unsubscribeButton"), done: t("unsubscribeDone") }} />
        </>
      ) : (
        <p className="text-slate-700">{t("unsubscribeMissing")}</p>
      )}
    </div>
  );
}
