import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { listAuditEntries, listAuditUnits, type AuditEntryView, type AuditUnitOption } from "@/lib/data/audit";
import { figureFormats, type FigureFormats } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { AUDIT_ACTIONS, AUDIT_FIELD_LABELS, AuditParamsSchema, type AuditParams } from "@/lib/schemas/audit-params";
import { DateField } from "@/components/ui/date-field";
import { auditEmptyState, UNIT_SELECT_LIMIT } from "./filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("audit.title") };
}

type T = Awaited<ReturnType<typeof getTranslations<"admin">>>;
type Labels = Awaited<ReturnType<typeof getTranslations<"labels">>>;
type Words = { t: T; labels: Labels; f: FigureFormats };

/** An action's name: "figure.create" → labels "auditActions.figure_create" (catalog keys have no dots). */
const actionLabel = (labels: Labels, action: string) => (labels.has(`auditActions.${action.replace(/\./g, "_")}`) ? labels(`auditActions.${action.replace(/\./g, "_")}`) : action);
/** A field's name, from the catalog when it has one. */
const fieldLabel = (labels: Labels, field: string) => (labels.has(`auditFields.${field}`) ? labels(`auditFields.${field}`) : (AUDIT_FIELD_LABELS[field] ?? field));
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function show(value: unknown, words: Words): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return Number.isSafeInteger(value) ? words.f.count(value) : String(value);
  if (typeof value === "boolean") return value ? words.t("audit.yes") : words.t("audit.no");
  if (Array.isArray(value)) return value.map((v) => show(v, words)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function valueOf(obj: Record<string, unknown> | null, field: string): unknown {
  return obj ? obj[field] : undefined;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "NATIONAL_OFFICIAL", "DISTRICT_OFFICIAL", "CITY_OFFICIAL"], "/admin/audit");
  const raw = await searchParams;
  const t = await getTranslations("admin");
  const labels = await getTranslations("labels");
  const words: Words = { t, labels, f: figureFormats(parseLocale(await getLocale())) };
  const parsed = AuditParamsSchema.safeParse(raw);
  if (!parsed.success) {
    return (
      <Notice title={t("audit.invalid")}>
        <p>{parsed.error.issues.map((i) => i.message).join("; ")}</p>
        <Link href="/admin/audit" className="font-semibold text-brand-700 underline">
          {t("audit.all")}
        </Link>
      </Notice>
    );
  }
  const params = parsed.data;
  const [{ entries, nextBefore }, units] = await orDeny(async () => Promise.all([listAuditEntries(user, params), listAuditUnits(user)]));
  const empty = auditEmptyState(params, user.role === "ADMIN" ? "all" : "own");
  const nextQuery = new URLSearchParams(
    Object.entries({ ...params, before: nextBefore ?? undefined }).flatMap(([k, v]) => (v ? [[k, v]] : [])),
  ).toString();

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
        <p className="text-slate-700">
          {t("audit.intro")}
          {user.role === "DISTRICT_OFFICIAL" ? ` ${t("audit.scopeDistrict")}` : ""}
          {user.role === "CITY_OFFICIAL" ? ` ${t("audit.scopeCity")}` : ""}
          {user.role === "NATIONAL_OFFICIAL" ? ` ${t("audit.scopeNational")}` : ""}
        </p>
      </div>
      <Filters params={params} units={units} words={words} />
      {entries.length === 0 ? (
        <p role="status" className="rounded border border-slate-200 bg-white px-4 py-3" data-testid="audit-empty">
          {t(`audit.empty.${empty.message}`)}
          {empty.link ? (
            <>
              {" "}
              <Link href={empty.link.href} className="font-semibold text-brand-700 underline">
                {t(`audit.empty.${empty.link.label}`)}
              </Link>
            </>
          ) : null}
        </p>
      ) : (
        <ol className="space-y-2" data-testid="audit-list">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} words={words} />
          ))}
        </ol>
      )}
      {nextBefore ? (
        <Link href={`/admin/audit?${nextQuery}`} className="inline-block min-h-11 rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700">
          {t("audit.older")}
        </Link>
      ) : null}
    </div>
  );
}

