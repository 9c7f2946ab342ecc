import Link from "next/link";

/** What the bell shows: its accessible name (with the number, translated on the server) and the number of unread notifications. */
export type BellState = { label: string; unread: number };

// The bell in the header: a link to /notifications with the number of unread notifications. Plain
// markup drawn by the menu (components/auth/main-nav.tsx); the layout counts (a failing count, database
// down, shows the bell without a number: the header must not fail the page) and names it.
export function NotificationBell({ label, unread }: BellState) {
  return (
    <Link href="/notifications" aria-label={label} className="sh-bell" data-testid="notification-bell">
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
