import { useTranslations } from "next-intl";
import { IMPORT_KINDS } from "@/lib/domain/imports/catalogue";
import { importKindModule } from "@/lib/imports/kinds";

// What each kind of file is and its expected columns (from the kind's module), with a sample file to download.
export function ImportFormatHelp() {
  const t = useTranslations("imports");
  return (
    <div className="space-y-2">
      {IMPORT_KINDS.map((kind) => (
        <details key={kind} className="rounded border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer font-semibold">{t("help.columnsOf", { kind: t(`kinds.${kind}`) })}</summary>
          <p className="mt-2 text-sm text-slate-700">{importKindModule(kind).help}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t("help.column")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("help.content")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("help.type")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("help.example")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {importKindModule(kind).columns.map((c) => (
                  <tr key={c.name} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1 font-mono">
                      {c.name}
                      {c.required ? "" : ` ${t("help.optional")}`}
                    </td>
                    <td className="px-2 py-1">{c.label}</td>
                    <td className="px-2 py-1">{c.type}</td>
                    <td className="px-2 py-1 font-mono">{c.example}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-sm">
            <a href={`/api/imports/samples/${kind}`} className="font-semibold text-brand-700 underline" download>
              {t("help.sample")}
            </a>
          </p>
        </details>
      ))}
    </div>
  );
}
