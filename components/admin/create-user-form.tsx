"use client";

import { useLocale, useTranslations } from "next-intl";
import { parseLocale } from "@/i18n/locales";
import { localFieldErrors } from "@/lib/schemas/validation";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createUserAction } from "@/lib/actions/users";
import type { Role } from "@/lib/permissions";
import { CreateUserSchema, PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";
import { ContactFields, FieldError, inputClass, MustChangeCheckbox, RoleAndUnit, type UnitOption } from "./user-fields";

export function CreateUserForm({ units }: { units: readonly UnitOption[] }) {
  const t = useTranslations("admin.users");
  const locale = parseLocale(useLocale());
  const hydrated = useHydrated();
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>("WARD_CHAIR");
  const [unitCode, setUnitCode] = useState("");
  const [password, setPassword] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [mustChange, setMustChange] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const raw = { username, displayName, role, unitCode: unitCode || null, password, phone, email, mustChangePassword: mustChange };
    const local = CreateUserSchema.safeParse(raw);
    if (!local.success) {
      setErrors(localFieldErrors(local.error, locale));
      setMessage(t("fixFields"));
      return;
    }
    start(async () => {
      const result = await createUserAction(raw);
      if (result.ok) {
        setErrors({});
        setMessage(t("created", { username: local.data.username }));
        setUsername("");
        setDisplayName("");
        setPassword("");
        setUnitCode("");
        setPhone("");
        setEmail("");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={t("create")}>
      <div>
        <label htmlFor="new-username" className="block text-sm font-semibold">
          {t("username")}
        </label>
        <input
          id="new-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby="new-username-error"
          className={inputClass}
        />
        <FieldError id="new-username-error" messages={errors.username} />
      </div>
      <div>
        <label htmlFor="new-display-name" className="block text-sm font-semibold">
          {t("displayName")}
        </label>
        <input
          id="new-display-name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          aria-invalid={errors.displayName ? true : undefined}
          aria-describedby="new-display-name-error"
          className={inputClass}
        />
        <FieldError id="new-display-name-error" messages={errors.displayName} />
      </div>
      <RoleAndUnit idPrefix="new" role={role} unitCode={unitCode} units={units} onRole={setRole} onUnit={setUnitCode} errors={errors} />
      <div>
        <label htmlFor="new-password" className="block text-sm font-semibold">
          {t("initialPasswordLabel", { min: PASSWORD_MIN_LENGTH })}
        </label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="new-password-error"
          className={inputClass}
        />
        <FieldError id="new-password-error" messages={errors.password} />
        <MustChangeCheckbox id="new-must-change" checked={mustChange} onChange={setMustChange} />
      </div>
      <ContactFields idPrefix="new" phone={phone} email={email} onPhone={setPhone} onEmail={setEmail} errors={errors} />
      <div className="sm:col-span-2">
        <button type="submit" disabled={!hydrated || pending} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {pending ? t("creating") : t("create")}
        </button>
        <p aria-live="polite" className="mt-1 text-sm font-semibold">
          {message}
        </p>
      </div>
    </form>
  );
}