function Entry({ entry, words }: { entry: AuditEntryView; words: Words }) {
  const { t, labels, f: fmt } = words;
  const label = actionLabel(labels, entry.action);
  return (
    <li className="rounded border border-slate-200 bg-white p-3" data-testid="audit-entry">
      <p className="font-semibold">
        {label}
        {entry.unitName ? ` · ${entry.unitName}` : ""}
        {entry.day ? ` · ${t("audit.onDay", { day: fmt.day(entry.day) })}` : ""}
      </p>
      <p className="text-sm text-slate-700">
        <time dateTime={entry.at.toISOString()}>{formatVietnamDateTime(entry.at, fmt.locale)}</time> · {entry.userDisplayName ?? t("audit.system")}
        {entry.username ? ` (${entry.username})` : ""}
      </p>
      {entry.fields.length > 0 ? (
        <div className="mt-2 overflow-x-auto">
          <table className="text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="pr-4">
                  {t("audit.field")}
                </th>
                <th scope="col" className="pr-4">
                  {t("audit.before")}
                </th>
                <th scope="col">{t("audit.after")}</th>
              </tr>
            </thead>
            <tbody>
              {entry.fields.map((f) => (
                <tr key={f}>
                  <th scope="row" className="pr-4 font-normal">
                    {fieldLabel(labels, f)}
                  </th>
                  <td className="tabular pr-4">{f === "password" ? "—" : show(valueOf(entry.before, f), words)}</td>
                  <td className="tabular">{f === "password" ? t("audit.changed") : show(valueOf(entry.after, f), words)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entry.reason ? <p className="mt-1 text-sm">{t("audit.reason", { reason: entry.reason })}</p> : null}
    </li>
  );
}

/** "Phường Phúc Tân (Quận Hoàn Kiếm)" */
function unitLabel(u: AuditUnitOption): string {
  return u.level === "WARD" && u.parentName ? `${u.name} (${u.parentName})` : u.name;
}

/**
 * The unit filter, limited to the units the viewer may see: a drop-down grouped by district; past
 * UNIT_SELECT_LIMIT units, a field that suggests units as one types their name or code.
 */
function UnitField({ units, value, className, t }: { units: readonly AuditUnitOption[]; value: string; className: string; t: T }) {
  if (units.length > UNIT_SELECT_LIMIT) {
    return (
      <label className="text-sm font-semibold">
        {t("audit.unitTyped")}
        <input name="unit" list="audit-units" defaultValue={value} autoComplete="off" placeholder={t("audit.unitExample")} className={className} />
        <datalist id="audit-units">
          {units.map((u) => (
            <option key={u.code} value={u.code} label={unitLabel(u)} />
          ))}
        </datalist>
      </label>
    );
  }
  const top = units.filter((u) => u.level !== "WARD");
  const groups = new Map<string, AuditUnitOption[]>();
  for (const u of units.filter((x) => x.level === "WARD")) groups.set(u.parentName ?? "", [...(groups.get(u.parentName ?? "") ?? []), u]);
  return (
    <label className="text-sm font-semibold">
      {t("audit.unit")}
      <select name="unit" defaultValue={value} className={className} data-testid="audit-unit">
        <option value="">{t("audit.allUnits")}</option>
        {top.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
        {[...groups.entries()].map(([parent, wards]) => (
          <optgroup key={parent} label={parent || t("audit.wards")}>
            {wards.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function Filters({ params, units, words: { t, labels } }: { params: AuditParams; units: readonly AuditUnitOption[]; words: Words }) {
  const input = "mt-1 block min-h-11 w-full rounded border border-slate-500 bg-white px-3 py-2 text-base";
  return (
    <form method="get" className="grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-3" aria-label={t("audit.filter")}>
      <label className="text-sm font-semibold">
        {t("audit.action")}
        <select name="action" defaultValue={params.action ?? ""} className={input}>
          <option value="">{t("audit.any")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(labels, a)}
            </option>
          ))}
        </select>
      </label>
      <UnitField units={units} value={params.unit ?? ""} className={input} t={t} />
      <label className="text-sm font-semibold">
        {t("audit.user")}
        <input name="user" defaultValue={params.user ?? ""} autoCapitalize="none" className={input} />
      </label>
      <label className="text-sm font-semibold">
        {t("audit.field")}
        <select name="field" defaultValue={params.field ?? ""} className={input}>
          <option value="">{t("audit.any")}</option>
          {Object.keys(AUDIT_FIELD_LABELS).map((k) => (
            <option key={k} value={k}>
              {fieldLabel(labels, k)}
            </option>
          ))}
        </select>
      </label>
      <DateField name="from" label={t("audit.from")} defaultValue={params.from ?? ""} labelClassName="text-sm font-semibold" />
      <DateField name="to" label={t("audit.to")} defaultValue={params.to ?? ""} labelClassName="text-sm font-semibold" />
      <div className="sm:col-span-3">
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          {t("audit.submit")}
        </button>
      </div>
    </form>
  );
}
