import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { PushToggle } from "@/components/notifications/push-toggle";
import { requireUser } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/data/notifications";

export const metadata: Metadata = { title: "Cách nhận thông báo" };
export const dynamic = "force-dynamic";

// The signed-in user's channels and pause: one row per registered channel (lib/notifications/channels.ts).
export default async function NotificationPreferencesPage() {
  const user = await requireUser("/account/notifications");
  const t = await getTranslations("notifications");
  const prefs = await getNotificationPreferences(user);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("prefsTitle")}</h1>
      <p className="text-slate-700">{t("prefsIntro")}</p>
      {prefs.hasEmail ? null : <p className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">{t("noEmail")}</p>}
      <PreferencesForm
        channels={prefs.channels.map((c) => ({ ...c, label: t(`channel_${c.name}`) }))}
        paused={prefs.paused}
        labels={{ legend: t("channelsLegend"), paused: t("paused"), save: t("save"), saving: t("saving"), saved: t("saved") }}
      />
      {/* Web Push is switched on per device (this browser), beside the channel choice above. */}
      <PageMessages namespaces={["push"]}>
        <PushToggle />
      </PageMessages>
    </div>
  );
}
