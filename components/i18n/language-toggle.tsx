import { LOCALES, type Locale } from "@/i18n/locales";

/** Each language's name in itself, so a reader who does not read the current one still finds theirs. */
const LANGUAGE_NAMES: { readonly [L in Locale]: string } = { vi: "Tiếng Việt", en: "English" };

// The language switch of the header (every page, the sign-in page included). A plain form posted to
// POST /api/locale (app/api/locale/route.ts), which sets the cookie and sends the browser back to
// the page: it works before the page's JavaScript has loaded, or without it. (Not a server action:
// the proxy refuses server-action posts made without JavaScript, lib/server/action-body-screen.ts.)
// The current language is marked (aria-pressed). Plain markup, no hooks: drawn by the server on the
// signed-out header and by the menu (components/auth/main-nav.tsx) from two strings, so the page's
// flight data carries the language and the label, not the form. Short class names (globals.css).
export function LanguageToggle({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form method="post" action="/api/locale" aria-label={label} data-testid="language-toggle" className="sh-lang">
      {LOCALES.map((l) => (
        <button key={l} type="submit" name="locale" value={l} lang={l} aria-pressed={l === locale} className="sh-btn">
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </form>
  );
}
