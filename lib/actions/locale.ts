"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "../../i18n/locales.ts";
import { formAction, formFields } from "../requests/action.ts";
import { anyone } from "../requests/guard.ts";

// The interface language (Tiếng Việt / English), chosen from the header on every page, the sign-in
// page included: public (a preference, nothing is read or written in the database). The form posts
// without JavaScript too (a server action in a server component's form); setting the cookie makes
// Next render the page again in the chosen language.

const LocaleChoiceSchema = z.object({ locale: z.enum(LOCALES, { error: "Ngôn ngữ không được hỗ trợ." }) });

/** A year: the choice is a lasting preference. */
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export const setLocaleAction = formAction(
  anyone().input(LocaleChoiceSchema, { read: formFields("locale") }),
  async ({ input }) => {
    (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax", httpOnly: true });
  },
  { revalidate: false },
);
