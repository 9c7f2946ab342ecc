/**
 * Every interface string, by language and namespace. One JSON file per namespace and language
 * (messages/<locale>/<namespace>.json) so that parts of the app can add their strings without
 * touching each other's files; tests/unit/i18n-catalogs.test.ts fails when a key is missing in
 * either language or the placeholders differ.
 *
 * To add a namespace: create both JSON files, import them below, and add the pair to CATALOGS.
 * If client components use it (useTranslations in a "use client" file), list it in
 * CLIENT_NAMESPACES too: only those are sent to the browser, to keep pages light.
 */
import type { Locale } from "@/i18n/locales";
import enAuth from "./en/auth.json";
import enImports from "./en/imports.json";
import enAdmin from "./en/admin.json";
import enExports from "./en/exports.json";
import enLabels from "./en/labels.json";
import enReports from "./en/reports.json";
import enCommon from "./en/common.json";
import viAuth from "./vi/auth.json";
import viImports from "./vi/imports.json";
import viAdmin from "./vi/admin.json";
import viExports from "./vi/exports.json";
import viLabels from "./vi/labels.json";
import viReports from "./vi/reports.json";
import viCommon from "./vi/common.json";

export const CATALOGS = {
  vi: {
    common: viCommon,
    auth: viAuth,
    imports: viImports,
    admin: viAdmin,
    exports: viExports,
    labels: viLabels,
    reports: viReports,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    imports: enImports,
    admin: enAdmin,
    exports: enExports,
    labels: enLabels,
    reports: enReports,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Namespace = keyof (typeof CATALOGS)["vi"];

/** The namespaces client components translate in the browser (sent with every page). */
export const CLIENT_NAMESPACES: readonly Namespace[] = ["common"];

/**
 * The messages a page hands to its client components: the client namespaces, plus the page's own
 * (`extra`) when its client forms translate in the browser (components/i18n/page-messages.tsx), so
 * a namespace used on one page is sent with that page only.
 */
export function clientMessages(locale: Locale, extra: readonly Namespace[] = []): Record<string, unknown> {
  const all = CATALOGS[locale] as Record<string, unknown>;
  return Object.fromEntries([...CLIENT_NAMESPACES, ...extra].map((ns) => [ns, all[ns]]));
}
