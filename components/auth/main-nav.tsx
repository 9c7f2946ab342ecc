"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SessionKeepAlive } from "./session-keep-alive";

export type NavLink = { href: string; label: string };

// Navigation by role (links chosen on the server). A convenience only: every page and action
// checks the user's rights itself. Shown only to a signed-in user, so it also carries the
// session's keep-alive.
export function MainNav({ links }: { links: readonly NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Chức năng chính" className="bg-brand-700">
      <SessionKeepAlive />
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 gap-y-1 px-2 py-1">
        {links.map((link) => {
          const current = link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded px-3 py-2 text-sm font-semibold text-white hover:bg-white/15 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white ${
                  current ? "bg-white/20 underline underline-offset-4" : ""
                }`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
