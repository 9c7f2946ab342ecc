import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import type { z } from "zod";
import { Notice } from "@/components/ui/notice";
import { parseLocale } from "@/i18n/locales";
import { localizeValidation } from "@/lib/schemas/validation";

// Malformed URL parameters: say which and why (the schemas' messages, in the reader's language
// when the validation catalogs have them: lib/schemas/validation.ts), and offer a way back.
export async function ParamError({ issues, backHref, backLabel }: { issues: readonly z.core.$ZodIssue[]; backHref: string; backLabel: string }) {
  const t = await getTranslations("overview.paramError");
  const locale = parseLocale(await getLocale());
  return (
    <Notice title={t("title")}>
      <ul className="list-disc pl-5">
        {issues.map((i) => (
          <li key={`${i.path.join(".")}:${i.message}`}>
            <code>{i.path.join(".") || "?"}</code>: {localizeValidation(i.message, locale)}
          </li>
        ))}
      </ul>
      <Link href={backHref} className="font-semibold text-brand-700 underline">
        {backLabel}
      </Link>
    </Notice>
  );
}
