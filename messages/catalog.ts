/**
 * Every interface string, by language and namespace. One JSON file per namespace and language
 * (messages/<locale>/<namespace>.json) so that parts of the app can add their strings without
 * touching each other's files; tests/unit/i18n-catalogs.test.ts fails when a key is missing in
 * either language or the placeholders differ.
 *
 * To add a namespace: create both JSON files, import them below, and add the pair to CATALOGS.
 * If client components use it (useTranslations in a "use client" file), list the keys they use in
 * CLIENT_GROUPS (every page) or hand them to the page with PageMessages: only those are sent to
 * the browser, to keep pages light.
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
import enDigest from "./en/digest.json";
import enJobs from "./en/jobs.json";
import enNotifications from "./en/notifications.json";
import viDigest from "./vi/digest.json";
import viJobs from "./vi/jobs.json";
import viNotifications from "./vi/notifications.json";
import enEntry from "./en/entry.json";
import viEntry from "./vi/entry.json";
import enEntryStatus from "./en/entryStatus.json";
import viEntryStatus from "./vi/entryStatus.json";
import enPush from "./en/push.json";
import viPush from "./vi/push.json";
import enCharts from "./en/charts.json";
import viCharts from "./vi/charts.json";
import enWard from "./en/ward.json";
import viWard from "./vi/ward.json";
import enAlerts from "./en/alerts.json";
import viAlerts from "./vi/alerts.json";
import enCity from "./en/city.json";
import viCity from "./vi/city.json";
import enOverview from "./en/overview.json";
import viOverview from "./vi/overview.json";
import enUnits from "./en/units.json";
import enCountry from "./en/country.json";
import viCountry from "./vi/country.json";
import viUnits from "./vi/units.json";
import enDomain from "./en/domain.json";
import enValidation from "./en/validation.json";
import enValidationValues from "./en/validationValues.json";
import viValidation from "./vi/validation.json";
import viValidationValues from "./vi/validationValues.json";
import viDomain from "./vi/domain.json";
import enErrorPage from "./en/errorPage.json";
import enRefusals from "./en/refusals.json";
import viRefusals from "./vi/refusals.json";
import viErrorPage from "./vi/errorPage.json";

export const CATALOGS = {
  vi: {
    common: viCommon,
    jobs: viJobs,
    notifications: viNotifications,
    digest: viDigest,
    auth: viAuth,
    imports: viImports,
    admin: viAdmin,
    exports: viExports,
    labels: viLabels,
    reports: viReports,
    push: viPush,
    entry: viEntry,
    entryStatus: viEntryStatus,
    charts: viCharts,
    ward: viWard,
    alerts: viAlerts,
    city: viCity,
    overview: viOverview,
    units: viUnits,
    domain: viDomain,
    validation: viValidation,
    validationValues: viValidationValues,
    country: viCountry,
    errorPage: viErrorPage,
    refusals: viRefusals,
  },
  en: {
    common: enCommon,
    jobs: enJobs,
    notifications: enNotifications,
    digest: enDigest,
    auth: enAuth,
    imports: enImports,
    admin: enAdmin,
    exports: enExports,
    labels: enLabels,
    reports: enReports,
    push: enPush,
    entry: enEntry,
    entryStatus: enEntryStatus,
    charts: enCharts,
    ward: enWard,
    alerts: enAlerts,
    city: enCity,
    overview: enOverview,
    units: enUnits,
    domain: enDomain,
    validation: enValidation,
    validationValues: enValidationValues,
    country: enCountry,
    errorPage: enErrorPage,
    refusals: enRefusals,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Namespace = keyof (typeof CATALOGS)["vi"];

/** A namespace, or one group of it ("admin.users"): what a page's client components translate. */
export type MessageGroup = Namespace | `${Namespace}.${string}`;

/**
 * The messages the client components of every page translate in the browser, sent with every page
 * (twice: in the HTML and in its flight data), so only the keys they use: the header's menu button
 * and sign-out (components/auth), the form parts and day fields (components/ui). (The error page,
 * app/error.tsx, brings its few words in its own code: the "errorPage" namespace.) The rest of `common` (the menu's labels, tagline, not-found and forbidden texts)
 * is translated on the server. tests/unit/i18n-client-messages.test.ts fails when a client
 * component asks for a `common` key not listed here.
 */
export const CLIENT_GROUPS: readonly MessageGroup[] = [
  "common.nav.menu",
  "common.nav.label",
  "common.nav.groupHasCurrent",
  "common.signOut",
  "common.ui.saving",
  "common.ui.dayRequired",
  "common.ui.previousDay",
  "common.ui.previousDayOf",
  "common.ui.nextDay",
  "common.ui.nextDayOf",
  "common.ui.dayHint",
  "common.ui.chooseFile",
  "common.ui.noFileChosen",
];

/** The namespaces CLIENT_GROUPS draws from. */
export const CLIENT_NAMESPACES: readonly Namespace[] = [...new Set(CLIENT_GROUPS.map((g) => g.split(".")[0] as Namespace))];

/**
 * The messages a page hands to its client components: the client namespaces, plus the page's own
 * groups (`extra`) when its client forms translate in the browser (components/i18n/page-messages.tsx),
 * so messages used on one page are sent with that page only, and only the group it needs.
 */
export function clientMessages(locale: Locale, extra: readonly MessageGroup[] = []): Record<string, unknown> {
  const all = CATALOGS[locale] as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const group of [...CLIENT_GROUPS, ...extra]) {
    const [ns = "", ...rest] = group.split(".");
    if (rest.length === 0) {
      out[ns] = all[ns];
      continue;
    }
    // "admin.users" → { admin: { users: … } }, beside the namespace's other groups already picked.
    let source = all[ns] as Record<string, unknown> | undefined;
    let target = (out[ns] ??= {}) as Record<string, unknown>;
    for (const [i, part] of rest.entries()) {
      const value = source?.[part];
      if (i === rest.length - 1) target[part] = value;
      else {
        target = (target[part] ??= {}) as Record<string, unknown>;
        source = value as Record<string, unknown> | undefined;
      }
    }
  }
  return out;
}
