"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateDispatchTemplateAction } from "@/lib/actions/dispatch-template";
import { DISPATCH_TEMPLATE_LABELS, type DispatchTemplate } from "@/lib/domain/dispatch-template";

// The draft dispatch's fixed wording (admins). Lists are edited one item per line; the server
// validates again with the same zod schema and answers field errors as data, shown by each field.

type Key = keyof DispatchTemplate;
type Values = Record<Key, string>;

const FIELDS: readonly { key: Key; kind: "line" | "text" | "lines"; rows?: number; hint?: string }[] = [
  { key: "authorityParent", kind: "line" },
  { key: "authorityName", kind: "line" },
  { key: "documentNumber", kind: "line", hint: "Ví dụ 1178. Bản dự thảo thường để trống." },
  { key: "documentSymbol", kind: "line", hint: "Ví dụ UBND-VHTT; dòng số in thành “Số: 1178/UBND-VHTT”." },
  { key: "place", kind: "line", hint: "Dòng ngày in thành “Hoàn Kiếm, ngày 17 tháng 8 năm 2021” (ngày là ngày số liệu Bluezone)." },
  { key: "subject", kind: "text", rows: 2 },
  { key: "addressees", kind: "lines", rows: 3 },
  { key: "installSource", kind: "line", hint: "Câu đầu: “Theo số liệu do … cung cấp đến ngày …”." },
  { key: "directive", kind: "text", rows: 6 },
  { key: "requests", kind: "lines", rows: 8 },
  { key: "closing", kind: "text", rows: 2 },
  { key: "recipients", kind: "lines", rows: 8 },
  { key: "signerTitles", kind: "lines", rows: 3 },
  { key: "signerName", kind: "line" },
];

function toValues(t: DispatchTemplate): Values {
  const out = {} as Values;
  for (const { key } of FIELDS) {
    const v = t[key];
    out[key] = typeof v === "string" ? v : v.join("\n");
  }
  return out;
}

const INPUT = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

export function DispatchTemplateForm({ template }: { template: DispatchTemplate }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => toValues(template));
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateDispatchTemplateAction(values);
          if (result.ok) {
            setErrors({});
            setMessage(result.data.changed.length === 0 ? "Không có gì thay đổi." : `Đã lưu mẫu công văn (${result.data.changed.length} mục thay đổi).`);
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage(result.message);
          }
        });
      }}
    >
      {FIELDS.map(({ key, kind, rows, hint }) => {
        const id = `dispatch-${key}`;
        const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
        const common = {
          id,
          name: key,
          value: values[key],
          required: key !== "documentNumber",
          "aria-invalid": errors[key] ? true : undefined,
          "aria-describedby": describedBy,
          className: INPUT,
        } as const;
        return (
          <div key={key}>
            <label htmlFor={id} className="block text-sm font-semibold">
              {DISPATCH_TEMPLATE_LABELS[key]}
            </label>
            {kind === "line" ? (
              <input {...common} type="text" onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
            ) : (
              <textarea {...common} rows={rows} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
            )}
            {hint ? (
              <p id={`${id}-hint`} className="text-sm text-slate-700">
                {hint}
              </p>
            ) : null}
            <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
              {errors[key]?.[0] ?? ""}
            </p>
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? "Đang lưu…" : "Lưu mẫu công văn"}
      </button>
      <p aria-live="polite" role="status" className="text-sm font-semibold">
        {message}
      </p>
    </form>
  );
}
