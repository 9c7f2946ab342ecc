"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { Locale } from "@/i18n/locales";
import { LanguageToggle } from "@/components/i18n/language-toggle";
import { NotificationBell, type BellState } from "@/components/notifications/notification-bell";
import { Brand } from "./brand";
import { SessionKeepAlive } from "./session-keep-alive";
import { SignOutButton } from "./sign-out-button";

/** A menu entry; links with the same `group` are shown together under one disclosure button. */
export type NavLink = { href: string; label: string; group?: string };

type Entry = { kind: "link"; link: NavLink } | { kind: "group"; label: string; links: NavLink[] };

/** Links in order, each group gathered at the place of its first link. */
export function groupLinks(links: readonly NavLink[]): Entry[] {
  const entries: Entry[] = [];
  for (const link of links) {
    if (!link.group) {
      entries.push({ kind: "link", link });
      continue;
    }
    const existing = entries.find((e): e is Extract<Entry, { kind: "group" }> => e.kind === "group" && e.label === link.group);
    if (existing) existing.links.push(link);
    else entries.push({ kind: "group", label: link.group, links: [link] });
  }
  return entries;
}

const isCurrent = (pathname: string, href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

// Short class names (app/globals.css, "the shell"): this markup is in every page's HTML.
const item = (current: boolean) => (current ? "sh-i sh-cur" : "sh-i");

// The site header for a signed-in user, by role (links chosen on the server; a convenience only:
// every page and action checks the user's rights itself). On a phone it is one bar (the name, the
// sign-out button, "Menu") and the menu opens below it; from 768 px the menu is a row. Groups
// (the admin's pages) are disclosures. Escape closes what is open and returns the focus to its
// button; opening another page closes everything. Also carries the session's keep-alive.
// It draws the whole header (brand, language switch, bell, sign-out) from plain strings translated
// on the server: the markup of a client component is in the page's HTML only, where a server
// component's would travel again in the flight data ("Shell diet", README's Performance).
export function MainNav({
  links,
  tagline,
  name,
  role,
  bell,
  language,
}: {
  links: readonly NavLink[];
  tagline: string;
  /** who is signed in (from 640 px beside the bell; at the top of the menu on a phone) */
  name: string;
  role: string;
  bell: BellState;
  /** the language switch: beside the account from 768 px, at the top of the menu on a phone */
  language: { locale: Locale; label: string };
}) {
  const t = useTranslations("common");
  const pathname = usePathname();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const [seenPath, setSeenPath] = useState(pathname);
  const menuButton = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);

  if (pathname !== seenPath) {
    setSeenPath(pathname);
    setOpen(false);
    setOpenGroup(null);
  }

  // A click outside an open group closes it.
  useEffect(() => {
    if (openGroup === null) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      const group = navRef.current?.querySelector(`[data-group="${CSS.escape(openGroup)}"]`);
      if (target && group && !group.contains(target)) setOpenGroup(null);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [openGroup]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Escape") return;
    if (openGroup !== null) {
      const button = navRef.current?.querySelector<HTMLButtonElement>(`[data-group="${CSS.escape(openGroup)}"] > button`);
      setOpenGroup(null);
      button?.focus();
    } else if (open) {
      setOpen(false);
      menuButton.current?.focus();
    }
  }

  const entries = groupLinks(links);
  return (
    <div onKeyDown={onKeyDown}>
      <div className="sh-bar">
        <Brand tagline={tagline} />
        <div className="sh-end">
          <div className="sh-lang-d">
            <LanguageToggle {...language} />
          </div>
          <div className="sh-acct" data-testid="user-menu">
            <p className="sh-who">
              <span>{name}</span>
              <span>{role}</span>
            </p>
            <NotificationBell {...bell} />
            <SignOutButton />
          </div>
          <button
            ref={menuButton}
            type="button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
            className="sh-btn sh-menu"
          >
            <span aria-hidden="true">{open ? "✕" : "☰"}</span>
            {t("nav.menu")}
          </button>
        </div>
      </div>
      <nav ref={navRef} id={menuId} aria-label={t("nav.label")} className={open ? "sh-nav sh-open" : "sh-nav"} data-testid="main-nav">
        <SessionKeepAlive />
        <p className="sh-who-m">{`${name} · ${role}`}</p>
        <div className="sh-lang-m">
          <LanguageToggle {...language} />
        </div>
        <ul className="sh-ul">
          {entries.map((entry) => {
            if (entry.kind === "link") {
              const current = isCurrent(pathname, entry.link.href);
              return (
                <li key={entry.link.href}>
                  <Link href={entry.link.href} aria-current={current ? "page" : undefined} className={item(current)}>
                    {entry.link.label}
                  </Link>
                </li>
              );
            }
            const groupId = `${menuId}-${entry.label}`.replace(/\s+/g, "-");
            const expanded = openGroup === entry.label;
            const inside = entry.links.some((l) => isCurrent(pathname, l.href));
            return (
              <li key={`group:${entry.label}`} className="sh-grp" data-group={entry.label}>
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={groupId}
                  onClick={() => setOpenGroup(expanded ? null : entry.label)}
                  className={item(inside)}
                >
                  {entry.label}
                  {inside ? <span className="sr-only"> {t("nav.groupHasCurrent")}</span> : null}
                  <span aria-hidden="true">{expanded ? "▴" : "▾"}</span>
                </button>
                <ul
                  id={groupId}
                  hidden={!expanded}
                  className="sh-sub"
                >
                  {entry.links.map((link) => {
                    const current = isCurrent(pathname, link.href);
                    return (
                      <li key={link.href}>
                        <Link href={link.href} aria-current={current ? "page" : undefined} className={item(current)}>
                          {link.label}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
