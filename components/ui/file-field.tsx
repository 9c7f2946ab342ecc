"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, type ReactNode } from "react";

// A file field in the interface's language: Chromium draws its own "Choose File / No file chosen"
// in the browser's language whatever the page's. The native input stays (visually hidden, still
// focusable: Tab reaches it, Space opens the file chooser, tests call setInputFiles on it); a
// label styled as a button, "Chọn tệp", opens it with a click or a tap and shows its focus ring;
// the chosen file's name, or "Chưa chọn tệp", is announced in a live region. The form keeps the
// file (`file`/`onFile`): setting it back to null (after an upload) also empties the input, so the
// same file can be chosen again.

type Props = {
  /** the field's label (what file: "Tệp CSV (UTF-8, tối đa 200 MB)") */
  label: ReactNode;
  /** the chosen file, kept by the form; null: none */
  file: File | null;
  onFile: (file: File | null) => void;
  /** default: CSV files */
  accept?: string;
  disabled?: boolean;
  invalid?: boolean;
  /** id of the input (default: generated) */
  id?: string;
  /** ids of further descriptions (an error message under the field) */
  describedBy?: string;
  labelClassName?: string;
  className?: string;
};

export function FileField({
  label,
  file,
  onFile,
  accept = ".csv,text/csv",
  disabled = false,
  invalid = false,
  id,
  describedBy,
  labelClassName = "block font-semibold",
  className,
}: Props) {
  const t = useTranslations("common.ui");
  const generated = useId();
  const inputId = id ?? `${generated}-file`;
  const statusId = `${inputId}-chosen`;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (file === null && inputRef.current) inputRef.current.value = "";
  }, [file]);
  return (
    <div className={className}>
      <label htmlFor={inputId} className={labelClassName}>
        {label}
      </label>
      <div className="relative mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={accept}
          disabled={disabled}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={[statusId, describedBy].filter(Boolean).join(" ")}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          className="peer sr-only"
        />
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-slate-100 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-800 peer-disabled:cursor-not-allowed peer-disabled:border-slate-400 peer-disabled:text-slate-600"
        >
          {t("chooseFile")}
        </label>
        <span id={statusId} aria-live="polite" className="min-w-0 break-all text-sm text-slate-800">
          {file ? file.name : t("noFileChosen")}
        </span>
      </div>
    </div>
  );
}
