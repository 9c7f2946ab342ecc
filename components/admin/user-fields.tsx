"use client";

import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { ROLE_UNIT_LEVEL, ROLES, type Role } from "@/lib/permissions";

// Shared inputs of the user forms: role and the unit that fits it.

export type UnitOption = { code: string; name: string; level: "COUNTRY" | "PROVINCE" | "DISTRICT" | "WARD"; parentCode: string | null };

/** The units by code and by parent, built once per list. */
function indexUnits(units: readonly UnitOption[]) {
  const byCode = new Map<string, UnitOption>();
  const byParent = new Map<string, UnitOption[]>();
  for (const u of units) {
    byCode.set(u.code, u);
    if (u.parentCode) {
      const list = byParent.get(u.parentCode) ?? [];
      list.push(u);
      byParent.set(u.parentCode, list);
    }
  }
  return { byCode, byParent };
}

/** The unit's ancestor at a level (itself when it is at that level), or "" . */
function ancestorAt(byCode: Map<string, UnitOption>, code: string, level: UnitOption["level"]): string {
  for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) if (u.level === level) return u.code;
  return "";
}


export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="text-sm font-semibold text-red-800">
      {messages?.[0] ?? ""}
    </p>
  );
}

export const inputClass = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base";

/** A labelled select of units with a "choose" option; with `errors`, it carries the field's error. */
function UnitSelect({
  id,
  label,
  value,
  list,
  onChange,
  disabled,
  errors,
}: {
  id: string;
  label: string;
  value: string;
  list: readonly UnitOption[];
  onChange: (code: string) => void;
  disabled?: boolean;
  errors?: { id: string; messages?: string[] };
}) {
  const t = useTranslations("admin.users");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.messages ? true : undefined}
        aria-describedby={errors?.id}
        className={inputClass}
      >
        <option value="">{t("choose")}</option>
        {list.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
      {errors ? <FieldError id={errors.id} messages={errors.messages} /> : null}
    </div>
  );
}

export function RoleAndUnit({
  idPrefix,
  role,
  unitCode,
  units,
  onRole,
  onUnit,
  errors,
  disabled,
}: {
  idPrefix: string;
  role: Role;
  unitCode: string;
  units: readonly UnitOption[];
  onRole: (role: Role) => void;
  onUnit: (code: string) => void;
  errors: Partial<Record<string, string[]>>;
  disabled?: boolean;
}) {
  const t = useTranslations("admin.users");
  const labels = useTranslations("labels");
  const level = ROLE_UNIT_LEVEL[role];
  // A ward chair's unit is one of the country's 10.603 communes: chosen through its province and
  // district, so the page never renders a list of every commune (one select of 10.609 options made
  // /admin/users 1,4 MB and took axe 98 s to check).
  const { byCode, byParent } = useMemo(() => indexUnits(units), [units]);
  const [province, setProvince] = useState(() => ancestorAt(byCode, unitCode, "PROVINCE"));
  const [district, setDistrict] = useState(() => ancestorAt(byCode, unitCode, "DISTRICT"));
  const provinces = useMemo(() => units.filter((u) => u.level === "PROVINCE"), [units]);
  const parent = level === "WARD" ? district : level === "DISTRICT" ? province : null;
  const options = parent === null ? units.filter((u) => u.level === level) : (byParent.get(parent) ?? []).filter((u) => u.level === level);
  const districts = (byParent.get(province) ?? []).filter((u) => u.level === "DISTRICT");
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-role`} className="block text-sm font-semibold">
          {t("role")}
        </label>
        <select
          id={`${idPrefix}-role`}
          value={role}
          disabled={disabled}
          onChange={(e) => {
            const next = ROLES.find((r) => r === e.target.value) ?? "WARD_CHAIR";
            onRole(next);
            onUnit("");
          }}
          aria-describedby={`${idPrefix}-role-error`}
          className={inputClass}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {labels(`roles.${r}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${idPrefix}-role-error`} messages={errors.role} />
      </div>
      {level === "DISTRICT" || level === "WARD" ? (
        <UnitSelect
          id={`${idPrefix}-province`}
          label={t("filterProvince")}
          value={province}
          list={provinces}
          disabled={disabled}
          onChange={(code) => {
            setProvince(code);
            setDistrict("");
            onUnit("");
          }}
        />
      ) : null}
      {level === "WARD" ? (
        <UnitSelect
          id={`${idPrefix}-district`}
          label={t("filterDistrict")}
          value={district}
          list={districts}
          disabled={disabled}
          onChange={(code) => {
            setDistrict(code);
            onUnit("");
          }}
        />
      ) : null}
      {level ? (
        <UnitSelect
          id={`${idPrefix}-unit`}
          label={t(`unitLevel.${level}`)}
          value={unitCode}
          list={options}
          disabled={disabled}
          onChange={onUnit}
          errors={{ id: `${idPrefix}-unit-error`, messages: errors.unitCode }}
        />
      ) : null}
    </>
  );
}

/** Phone and email, optional (checked by the same schema on the server). */
export function ContactFields({
  idPrefix,
  phone,
  email,
  onPhone,
  onEmail,
  errors,
}: {
  idPrefix: string;
  phone: string;
  email: string;
  onPhone: (v: string) => void;
  onEmail: (v: string) => void;
  errors: Partial<Record<string, string[]>>;
}) {
  const t = useTranslations("admin.users");
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-phone`} className="block text-sm font-semibold">
          {t("phoneOptional")}
        </label>
        <input
          id={`${idPrefix}-phone`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => onPhone(e.target.value)}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={`${idPrefix}-phone-error`}
          className={inputClass}
        />
        <FieldError id={`${idPrefix}-phone-error`} messages={errors.phone} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-email`} className="block text-sm font-semibold">
          {t("emailOptional")}
        </label>
        <input
          id={`${idPrefix}-email`}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(e) => onEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={`${idPrefix}-email-error`}
          className={inputClass}
        />
        <FieldError id={`${idPrefix}-email-error`} messages={errors.email} />
      </div>
    </>
  );
}

/** "Must change this password at the next sign-in": ticked by default when an admin sets a password. */
export function MustChangeCheckbox({ id, checked, onChange }: { id: string; checked: boolean; onChange: (v: boolean) => void }) {
  const t = useTranslations("admin.users");
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-1 h-5 w-5" />
      <label htmlFor={id} className="text-sm">
        {t("mustChange")}
      </label>
    </div>
  );
}
