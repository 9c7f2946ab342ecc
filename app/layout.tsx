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
      <Link href="/" className="text-lg font-bold tracking-tight">
        WardWatch
      </Link>
      <p className="hidden text-sm text-blue-100 sm:block">{t("tagline")}</p>
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
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider locale={locale} messages={clientMessages(locale)}>
        <a
          href="#noi-dung"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800 focus:shadow"
        >
          {t("skipToContent")}
        </a>
        <header className="bg-brand-800 text-white">
          {user ? (
            <MainNav
              links={navLinksFor(user.role, (key) => t(`nav.${key}`))}
              brand={<Brand />}
              who={`${user.displayName} · ${roleLabel}`}
              language={<LanguageToggle />}
              account={
                <div className="flex items-center gap-3" data-testid="user-menu">
                  <p className="hidden text-sm leading-tight sm:block">
                    <span className="block font-semibold">{user.displayName}</span>
                    <span className="block text-blue-100">{roleLabel}</span>
                  </p>
                  <NotificationBell user={user} />
                  <SignOutButton />
                </div>
              }
            />
          ) : (
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Brand />
              <LanguageToggle />
            </div>
          )}
        </header>
        <main id="noi-dung" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
