"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import { closeUnitAction, mergeUnitsAction, openUnitAction, renameUnitAction, splitUnitAction } from "@/lib/actions/units";
import {
  buttonClass,
  EffectiveDayField,
  ErrorText,
  inputClass,
  ReasonField,
  ResultMessage,
  secondaryButtonClass,
  text,
  TextField,
  UnitTypeSuggestions,
  useUnitChange,
} from "./fields";

// The forms of /admin/units: rename, close and split a unit; open a unit under a parent; merge
// units. Each records the day the change takes effect and why; the page lists the result in its
// history. Figures never move: the server refuses to end a unit before its last figure.

type Unit = { code: string; name: string; type: string | null };

const formClass = "space-y-3 rounded border border-slate-200 bg-white p-4";

export function RenameUnitForm({ unit, today }: { unit: Unit; today: string }) {
  const hydrated = useHydrated();
  const t = useTranslations("units.forms");
  const id = useId();
  const { errors, result, pending, submit } = useUnitChange();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    submit(() =>
      renameUnitAction({ code: unit.code, name: text(f, "name"), type: text(f, "type"), effectiveOn: text(f, "effectiveOn"), reason: text(f, "reason") }),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={formClass} aria-labelledby={`${id}-title`} data-testid="rename-form">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("renameTitle", { name: unit.name })}
      </h3>
      <p className="text-sm text-slate-700">{t("renameIntro", { code: unit.code })}</p>
      <TextField id={`${id}-name`} name="name" label={t("newName")} defaultValue={unit.name} required maxLength={200} errors={errors.name} />
      <TextField id={`${id}-type`} name="type" label={t("unitType")} defaultValue={unit.type ?? ""} list={`${id}-types`} maxLength={40} errors={errors.type} hint={t("renameTypeHint")} />
      <UnitTypeSuggestions id={`${id}-types`} />
      <EffectiveDayField id={`${id}-day`} today={today} errors={errors.effectiveOn} ends={false} />
      <ReasonField id={`${id}-reason`} errors={errors.reason} />
      <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
        {pending ? t("saving") : t("rename")}
      </button>
      <ResultMessage result={result} testId="rename-result" />
    </form>
  );
}

/** When the unit has ended (`endedOn`: its last day), the form says so and keeps the last result. */
export function CloseUnitForm({ unit, today, endedOn }: { unit: Unit; today: string; endedOn: string | null }) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const t = useTranslations("units.forms");
  const id = useId();
  const { errors, result, pending, submit } = useUnitChange();
  if (endedOn !== null) {
    return (
      <section className={formClass} aria-labelledby={`${id}-title`} data-testid="close-form">
        <h3 id={`${id}-title`} className="text-lg font-semibold">
          {t("endedTitle", { name: unit.name })}
        </h3>
        <p className="text-sm text-slate-700">{t("endedOn", { day: figureFormats(parseLocale(locale)).day(endedOn) })}</p>
        <ResultMessage result={result} testId="close-result" />
      </section>
    );
  }
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    submit(() => closeUnitAction({ code: unit.code, effectiveOn: text(f, "effectiveOn"), reason: text(f, "reason") }));
  }
  return (
    <form onSubmit={onSubmit} noValidate className={formClass} aria-labelledby={`${id}-title`} data-testid="close-form">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("closeTitle", { name: unit.name })}
      </h3>
      <p className="text-sm text-slate-700">
        {t("closeIntro")}
      </p>
      <EffectiveDayField id={`${id}-day`} today={today} errors={errors.effectiveOn} ends />
      <ReasonField id={`${id}-reason`} errors={errors.reason} />
      <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
        {pending ? t("saving") : t("close")}
      </button>
      <ResultMessage result={result} testId="close-result" />
    </form>
  );
}

