import "server-only";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, parseLocale } from "../../i18n/locales.ts";
import { failure, type ActionFailure } from "../actions/result.ts";
import { fieldErrorsOf } from "../schemas/field-errors.ts";
import { localizeFieldErrors, localizeValidation, V } from "../schemas/validation.ts";
import { CROSS_ORIGIN, sameOriginHeaders, type Guard } from "./guard.ts";
import { refusalOf, type Wording } from "./refusal.ts";
import { localizeRefusal } from "./refusal-text.ts";
import { rememberWrite } from "../db-read.ts";

// The server action transport. Every server action is a public POST endpoint: anyone can call it
// with any body, whatever the page that shows the button checks. So: same-origin request (Next.js
// checks it too; this is defence in depth) → the guard (session 401, role 403, input 400, unit
// 403) → `run`, which calls the data layer (it checks the user's rights on the very unit or record
// and throws ForbiddenError, 403). Every refusal and error comes back as the ActionFailure of
// lib/actions/result.ts, never as an exception; a success revalidates the pages unless told not to.

export const ACTION_WORDING: Wording = {
  tag: "action",
  noSession: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
  role: "Bạn không có quyền làm việc này.",
  invalid: (error) => ({ status: 400, message: V.invalidForm, fieldErrors: fieldErrorsOf(error) }),
  failed: "Đã có lỗi trên máy chủ, chưa lưu được. Vui lòng thử lại sau ít phút.",
};

export type ActionOptions = {
  /** Revalidate every page after a success (default true). */
  readonly revalidate?: boolean;
  /** The action's own words for the generic refusals (e.g. what was not saved). */
  readonly wording?: Partial<Wording>;
};

export function action<C, R extends { ok: boolean }>(
  guard: Guard<unknown, C>,
  run: (ctx: C) => Promise<R>,
  options: ActionOptions = {},
): (raw: unknown) => Promise<R | ActionFailure> {
  const wording: Wording = { ...ACTION_WORDING, ...options.wording };
  return async (raw) => {
    try {
      if (!sameOriginHeaders(await headers())) return failure(403, CROSS_ORIGIN);
      const result = await run(await guard.resolve(raw));
      // With a read replica, the author's next reads wait for it to have this write (lib/db-read.ts).
      if (result.ok) await rememberWrite();
      if (result.ok && options.revalidate !== false) revalidatePath("/", "layout");
      // An action's own refusal (failure(…)) in the reader's language too.
      if (!result.ok && "message" in result && typeof result.message === "string") {
        const locale = await readerLocale();
        if (locale !== "vi") return { ...result, message: localizeRefusal(result.message, locale) };
      }
      return result;
    } catch (err) {
      const refusal = refusalOf(err, wording);
      // Validation messages (lib/schemas/validation.ts) and refusals (refusal-text.ts) in the reader's language.
      const locale = await readerLocale();
      return failure(refusal.status, localizeRefusal(localizeValidation(refusal.message, locale), locale), localizeFieldErrors(refusal.fieldErrors, locale));
    }
  };
}

/** The reader's language (cookie ww_locale); Vietnamese outside a request or without the cookie. */
export async function readerLocale(): Promise<"vi" | "en"> {
  try {
    return parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  } catch {
    return "vi";
  }
}

/** FormData's named fields as an object to parse (a form that posts a file). */
export function formFields(...names: readonly string[]): (form: unknown) => Record<string, unknown> {
  return (form) => (form instanceof FormData ? Object.fromEntries(names.map((n) => [n, form.get(n) ?? undefined])) : {});
}
