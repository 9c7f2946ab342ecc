import { IMPORT_KIND_LABELS, IMPORT_KINDS } from "@/lib/domain/imports/catalogue";
import { importKindModule } from "@/lib/imports/kinds";

// What each kind of file is and its expected columns (from the kind's module), with a sample file to download.
export function ImportFormatHelp() {
  return (
    <div className="space-y-2">
      {IMPORT_KINDS.map((kind) => (
        <details key={kind} className="rounded border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer font-semibold">{IMPORT_KIND_LABELS[kind]}: các cột của tệp</summary>
          <p className="mt-2 text-sm text-slate-700">{importKindModule(kind).help}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1">
                    Cột
                  </th>
                  <th scope="col" className="px-2 py-1">
                    Nội dung
                  </th>
                  <th scope="col" className="px-2 py-1">
                    Kiểu, quy tắc
                  </th>
                  <th scope="col" className="px-2 py-1">
                    Ví dụ
                  </th>
                </tr>
              </thead>
              <tbody>
                {importKindModule(kind).columns.map((c) => (
                  <tr key={c.name} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1 font-mono">
                      {c.name}
                      {c.required ? "" : " (tuỳ chọn)"}
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
              Tải tệp mẫu
            </a>
          </p>
        </details>
      ))}
    </div>
  );
}
