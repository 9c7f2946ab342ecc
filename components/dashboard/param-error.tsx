import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { Notice } from "@/components/ui/notice";

// Malformed URL parameters: say which and why (zod's Vietnamese messages), and offer a way back.
export async function ParamError({ issues, backHref, backLabel }: { issues: readonly z.core.$ZodIssue[]; backHref: string; backLabel: string }) {
  const t = await getTranslations("overview.paramError");
  return (
    <Notice title={t("title")}>
      <ul className="list-disc pl-5">
        {issues.map((i) => (
          <li key={`${i.path.join(".")}:${i.message}`}>
            <code>{i.path.join(".") || "?"}</code>: {i.message}
          </li>
        ))}
      </ul>
      <Link href={backHref} className="font-semibold text-brand-700 underline">
        {backLabel}
      </Link>
    </Notice>
  );
}
