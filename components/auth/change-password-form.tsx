"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { parseLocale } from "@/i18n/locales";
import { localFieldErrors } from "@/lib/schemas/validation";
import { useId, useState, type FormEvent } from "react";
import { pathAfterSignIn } from "./landing";
import { changePasswordAction } from "@/lib/actions/users";
import { ChangePasswordSchema } from "@/lib/schemas/user";
import { FormFooter, PasswordInput, type FieldErrors } from "./form-fields";

// The password change form. The change ends every session of the account (the server bumps its
// session version), so the form signs in again with the new password and goes to the overview.

export function ChangePasswordForm({ username }: { username: string }) {
  const t = useTranslations("auth");
  const locale = parseLocale(useLocale());
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    const local = ChangePasswordSchema.safeParse(raw);
    if (!local.success) {
      setErrors(localFieldErrors(local.error, locale));
      setMessage(t("password.fixFields"));
      return;
    }
    setPending(true);
    setMessage("");
    const result = await changePasswordAction(raw).catch(() => null);
    if (!result || !result.ok) {
      setErrors(result?.fieldErrors ?? {});
      setMessage(result?.message ?? t("password.connectionFailed"));
      setPending(false);
      return;
    }
    setErrors({});
    setDone(true);
    const signedIn = await signIn("credentials", { redirect: false, username, password: local.data.newPassword }).catch(() => null);
    if (signedIn?.ok && !signedIn.error) {
      // a full load, so that the header shows the signed-in user; a ward chair lands on /entry
      window.location.assign(await pathAfterSignIn("/"));
      return;
    }
    setPending(false);
  }

  if (done) {
    return (
      <div role="status" data-testid="password-changed" className="space-y-3">
        <p className="font-semibold text-green-900">{t("password.changed")}</p>
        <a href="/login" className="inline-block font-semibold text-brand-700 underline">
          {t("login.submit")}
        </a>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={`${id}-message`}>
      {/* for password managers: which account the new password belongs to */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <PasswordInput
        id={`${id}-current`}
        name="currentPassword"
        label={t("fields.currentPassword")}
        autoComplete="current-password"
        errors={errors.currentPassword}
      />
      <PasswordInput id={`${id}-new`} name="newPassword" label={t("fields.newPassword")} autoComplete="new-password" errors={errors.newPassword} />
      <PasswordInput
        id={`${id}-confirm`}
        name="confirmPassword"
        label={t("fields.confirmNewPassword")}
        autoComplete="new-password"
        errors={errors.confirmPassword}
      />
      <FormFooter id={id} message={message} pending={pending} label={t("password.submit")} pendingLabel={t("password.pending")} />
    </form>
  );
}
