import { z } from "zod";
import { LOCALES } from "../../i18n/locales.ts";
import { V } from "./validation.ts";

/** The language switch's form (POST /api/locale): one of the interface languages. */
export const LocaleChoiceSchema = z.object({ locale: z.enum(LOCALES, { error: V.localeUnsupported }) });

/**
 * Where to go back after switching: the page the form was on (its Referer, from this site's own
 * host only: path and query), or the overview. Never another site: the path must start with one
 * "/". The host is the request's Host header as the browser sent it (Next's request.url may name
 * another, e.g. localhost for 127.0.0.1), and the answer is a relative path for the same reason.
 */
export function pathToReturnTo(referer: string | null, host: string | null): string {
  if (!referer || !host) return "/";
  try {
    const from = new URL(referer);
    if (from.host !== host || from.pathname.startsWith("//") || from.pathname.startsWith("/api/")) return "/";
    return from.pathname + from.search;
  } catch {
    return "/";
  }
}
