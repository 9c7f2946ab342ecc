"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { SessionKeepAlive } from "./session-keep-alive";

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

const ITEM =
  "flex min-h-11 w-full items-center rounded px-3 py-2 text-sm font-semibold text-white hover:bg-white/15 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white md:inline-flex md:w-auto";

// The site header for a signed-in user, by role (links chosen on the server; a convenience only:
// every page and action checks the user's rights itself). On a phone it is one bar (the name, the
// sign-out button, "Menu") and the menu opens below it; from 768 px the menu is a row. Groups
// (the admin's pages) are disclosures. Escape closes what is open and returns the focus to its
// button; opening another page closes everything. Also carries the session's keep-alive.
export function MainNav({
  links,
  brand,
  account,
  who,
  language,
}: {
  links: readonly NavLink[];
  brand: ReactNode;
  /** the sign-out button and, from 640 px, who is signed in */
  account: ReactNode;
  /** who is signed in, at the top of the phone's menu */
  who: ReactNode;
  /** the language switch: beside the account from 768 px, at the top of the menu on a phone */
  language?: ReactNode;
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
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2 md:py-3">
        {brand}
        <div className="flex items-center gap-2">
          {language ? <div className="hidden md:block">{language}</div> : null}
          {account}
          <button
            ref={menuButton}
            type="button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
            className="inline-flex min-h-11 items-center gap-1 rounded border border-white/60 px-3 py-2 text-sm font-semibold text-white hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white md:hidden"
          >
            <span aria-hidden="true">{open ? "✕" : "☰"}</span>
            {t("nav.menu")}
          </button>
        </div>
      </div>
      <nav ref={navRef} id={menuId} aria-label={t("nav.label")} className={`${open ? "block" : "hidden"} bg-brand-700 md:block`} data-testid="main-nav">
        <SessionKeepAlive />
        <p className="mx-auto max-w-6xl px-5 pt-2 text-sm text-white sm:hidden">{who}</p>
        {language ? <div className="mx-auto max-w-6xl px-5 pt-2 md:hidden">{language}</div> : null}
        <ul className="mx-auto flex max-w-6xl flex-col gap-1 px-2 py-1 md:flex-row md:flex-wrap md:items-center">
          {entries.map((entry) => {
            if (entry.kind === "link") {
              const current = isCurrent(pathname, entry.link.href);
              return (
                <li key={entry.link.href}>
                  <Link href={entry.link.href} aria-current={current ? "page" : undefined} className={`${ITEM} ${current ? "bg-white/20 underline underline-offset-4" : ""}`}>
                    {entry.link.label}
                  </Link>
                </li>
              );
            }
            const groupId = `${menuId}-${entry.label}`.replace(/\s+/g, "-");
            const expanded = openGroup === entry.label;
            const inside = entry.links.some((l) => isCurrent(pathname, l.href));
            return (
              <li key={`group:${entry.label}`} className="md:relative" data-group={entry.label}>
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-controls={groupId}
                  onClick={() => setOpenGroup(expanded ? null : entry.label)}
                  className={`${ITEM} gap-1 ${inside ? "bg-white/20 underline underline-offset-4" : ""}`}
                >
                  {entry.label}
                  {inside ? <span className="sr-only"> {t("nav.groupHasCurrent")}</span> : null}
                  <span aria-hidden="true">{expanded ? "▴" : "▾"}</span>
                </button>
                <ul
                  id={groupId}
                  hidden={!expanded}
                  className="ml-4 flex flex-col gap-1 border-l border-white/30 pl-2 md:absolute md:left-0 md:top-full md:z-20 md:ml-0 md:min-w-56 md:rounded md:border md:border-white/20 md:bg-brand-800 md:p-1 md:shadow-lg"
                >
                  {entry.links.map((link) => {
                    const current = isCurrent(pathname, link.href);
                    return (
                      <li key={link.href}>
                        <Link href={link.href} aria-current={current ? "page" : undefined} className={`${ITEM} md:flex md:w-full ${current ? "bg-white/20 underline underline-offset-4" : ""}`}>
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
