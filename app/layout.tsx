import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "@/i18n/server";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { MainNav } from "@/components/auth/main-nav";
import { navLinksFor } from "@/components/auth/nav-links";
import { Brand } from "@/components/auth/brand";
import { LanguageToggle } from "@/components/i18n/language-toggle";
import type { BellState } from "@/components/notifications/notification-bell";
import { getSessionUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/data/notifications";
import type { SessionUser } from "@/lib/permissions";
import { parseLocale } from "@/i18n/locales";
import { clientMessages } from "@/messages/catalog";
import "./globals.css";

const ICONS: Metadata["icons"] = { icon: [{ url: "/favicon.ico", sizes: "48x48" }, { url: "/icon.svg", type: "image/svg+xml" }], apple: "/apple-touch-icon.png" };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: "WardWatch", template: "%s · WardWatch" }, description: t("description"), icons: ICONS };
}

// The header shows who is signed in and the menu of their role. It is not a gate: each page,
// action and route handler checks the user itself. A failing session lookup (database down)
// only hides the menu here; the page's own check reports the problem.
async function currentUser(): Promise<SessionUser | null> {
  try {
    return await getSessionUser();
  } catch (err) {
    // Next's own signals (e.g. "this page is dynamic" while prerendering) must pass through.
    unstable_rethrow(err);
    console.error("[layout] session lookup failed", err);
    return null;
  }
}

// The header's bell: the number of unread notifications and its name. A failing count (database
// down) shows the bell without a number: the header must not fail the page.
async function bellState(user: SessionUser): Promise<BellState> {
  const bell = await getTranslations("notifications");
  const unread = await countUnreadNotifications(user).catch(() => 0);
  return { label: unread > 0 ? bell("bellUnread", { count: unread }) : bell("bell"), unread };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const locale = parseLocale(await getLocale());
  const t = await getTranslations("common");
  const labels = await getTranslations("labels");
  const roleLabel = user ? labels(`roles.${user.role}`) : "";
  const language = { locale, label: t("language.label") };
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={clientMessages(locale)}>
        <a href="#noi-dung" className="sh-skip">
          {t("skipToContent")}
        </a>
        <header className="sh-hd">
          {user ? (
            <MainNav
              links={navLinksFor(user.role, (key) => t(`nav.${key}`))}
              tagline={t("tagline")}
              name={user.displayName}
              role={roleLabel}
              bell={await bellState(user)}
              language={language}
            />
          ) : (
            <div className="sh-out">
              <Brand tagline={t("tagline")} />
              <LanguageToggle {...language} />
            </div>
          )}
        </header>
        <main id="noi-dung" className="sh-main">
          {children}
        </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
