import type { ReactNode } from "react";
import { PageMessages } from "@/components/i18n/page-messages";

// The report form, the waiting (offline) reports and the push switch translate in the browser:
// their strings travel with /entry only, not with every page.
export default function EntryLayout({ children }: { children: ReactNode }) {
  return <PageMessages namespaces={["entry", "push"]}>{children}</PageMessages>;
}
