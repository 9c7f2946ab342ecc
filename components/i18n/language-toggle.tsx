import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, parseLocale, type Locale } from "@/i18n/locales";

/** Each language's name in itself, so a reader who does not read the current one still finds theirs. */
const LANGUAGE_NAMES: { readonly [L in Locale]: string } = { vi: "Tiếng Việt", en: "English" };

// The language switch of the header (every page, the sign-in page included). A plain form posted to
// POST /api/locale (app/api/locale/route.ts), which sets the cookie and sends the browser back to
// the page: it works before the page's JavaScript has loaded, or without it. (Not a server action:
// the proxy refuses server-action posts made without JavaScript, lib/server/action-body-screen.ts.)
// The current language is marked (aria-pressed).
export async function LanguageToggle({ tone = "header" }: { tone?: "header" | "plain" }) {
  const locale = parseLocale(await getLocale());
  const t = await getTranslations("common");
  const look =
    tone === "header"
      ? "border-white/60 text-white hover:bg-white/10 focus-visible:outline-white aria-pressed:bg-white aria-pressed:text-brand-800"
      : "border-brand-700 text-brand-700 hover:bg-slate-100 focus-visible:outline-brand-800 aria-pressed:bg-brand-700 aria-pressed:text-white";
  return (
    <form method="post" action="/api/locale" aria-label={t("language.label")} data-testid="language-toggle" className="flex items-center">
      {LOCALES.map((l, i) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`min-h-11 border px-2 py-2 text-sm font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 ${i === 0 ? "rounded-l" : "-ml-px rounded-r"} ${look}`}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </form>
  );
}
