import { NextResponse } from "next/server";
import { LOCALE_COOKIE } from "@/i18n/locales";
import { anyone, type RouteSource } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";
import { LocaleChoiceSchema, pathToReturnTo } from "@/lib/schemas/locale";

// The interface language (Tiếng Việt / English), chosen with the header's switch on every page,
// the sign-in page included (components/i18n/language-toggle.tsx): a plain form POST, so it works
// with JavaScript off as well as on. Public: a preference in a cookie, nothing in the database.
// Answers 303 to the page the form was on, which renders again in the chosen language.

/** A year: the choice is a lasting preference. */
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The posted form's fields; a body that is not a form reads as empty (then 400 from the schema). */
async function formOf({ request }: RouteSource): Promise<Record<string, unknown>> {
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    return {};
  }
}

export const POST = route(anyone<RouteSource>().sameOrigin().input(LocaleChoiceSchema, { read: formOf }), async ({ input, request }) => {
  const back = pathToReturnTo(request.headers.get("referer"), request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  // A relative Location: the browser stays on the host it used (request.url may say localhost).
  const response = new NextResponse(null, { status: 303, headers: { Location: back, "Cache-Control": "no-store" } });
  response.cookies.set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax", httpOnly: true });
  return response;
});