export function OpenUnitForm({ parent, childNoun, today }: { parent: Unit; childNoun: string; today: string }) {
  const hydrated = useHydrated();
  const t = useTranslations("units.forms");
  const id = useId();
  const { errors, result, pending, submit } = useUnitChange();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    submit(
      () =>
        openUnitAction({
          code: text(f, "code"),
          name: text(f, "name"),
          type: text(f, "type"),
          parentCode: parent.code,
          effectiveOn: text(f, "effectiveOn"),
          reason: text(f, "reason"),
        }),
      () => form.reset(),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={formClass} aria-labelledby={`${id}-title`} data-testid="open-form">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("openTitle", { noun: childNoun, parent: parent.name })}
      </h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id={`${id}-code`} name="code" label={t("newCode")} required inputMode="numeric" maxLength={12} errors={errors.code} hint={t("newCodeHint")} />
        <TextField id={`${id}-name`} name="name" label={t("name")} required maxLength={200} errors={errors.name} className="sm:col-span-2" />
      </div>
      <TextField id={`${id}-type`} name="type" label={t("unitType")} list={`${id}-types`} maxLength={40} errors={errors.type} />
      <UnitTypeSuggestions id={`${id}-types`} />
      <ErrorText id={`${id}-parent-error`} errors={errors.parentCode} />
      <EffectiveDayField id={`${id}-day`} today={today} errors={errors.effectiveOn} ends={false} />
      <ReasonField id={`${id}-reason`} errors={errors.reason} />
      <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
        {pending ? t("saving") : t("open")}
      </button>
      <ResultMessage result={result} testId="open-result" />
    </form>
  );
}

/**
 * Units merge into one: an existing unit (which continues, renamed if a new name is given) or a
 * new code. The candidates are the parent's children that are still valid.
 */
export function MergeUnitsForm({ candidates, childNoun, today }: { candidates: readonly Unit[]; childNoun: string; today: string }) {
  const hydrated = useHydrated();
  const t = useTranslations("units.forms");
  const id = useId();
  const { errors, result, pending, submit } = useUnitChange();
  const [target, setTarget] = useState<"existing" | "new">("existing");
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const sourceCodes = f.getAll("sourceCodes").filter((v): v is string => typeof v === "string");
    submit(
      () =>
        mergeUnitsAction({
          sourceCodes,
          intoCode: target === "existing" ? text(f, "intoExisting") : text(f, "intoNew"),
          intoName: text(f, "intoName"),
          intoType: text(f, "intoType"),
          effectiveOn: text(f, "effectiveOn"),
          reason: text(f, "reason"),
        }),
      () => form.reset(),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={formClass} aria-labelledby={`${id}-title`} data-testid="merge-form">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("mergeTitle", { noun: childNoun })}
      </h3>
      <fieldset aria-describedby={`${id}-sources-error`}>
        <legend className="font-semibold">{t("mergeSources")}</legend>
        <div className="mt-1 grid max-h-72 gap-1 overflow-auto sm:grid-cols-2">
          {candidates.map((u) => (
            <label key={u.code} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="sourceCodes" value={u.code} className="h-5 w-5" />
              <span>
                {u.name} <span className="text-slate-600">({u.code})</span>
              </span>
            </label>
          ))}
        </div>
        <ErrorText id={`${id}-sources-error`} errors={errors.sourceCodes} />
      </fieldset>
      <fieldset>
        <legend className="font-semibold">{t("mergeInto")}</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="target" value="existing" checked={target === "existing"} onChange={() => setTarget("existing")} className="h-5 w-5" />
          {t("mergeIntoExisting")}
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="target" value="new" checked={target === "new"} onChange={() => setTarget("new")} className="h-5 w-5" />
          {t("mergeIntoNew")}
        </label>
        {target === "existing" ? (
          <div>
            <label htmlFor={`${id}-into-existing`} className="block font-semibold">
              {t("mergedUnit")}
            </label>
            <select id={`${id}-into-existing`} name="intoExisting" aria-describedby={`${id}-into-error`} className={`${inputClass} max-w-md`}>
              {candidates.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name} ({u.code})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextField id={`${id}-into-new`} name="intoNew" label={t("mergedNewCode")} required inputMode="numeric" maxLength={12} />
        )}
        <ErrorText id={`${id}-into-error`} errors={errors.intoCode} />
      </fieldset>
      <TextField
        id={`${id}-into-name`}
        name="intoName"
        label={t("mergedName")}
        required={target === "new"}
        maxLength={200}
        errors={errors.intoName}
        hint={target === "new" ? t("mergedNameRequired") : t("keepName")}
      />
      <TextField id={`${id}-into-type`} name="intoType" label={t("unitType")} list={`${id}-types`} maxLength={40} errors={errors.intoType} hint={t("mergedTypeHint")} />
      <UnitTypeSuggestions id={`${id}-types`} />
      <EffectiveDayField id={`${id}-day`} today={today} errors={errors.effectiveOn} ends />
      <ReasonField id={`${id}-reason`} errors={errors.reason} />
      <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
        {pending ? t("saving") : t("merge")}
      </button>
      <ResultMessage result={result} testId="merge-result" />
    </form>
  );
}

