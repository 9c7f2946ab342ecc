import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { MarkAllReadButton } from "@/components/notifications/mark-read-button";
import { requireUser } from "@/lib/auth/session";
import { listNotifications } from "@/lib/data/notifications";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";

export const metadata: Metadata = { title: "Thông báo" };
export const dynamic = "force-dynamic";

const KINDS = ["reminder", "digest", "test"] as const;

// The signed-in user's notifications (reminders, the morning digest), newest first.
export default async function NotificationsPage() {
  const user = await requireUser("/notifications");
  const t = await getTranslations("notifications");
  const items = await listNotifications(user);
  const kindLabel = (k: string) => ((KINDS as readonly string[]).includes(k) ? t(`kind_${k as (typeof KINDS)[number]}`) : k);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/account/notifications" className="font-semibold text-brand-800 underline">
          {t("settingsLink")}
        </Link>
      </div>
      {items.some((n) => !n.read) ? <MarkAllReadButton labels={{ markAllRead: t("markAllRead"), marking: t("marking"), marked: t("marked") }} /> : null}
      {items.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="space-y-3" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={`rounded-lg border bg-white p-4 ${n.read ? "border-slate-200" : "border-brand-700"}`}>
              <article aria-labelledby={`notification-${n.id}`}>
                <p className="text-sm text-slate-700">
                  {kindLabel(n.kind)} · <time dateTime={n.createdAt.toISOString()}>{formatVietnamDateTime(n.createdAt)}</time>
                  {n.read ? null : <span className="ml-2 rounded bg-brand-800 px-1.5 text-xs font-bold text-white">{t("unread")}</span>}
                </p>
                <h2 id={`notification-${n.id}`} className="font-semibold">
                  {n.subject}
                </h2>
                <p className="mt-2 whitespace-pre-line text-sm">{n.body}</p>
                {n.url ? (
                  <Link href={n.url} className="mt-2 inline-block font-semibold text-brand-800 underline">
                    {t("open")}
                  </Link>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
