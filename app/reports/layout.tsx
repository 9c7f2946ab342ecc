import type { ReactNode } from "react";
import { PageMessages } from "@/components/i18n/page-messages";

// The approval and unlock controls on /reports share the entry form's strings (namespace "entry"):
// they travel with this page, not with every page.
export default function ReportsLayout({ children }: { children: ReactNode }) {
  return <PageMessages namespaces={["entry"]}>{children}</PageMessages>;
}
