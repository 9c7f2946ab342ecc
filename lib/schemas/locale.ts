import { z } from "zod";
import { LOCALES } from "../../i18n/locales.ts";

/** The language switch's form (POST /api/locale): one of the interface languages. */
export const LocaleChoiceSchema = z.object({ locale: z.enum(LOCALES, { error: "Ngôn ngữ không được hỗ trợ." }) });

/**
 * Where to go back after switching: the page the form was on (its Referer, same origin only, path
 * and query), or the overview. Never another site: the path must start with one "/".
 */
export function pathToReturnTo(referer: string | null, requestUrl: string): string {
  if (!referer) return "/";
  try {
    const from = new URL(referer);
    const self = new URL(requestUrl);
    if (from.origin !== self.origin || from.pathname.startsWith("//") || from.pathname.startsWith("/api/")) return "/";
    return from.pathname + from.search;
  } catch {
    return "/";
  }
}
