"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updatePreferredSourceAction } from "@/lib/actions/settings";

// Which of a ward's two sources the pages use when both have a figure (admins). Saving rewrites
// the district and city sums of every day, which can take a few seconds on a city's data.

type Preferred = "IMPORT" | "WARD_REPORT";

const CHOICES: readonly { value: Preferred; label: string; hint: string }[] = [
  { value: "IMPORT", label: "Dữ liệu nhập từ hệ thống quốc gia", hint: "mặc định: số liệu chính thức thắng số phường tự báo cáo" },
  { value: "WARD_REPORT", label: "Số liệu phường báo cáo", hint: "dữ liệu nhập chỉ dùng cho các ô phường chưa báo cáo" },
];

export function SourcePriorityForm({ preferred }: { preferred: Preferred }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [choice, setChoice] = useState<Preferred>(preferred);
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updatePreferredSourceAction({ preferred: choice });
          if (result.ok) {
            setMessage(result.data.changed ? "Đã lưu và tính lại số liệu tổng hợp của quận, thành phố." : "Không có gì thay đổi.");
            router.refresh();
          } else {
            setMessage(result.message);
          }
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">Khi một phường có cả số liệu tự báo cáo và dữ liệu nhập cho cùng một ngày, dùng</legend>
        {CHOICES.map((c) => (
          <div key={c.value} className="flex items-start gap-2">
            <input
              id={`source-${c.value}`}
              type="radio"
              name="preferred"
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
              aria-describedby={`source-${c.value}-hint`}
              className="mt-1 h-5 w-5"
            />
            <label htmlFor={`source-${c.value}`}>
              <span className="block font-semibold">{c.label}</span>
              <span id={`source-${c.value}-hint`} className="block text-sm text-slate-700">
                {c.hint}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? "Đang lưu và tính lại…" : "Lưu nguồn ưu tiên"}
      </button>
      <p aria-live="polite" className="text-sm font-semibold" data-testid="source-priority-message">
        {message}
      </p>
    </form>
  );
}
