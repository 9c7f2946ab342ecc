"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { SubmitWithAnswer } from "@/components/ui/action-form-parts";
import { updateOwnPhoneAction } from "@/lib/actions/account";

// The user's own phone number (optional): checked by the same zod field as the admin's form.
export function OwnPhoneForm({ phone }: { phone: string | null }) {
  const t = useTranslations("auth");
  const id = useId();
  const router = useRouter();
  const [value, setValue] = useState(phone ?? "");
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <form
      aria-label={t("account.phoneForm")}
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateOwnPhoneAction({ phone: value });
          if (result.ok) {
            setError("");
            setMessage(result.data.phone ? t("account.phoneSaved", { phone: result.data.phone }) : t("account.phoneCleared"));
            router.refresh();
          } else {
            setError(result.fieldErrors?.phone?.[0] ?? "");
            setMessage(result.message);
          }
        });
      }}
    >
      <label htmlFor={`${id}-phone`} className="block font-semibold">
        {t("account.phoneLabel")}
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {t("account.phoneHint")}
      </p>
      <input
        id={`${id}-phone`}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={30}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className="block min-h-11 w-full rounded border border-slate-500 bg-white px-3 py-2 text-base"
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-semibold text-red-800">
        {error}
      </p>
      <SubmitWithAnswer pending={pending} label={t("account.phoneSubmit")} message={message} testId="own-phone-message" />
    </form>
  );
}
