import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { MainNav } from "@/components/auth/main-nav";
import { navLinksFor } from "@/components/auth/nav-links";
import { LanguageToggle } from "@/components/i18n/language-toggle";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { getSessionUser } from "@/lib/auth/session";
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

async function Brand() {
  const t = await getTranslations("common");
  return (
    <div>
      <Link href="/" className="sh-logo">
        WardWatch
      </Link>
      <p className="sh-tag">{t("tagline")}</p>
    </div>
  );
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const locale = parseLocale(await getLocale());
  const t = await getTranslations("common");
  const labels = await getTranslations("labels");
  const roleLabel = user ? labels(`roles.${user.role}`) : "";
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
              brand={<Brand />}
              who={`${user.displayName} · ${roleLabel}`}
              language={<LanguageToggle />}
              account={
                <div className="sh-acct" data-testid="user-menu">
                  <p className="sh-who">
                    <span>{user.displayName}</span>
                    <span>{roleLabel}</span>
                  </p>
                  <NotificationBell user={user} />
                  <SignOutButton />
                </div>
              }
            />
          ) : (
            <div className="sh-out">
              <Brand />
              <LanguageToggle />
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
