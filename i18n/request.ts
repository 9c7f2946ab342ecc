import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { CATALOGS } from "@/messages/catalog";
import { LOCALE_COOKIE, parseLocale } from "./locales";
import { TIME_ZONE } from "./translator";

// next-intl's per-request configuration (wired in next.config.js). The language is the reader's
// choice kept in a cookie, not a URL prefix: links shared between officials stay the same.
// A "day" is always a calendar day in Asia/Ho_Chi_Minh, whatever the language.
export default getRequestConfig(async () => {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: CATALOGS[locale], timeZone: TIME_ZONE };
});
