import { getTranslations } from "@/i18n/server";
import { vapidKeys } from "@/lib/push/vapid";
import { PushToggleControl } from "./push-toggle-control";

// Web Push on this device, on or off (issue 17): a server component that hands the browser this
// server's VAPID public key (lib/push/vapid.ts), so the control needs no request of its own to
// learn it. Place it where a user chooses their channels (the notification preferences page) and
// on /entry for ward chairs.

export async function PushToggle() {
  let publicKey: string;
  try {
    publicKey = vapidKeys().publicKey;
  } catch (err) {
    // A malformed key pair in the environment: push is unavailable, the rest of the page is not.
    console.error("[push] VAPID keys unavailable:", err instanceof Error ? err.message : err);
    const t = await getTranslations("push");
    return (
      <p className="text-sm text-slate-700" data-testid="push-toggle">
        {t("unavailableOnServer")}
      </p>
    );
  }
  return <PushToggleControl publicKey={publicKey} />;
}
