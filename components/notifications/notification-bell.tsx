import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { countUnreadNotifications } from "@/lib/data/notifications";
import type { SessionUser } from "@/lib/permissions";

// The bell in the header: a link to /notifications with the number of unread notifications. A
// failing count (database down) shows the bell without a number: the header must not fail the page.
export async function NotificationBell({ user }: { user: SessionUser }) {
  const t = await getTranslations("notifications");
  const unread = await countUnreadNotifications(user).catch(() => 0);
  return (
    <Link
      href="/notifications"
      aria-label={unread > 0 ? t("bellUnread", { count: unread }) : t("bell")}
      className="sh-bell"
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="sh-cnt" data-testid="notification-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
