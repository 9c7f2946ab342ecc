import type { Role } from "@/lib/permissions";
import type { NavLink } from "./main-nav";

/**
 * The menu's labels, as keys of the "common" catalog's `nav` group (messages/<locale>/common.json).
 * The layout translates them; a caller without a translator (tests) gets the keys themselves.
 */
export type NavLabelKey =
  | "overview"
  | "entry"
  | "city"
  | "country"
  | "reports"
  | "alerts"
  | "exports"
  | "audit"
  | "imports"
  | "targets"
  | "settings"
  | "dispatchTemplate"
  | "users"
  | "signInBlocks"
  | "account"
  | "jobs"
  | "adminGroup";

/** The admin's pages, grouped under one disclosure so the menu stays on one line. */
export const ADMIN_GROUP: NavLabelKey = "adminGroup";

/** The menu of each role (what the pages themselves allow; hiding is only a convenience). */
export function navLinksFor(role: Role, label: (key: NavLabelKey) => string = (key) => key): NavLink[] {
  const link = (href: string, key: NavLabelKey, group?: string): NavLink => (group ? { href, label: label(key), group } : { href, label: label(key) });
  // A national official starts from the country (where they land), then a district's overview.
  const links: NavLink[] = role === "NATIONAL_OFFICIAL" ? [link("/country", "country"), link("/", "overview")] : [link("/", "overview")];
  if (role === "WARD_CHAIR" || role === "ADMIN") links.push(link("/entry", "entry"));
  if (role === "CITY_OFFICIAL") links.push(link("/city", "city"));
  // The country's provinces ranked: who may see it (canViewCountry).
  if (role === "ADMIN" || role === "CITY_OFFICIAL") links.push(link("/country", "country"));
  links.push(link("/reports", "reports"));
  links.push(link("/alerts", "alerts"));
  links.push(link("/exports", "exports"));
  const admin = role === "ADMIN" ? label(ADMIN_GROUP) : undefined;
  if (role !== "WARD_CHAIR") links.push(link("/admin/audit", "audit", admin));
  if (role === "ADMIN") {
    links.push(link("/admin/imports", "imports", admin));
    links.push(link("/admin/targets", "targets", admin));
    links.push(link("/admin/settings", "settings", admin));
    links.push(link("/admin/dispatch-template", "dispatchTemplate", admin));
    links.push(link("/admin/users", "users", admin));
    links.push(link("/admin/sign-in-blocks", "signInBlocks", admin));
    links.push(link("/admin/jobs", "jobs", admin));
  }
  // One's own account: the phone number the district calls (issue 16) and the password change.
  links.push(link("/account", "account"));
  return links;
}
