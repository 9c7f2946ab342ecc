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
import enCommon from "./en/common.json";
import viCommon from "./vi/common.json";
import enCharts from "./en/charts.json";
import viCharts from "./vi/charts.json";
import enWard from "./en/ward.json";
import viWard from "./vi/ward.json";

export const CATALOGS = {
  vi: {
    common: viCommon,
    charts: viCharts,
    ward: viWard,
  },
  en: {
    common: enCommon,
    charts: enCharts,
    ward: enWard,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Namespace = keyof (typeof CATALOGS)["vi"];

/** The namespaces client components translate in the browser (sent with every page). */
export const CLIENT_NAMESPACES: readonly Namespace[] = ["common"];

/** The messages a page hands to its client components: only the client namespaces. */
export function clientMessages(locale: Locale): Record<string, unknown> {
  const all = CATALOGS[locale] as Record<string, unknown>;
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, all[ns]]));
}
