"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateAlertThresholdsAction } from "@/lib/actions/alerts";
import { ALERT_THRESHOLD_BOUNDS, ALERT_THRESHOLD_NAMES, type AlertThresholds } from "@/lib/domain/alerts/types";

// The alert thresholds (admins). The server validates again with the same zod schema and
// answers field errors as data, shown next to their field.

const LABELS: Readonly<Record<keyof AlertThresholds, { label: string; hint: string }>> = {
  dormantDays: { label: "Số ngày không có lượt quét để coi là không hoạt động", hint: "ngày (mặc định 7)" },
  disagreementTolerancePercent: { label: "Ngưỡng chênh lệch giữa số phường báo cáo và dữ liệu nhập", hint: "% số nhập (mặc định 10)" },
  escalationDays: { label: "Nâng mức cảnh báo khi kéo dài liên tiếp", hint: "ngày (mặc định 3)" },
  rankDropPlaces: { label: "Cảnh báo tụt hạng khi tụt từ", hint: "bậc so với ngày trước (mặc định 3)" },
};

export function ThresholdsForm({ thresholds }: { thresholds: AlertThresholds }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [values, setValues] = useState<Record<keyof AlertThresholds, string>>({
    dormantDays: String(thresholds.dormantDays),
    disagreementTolerancePercent: String(thresholds.disagreementTolerancePercent),
    escalationDays: String(thresholds.escalationDays),
    rankDropPlaces: String(thresholds.rankDropPlaces),
  });
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateAlertThresholdsAction(values);
          if (result.ok) {
            setErrors({});
            setMessage(result.data.changed.length === 0 ? "Không có gì thay đổi." : `Đã lưu ${result.data.changed.length} ngưỡng.`);
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage(result.message);
          }
        });
      }}
    >
      {ALERT_THRESHOLD_NAMES.map((name) => {
        const { min, max } = ALERT_THRESHOLD_BOUNDS[name];
        return (
          <div key={name}>
            <label htmlFor={`threshold-${name}`} className="block text-sm font-semibold">
              {LABELS[name].label}
            </label>
            <div className="mt-1 flex items-center gap-2">
              <input
                id={`threshold-${name}`}
                name={name}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                required
                value={values[name]}
                onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={`threshold-${name}-hint threshold-${name}-error`}
                className="block w-28 rounded border border-slate-500 bg-white px-3 py-2"
              />
              <span id={`threshold-${name}-hint`} className="text-sm text-slate-700">
                {LABELS[name].hint}; từ {min} đến {max}
              </span>
            </div>
            <p id={`threshold-${name}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
              {errors[name]?.[0] ?? ""}
            </p>
          </div>
        );
      })}
      <button
        type="submit"
        disabled={!hydrated || pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
      >
        {pending ? "Đang lưu…" : "Lưu ngưỡng cảnh báo"}
      </button>
      <p aria-live="polite" className="text-sm font-semibold">
        {message}
      </p>
    </form>
  );
}
