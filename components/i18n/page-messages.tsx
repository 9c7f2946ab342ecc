import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { parseLocale } from "@/i18n/locales";
import { clientMessages, type MessageGroup } from "@/messages/catalog";

// Hands a page's client components the namespaces (or groups, "admin.users") they translate, on
// that page only: the root layout sends the few CLIENT_NAMESPACES to every page; an admin form's
// strings travel with the admin page that shows it, and only its group. (A nested provider replaces its parent's messages, hence the client
// namespaces again.)
export async function PageMessages({ namespaces, children }: { namespaces: readonly MessageGroup[]; children: ReactNode }) {
  const locale = parseLocale(await getLocale());
  return (
    <NextIntlClientProvider locale={locale} messages={clientMessages(locale, namespaces)}>
      {children}
    </NextIntlClientProvider>
  );
}
