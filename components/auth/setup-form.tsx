"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { parseLocale } from "@/i18n/locales";
import { localFieldErrors } from "@/lib/schemas/validation";
import { useId, useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { createFirstAdminAction } from "@/lib/actions/users";
import { FirstAdminSchema } from "@/lib/schemas/user";
import { FormFooter, PasswordInput, TextInput, type FieldErrors } from "./form-fields";

// The first administrator's form on the one-time setup page. Checked here with the same schema
// as the server action; after creation it signs in with the new account.

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const locale = parseLocale(useLocale());
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = {
      token,
      username: String(form.get("username") ?? ""),
      displayName: String(form.get("displayName") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    const local = FirstAdminSchema.safeParse(raw);
    if (!local.success) {
      setErrors(localFieldErrors(local.error, locale));
      setMessage(t("setup.fixFields"));
      return;
    }
    setPending(true);
    setMessage("");
    const result = await createFirstAdminAction(raw);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage(result.message);
      setPending(false);
      return;
    }
    setErrors({});
    setCreated(result.data.username);
    const signedIn = await signIn("credentials", { redirect: false, username: local.data.username, password: local.data.password }).catch(() => null);
    if (signedIn?.ok && !signedIn.error) {
      window.location.assign(safeCallbackPath("/admin/users", window.location.origin));
      return;
    }
    setPending(false);
  }

  if (created) {
    return (
      <div role="status" className="space-y-3" data-testid="setup-done">
        <p className="font-semibold text-green-900">{t("setup.created", { username: created })}</p>
        <a href="/login?callbackUrl=%2Fadmin%2Fusers" className="inline-block font-semibold text-brand-700 underline">
          {t("login.submit")}
        </a>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={`${id}-message`}>
      <TextInput id={`${id}-username`} name="username" label={t("fields.username")} autoComplete="username" errors={errors.username} />
      <TextInput id={`${id}-name`} name="displayName" label={t("fields.displayName")} autoComplete="name" errors={errors.displayName} />
      <PasswordInput id={`${id}-password`} name="password" label={t("fields.password")} autoComplete="new-password" errors={errors.password} />
      <PasswordInput
        id={`${id}-confirm`}
        name="confirmPassword"
        label={t("fields.confirmPassword")}
        autoComplete="new-password"
        errors={errors.confirmPassword}
      />
      <FormFooter id={id} message={message} pending={pending} label={t("setup.submit")} pendingLabel={t("setup.pending")} />
    </form>
  );
}
