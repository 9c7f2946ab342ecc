"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useActionForm } from "@/components/ui/use-action-form";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { updateDispatchTemplateAction, updateDistrictDispatchTemplateAction } from "@/lib/actions/dispatch-template";
import {
  TEMPLATE_FIELDS,
  WORDING_FIELDS,
  type DispatchTemplate,
  type DispatchTemplateOverride,
  type DispatchWording,
  type TemplateField,
} from "@/lib/domain/dispatch-template";

// The draft dispatch's fixed wording: the city's default (admins) and a district's own template
// (admins, the district's officials; an empty field inherits the default or is derived from the
// unit). Lists are edited one item per line; the server validates again with the same zod schema
// and answers field errors as data, shown by each field.

type Values = Partial<Record<TemplateField, string>>;

const KIND: { readonly [K in TemplateField]: { kind: "line" | "text" | "lines"; rows?: number } } = {
  authorityParent: { kind: "line" },
  authorityName: { kind: "line" },
  documentNumber: { kind: "line" },
  documentSymbol: { kind: "line" },
  place: { kind: "line" },
  subject: { kind: "text", rows: 2 },
  addressees: { kind: "lines", rows: 3 },
  installSource: { kind: "line" },
  directive: { kind: "text", rows: 6 },
  requests: { kind: "lines", rows: 8 },
  closing: { kind: "text", rows: 2 },
  recipients: { kind: "lines", rows: 8 },
  signerTitles: { kind: "lines", rows: 3 },
  signerName: { kind: "line" },
};

/** The city form's hints: "admin.dispatch.cityHints.<field>" in the catalogs. */
const CITY_HINT_FIELDS = ["documentSymbol", "installSource", "signerName"] as const satisfies readonly TemplateField[];

const text = (v: string | readonly string[] | undefined) => (v === undefined ? "" : typeof v === "string" ? v : v.join("\n"));
const inline = (v: string | readonly string[]) => (typeof v === "string" ? v : v.join(" / "));
const shorten = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

const INPUT = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

function Fields({
  idPrefix,
  fields,
  values,
  setValue,
  errors,
  hints,
  required,
}: {
  idPrefix: string;
  fields: readonly TemplateField[];
  values: Values;
  setValue: (key: TemplateField, value: string) => void;
  errors: Partial<Record<string, string[]>>;
  hints: Partial<Record<TemplateField, string>>;
  required: (key: TemplateField) => boolean;
}) {
  const t = useTranslations("admin.dispatch");
  return fields.map((key) => {
    const { kind, rows } = KIND[key];
    const id = `${idPrefix}-${key}`;
    const hint = hints[key];
    const common = {
      id,
      name: key,
      value: values[key] ?? "",
      required: required(key),
      "aria-invalid": errors[key] ? true : undefined,
      "aria-describedby": [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" "),
      className: INPUT,
    } as const;
    return (
      <div key={key}>
        <label htmlFor={id} className="block text-sm font-semibold">
          {t(`fields.${key}`)}
        </label>
        {kind === "line" ? (
          <input {...common} type="text" onChange={(e) => setValue(key, e.target.value)} />
        ) : (
          <textarea {...common} rows={rows} onChange={(e) => setValue(key, e.target.value)} />
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
  });
}

function SubmitRow({ pending, label, message, extra }: { pending: boolean; label: string; message: string; extra?: ReactNode }) {
  const t = useTranslations("admin.dispatch");
  const hydrated = useHydrated();
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={!hydrated || pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800 disabled:opacity-60"
        >
          {pending ? t("saving") : label}
        </button>
        {extra}
      </div>
      <p aria-live="polite" role="status" className="text-sm font-semibold">
        {message}
      </p>
    </>
  );
}

/** The city's default wording (admins). */
export function DispatchTemplateForm({ template }: { template: DispatchWording }) {
  const t = useTranslations("admin.dispatch");
  const { pending, errors, message, onSubmit } = useActionForm();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(WORDING_FIELDS.map((k) => [k, text(template[k])])));
  const fields = TEMPLATE_FIELDS.filter((k): k is (typeof WORDING_FIELDS)[number] => (WORDING_FIELDS as readonly string[]).includes(k));
  return (
    <form
      className="space-y-4"
      onSubmit={onSubmit(
        () => updateDispatchTemplateAction(values),
        (data) => (data.changed.length === 0 ? t("unchanged") : t("savedCity", { count: data.changed.length })),
      )}
    >
      <Fields
        idPrefix="dispatch"
        fields={fields}
        values={values}
        setValue={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
        errors={errors}
        hints={Object.fromEntries(CITY_HINT_FIELDS.map((f) => [f, t(`cityHints.${f}`)]))}
        required={(key) => key !== "signerName"}
      />
      <SubmitRow pending={pending} label={t("saveCity")} message={message} />
    </form>
  );
}

/**
 * A district's own template. Each field starts with the district's own value (empty when it
 * inherits) and says what an empty field gives: the city's wording, or what comes from the unit.
 */
export function DistrictTemplateForm({
  districtCode,
  districtName,
  own,
  city,
  derived,
}: {
  districtCode: string;
  districtName: string;
  own: DispatchTemplateOverride;
  city: DispatchWording;
  /** what the unit gives when the district sets nothing: the authority and the place */
  derived: Pick<DispatchTemplate, "authorityName" | "place">;
}) {
  const t = useTranslations("admin.dispatch");
  const { pending, errors, message, setMessage, onSubmit } = useActionForm();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(TEMPLATE_FIELDS.map((k) => [k, text(own[k])])));
  const hints: Partial<Record<TemplateField, string>> = {
    authorityName: t("districtHints.authorityName", { value: derived.authorityName }),
    place: t("districtHints.place", { value: derived.place }),
    documentNumber: t("districtHints.documentNumber"),
  };
  for (const key of WORDING_FIELDS) {
    const inherited = inline(city[key]);
    hints[key] = inherited === "" ? t("districtHints.inheritEmpty") : t("districtHints.inherit", { value: shorten(inherited) });
  }
  return (
    <form
      className="space-y-4"
      aria-label={t("ownOf", { district: districtName })}
      onSubmit={onSubmit(
        () => updateDistrictDispatchTemplateAction({ district: districtCode, ...values }),
        (data) => (data.changed.length === 0 ? t("unchanged") : t("savedOwn", { district: districtName, count: data.changed.length })),
      )}
    >
      <Fields
        idPrefix={`district-${districtCode}`}
        fields={TEMPLATE_FIELDS}
        values={values}
        setValue={(key, value) => setValues((v) => ({ ...v, [key]: value }))}
        errors={errors}
        hints={hints}
        required={() => false}
      />
      <SubmitRow
        pending={pending}
        label={t("saveOwn")}
        message={message}
        extra={
          <button
            type="button"
            onClick={() => {
              setValues({});
              setMessage(t("cleared"));
            }}
            className="min-h-11 rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800"
          >
            {t("clearOwn")}
          </button>
        }
      />
    </form>
  );
}