type Part = { key: number; code: string; name: string; type: string };

/** A unit ends and continues as several: new codes (with a name) or existing units of the same parent. */
export function SplitUnitForm({ unit, today, endedOn }: { unit: Unit; today: string; endedOn: string | null }) {
  const hydrated = useHydrated();
  const t = useTranslations("units.forms");
  const id = useId();
  const { errors, result, pending, submit } = useUnitChange();
  const [parts, setParts] = useState<Part[]>([
    { key: 1, code: "", name: "", type: "" },
    { key: 2, code: "", name: "", type: "" },
  ]);
  if (endedOn !== null) {
    // ended (by this form or another change): nothing left to split; the last result stays readable
    return result ? (
      <section className={formClass} aria-label={t("splitTitle", { name: unit.name })} data-testid="split-form">
        <ResultMessage result={result} testId="split-result" />
      </section>
    ) : null;
  }
  const update = (key: number, field: keyof Omit<Part, "key">, value: string) => setParts((ps) => ps.map((p) => (p.key === key ? { ...p, [field]: value } : p)));
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    submit(() =>
      splitUnitAction({
        code: unit.code,
        parts: parts.map(({ code, name, type }) => ({ code, name, type })),
        effectiveOn: text(f, "effectiveOn"),
        reason: text(f, "reason"),
      }),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={formClass} aria-labelledby={`${id}-title`} data-testid="split-form">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("splitTitle", { name: unit.name })}
      </h3>
      <p className="text-sm text-slate-700">
        {t("splitIntro", { name: unit.name })}
      </p>
      <fieldset aria-describedby={`${id}-parts-error`}>
        <legend className="font-semibold">{t("splitParts")}</legend>
        <ol className="space-y-2">
          {parts.map((p, i) => (
            <li key={p.key} className="grid items-end gap-2 sm:grid-cols-[8rem_1fr_10rem_auto]">
              <div>
                <label htmlFor={`${id}-part-${p.key}-code`} className="block text-sm font-semibold">
                  {t("partCode", { n: i + 1 })}
                </label>
                <input id={`${id}-part-${p.key}-code`} value={p.code} onChange={(e) => update(p.key, "code", e.target.value)} inputMode="numeric" maxLength={12} className={inputClass} />
              </div>
              <div>
                <label htmlFor={`${id}-part-${p.key}-name`} className="block text-sm font-semibold">
                  {t("partName", { n: i + 1 })}
                </label>
                <input id={`${id}-part-${p.key}-name`} value={p.name} onChange={(e) => update(p.key, "name", e.target.value)} maxLength={200} className={inputClass} />
              </div>
              <div>
                <label htmlFor={`${id}-part-${p.key}-type`} className="block text-sm font-semibold">
                  {t("partType", { n: i + 1 })}
                </label>
                <input id={`${id}-part-${p.key}-type`} value={p.type} onChange={(e) => update(p.key, "type", e.target.value)} list={`${id}-types`} maxLength={40} className={inputClass} />
              </div>
              <button
                type="button"
                disabled={parts.length <= 2}
                onClick={() => setParts((ps) => ps.filter((q) => q.key !== p.key))}
                className={secondaryButtonClass}
                aria-label={t("removePart", { n: i + 1 })}
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ol>
        <UnitTypeSuggestions id={`${id}-types`} />
        <button
          type="button"
          onClick={() => setParts((ps) => [...ps, { key: Math.max(...ps.map((q) => q.key)) + 1, code: "", name: "", type: "" }])}
          className={`${secondaryButtonClass} mt-2`}
        >
          {t("addPart")}
        </button>
        <ErrorText id={`${id}-parts-error`} errors={errors.parts} />
      </fieldset>
      <EffectiveDayField id={`${id}-day`} today={today} errors={errors.effectiveOn} ends />
      <ReasonField id={`${id}-reason`} errors={errors.reason} />
      <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
        {pending ? t("saving") : t("split")}
      </button>
      <ResultMessage result={result} testId="split-result" />
    </form>
  );
}
