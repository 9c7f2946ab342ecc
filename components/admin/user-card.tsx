"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resetPasswordAction, setUserDisabledAction, updateUserAction } from "@/lib/actions/users";
import type { ActionResult } from "@/lib/actions/result";
import type { UserListItem } from "@/lib/data/users";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import type { Role } from "@/lib/permissions";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";
import { ContactFields, FieldError, inputClass, MustChangeCheckbox, RoleAndUnit, type UnitOption } from "./user-fields";

/** What the admin page shows of an account (never its password hash): the data layer's list item. */
export type UserCardData = Omit<UserListItem, "createdAt">;

const button = "min-h-11 rounded px-3 py-2 text-sm font-semibold disabled:opacity-60";

export function UserCard({ user, units, isSelf }: { user: UserCardData; units: readonly UnitOption[]; isSelf: boolean }) {
  const t = useTranslations("admin.users");
  const labels = useTranslations("labels");
  const locale = useLocale();
  const hydrated = useHydrated();
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "edit" | "password">("view");
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [unitCode, setUnitCode] = useState(user.unitCode ?? "");
  const [phone, setPhone] = useState(user.phone ?? "");
  const [email, setEmail] = useState(user.email ?? "");
  const [password, setPassword] = useState("");
  const [mustChange, setMustChange] = useState(!isSelf);
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  const prefix = `user-${user.id}`;

  function run(action: () => Promise<ActionResult<{ userId: number }>>, done: string) {
    start(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setMessage(done);
        setMode("view");
        setPassword("");
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  return (
    <li className="rounded border border-slate-200 bg-white p-3" data-testid={`user-${user.username}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="font-semibold">
            {user.displayName} <span className="font-normal text-slate-700">({user.username})</span>
          </p>
          <p className="text-sm text-slate-700">
            {labels(`roles.${user.role}`)}
            {user.unitName ? ` · ${user.unitName}` : ""} · {user.disabled ? <strong className="text-red-800">{t("locked")}</strong> : t("active")}
            {user.lastSignInAt ? ` · ${t("lastSignIn", { at: formatVietnamDateTime(new Date(user.lastSignInAt), locale === "en" ? "en" : "vi") })}` : ""}
            {user.mustChangePassword ? (
              <>
                {" · "}
                <strong className="text-amber-900">{t("initialPassword")}</strong>
              </>
            ) : null}
          </p>
          {user.phone || user.email ? (
            <p className="text-sm text-slate-700">
              {user.phone ? <span>{t("phoneShort", { phone: user.phone })}</span> : null}
              {user.phone && user.email ? " · " : null}
              {user.email ? <span>Email: {user.email}</span> : null}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={() => setMode(mode === "edit" ? "view" : "edit")}>
            {t("edit")}
          </button>
          <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={() => setMode(mode === "password" ? "view" : "password")}>
            {t("resetPassword")}
          </button>
          {isSelf ? null : (
            <button
              type="button"
              disabled={pending}
              className={`${button} border ${user.disabled ? "border-green-800 text-green-900" : "border-red-800 text-red-800"}`}
              onClick={() =>
                run(
                  () => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }),
                  user.disabled ? t("unlocked") : t("lockedDone"),
                )
              }
            >
              {user.disabled ? t("unlock") : t("lock")}
            </button>
          )}
        </div>
      </div>

      {mode === "edit" ? (
        <form
          className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => updateUserAction({ userId: user.id, displayName, role, unitCode: unitCode || null, phone, email }),
              t("savedChanges"),
            );
          }}
        >
          <div>
            <label htmlFor={`${prefix}-name`} className="block text-sm font-semibold">
              {t("displayName")}
            </label>
            <input
              id={`${prefix}-name`}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              aria-describedby={`${prefix}-name-error`}
              className={inputClass}
            />
            <FieldError id={`${prefix}-name-error`} messages={errors.displayName} />
          </div>
          <RoleAndUnit
            idPrefix={prefix}
            role={role}
            unitCode={unitCode}
            units={units}
            onRole={setRole}
            onUnit={setUnitCode}
            errors={errors}
            disabled={isSelf}
          />
          <ContactFields idPrefix={prefix} phone={phone} email={email} onPhone={setPhone} onEmail={setEmail} errors={errors} />
          <div className="sm:col-span-3">
            <button type="submit" disabled={!hydrated || pending} className={`${button} bg-brand-700 text-white`}>
              {t("save")}
            </button>
          </div>
        </form>
      ) : null}

      {mode === "password" ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => resetPasswordAction({ userId: user.id, password, mustChangePassword: !isSelf && mustChange }),
              t("passwordSet"),
            );
          }}
        >
          <label htmlFor={`${prefix}-password`} className="block text-sm font-semibold">
            {t("newPasswordFor", { username: user.username, min: PASSWORD_MIN_LENGTH })}
          </label>
          <input
            id={`${prefix}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={`${prefix}-password-error`}
            className={inputClass}
          />
          <FieldError id={`${prefix}-password-error`} messages={errors.password} />
          {isSelf ? null : <MustChangeCheckbox id={`${prefix}-must-change`} checked={mustChange} onChange={setMustChange} />}
          <button type="submit" disabled={!hydrated || pending} className={`${button} bg-brand-700 text-white`}>
            {t("setPassword")}
          </button>
        </form>
      ) : null}

      <p aria-live="polite" className="mt-1 text-sm font-semibold">
        {message}
      </p>
    </li>
  );
}
