import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { listAuditEntries, listAuditUnits, type AuditEntryView, type AuditUnitOption } from "@/lib/data/audit";
import { formatDay } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_FIELD_LABELS, AuditParamsSchema, type AuditParams } from "@/lib/schemas/audit-params";
import { DateField } from "@/components/ui/date-field";
import { auditEmptyState, UNIT_SELECT_LIMIT } from "./filters";

export const metadata: Metadata = { title: "Nhật ký thay đổi" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  if (typeof value === "boolean") return value ? "có" : "không";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function valueOf(obj: Record<string, unknown> | null, field: string): unknown {
  return obj ? obj[field] : undefined;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "DISTRICT_OFFICIAL", "CITY_OFFICIAL"], "/admin/audit");
  const raw = await searchParams;
  const parsed = AuditParamsSchema.safeParse(raw);
  if (!parsed.success) {
    return (
      <Notice title="Bộ lọc không hợp lệ">
        <p>{parsed.error.issues.map((i) => i.message).join("; ")}</p>
        <Link href="/admin/audit" className="font-semibold text-brand-700 underline">
          Xem toàn bộ nhật ký
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
        <h1 className="text-2xl font-bold">Nhật ký thay đổi</h1>
        <p className="text-slate-700">
          Mọi lần gửi, sửa, duyệt, mở khoá báo cáo và thay đổi tài khoản: ai, lúc nào, trường nào, trước và sau.
          {user.role === "DISTRICT_OFFICIAL" ? " Bạn xem được các thay đổi của quận mình và các phường trong quận." : ""}
          {user.role === "CITY_OFFICIAL" ? " Bạn xem được các thay đổi của tỉnh, thành phố mình, các quận, huyện và các phường trong đó." : ""}
        </p>
      </div>
      <Filters params={params} units={units} />
      {entries.length === 0 ? (
        <p role="status" className="rounded border border-slate-200 bg-white px-4 py-3" data-testid="audit-empty">
          {empty.message}
          {empty.link ? (
            <>
              {" "}
              <Link href={empty.link.href} className="font-semibold text-brand-700 underline">
                {empty.link.label}
              </Link>
            </>
          ) : null}
        </p>
      ) : (
        <ol className="space-y-2" data-testid="audit-list">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </ol>
      )}
      {nextBefore ? (
        <Link href={`/admin/audit?${nextQuery}`} className="inline-block min-h-11 rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700">
          Xem các mục cũ hơn
        </Link>
      ) : null}
    </div>
  );
}

function Entry({ entry }: { entry: AuditEntryView }) {
  const label = (AUDIT_ACTION_LABELS as Record<string, string>)[entry.action] ?? entry.action;
  return (
    <li className="rounded border border-slate-200 bg-white p-3" data-testid="audit-entry">
      <p className="font-semibold">
        {label}
        {entry.unitName ? ` · ${entry.unitName}` : ""}
        {entry.day ? ` · ngày ${formatDay(entry.day)}` : ""}
      </p>
      <p className="text-sm text-slate-700">
        <time dateTime={entry.at.toISOString()}>{formatVietnamDateTime(entry.at)}</time> · {entry.userDisplayName ?? "hệ thống"}
        {entry.username ? ` (${entry.username})` : ""}
      </p>
      {entry.fields.length > 0 ? (
        <div className="mt-2 overflow-x-auto">
          <table className="text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="pr-4">
                  Trường
                </th>
                <th scope="col" className="pr-4">
                  Trước
                </th>
                <th scope="col">Sau</th>
              </tr>
            </thead>
            <tbody>
              {entry.fields.map((f) => (
                <tr key={f}>
                  <th scope="row" className="pr-4 font-normal">
                    {AUDIT_FIELD_LABELS[f] ?? f}
                  </th>
                  <td className="tabular pr-4">{f === "password" ? "—" : show(valueOf(entry.before, f))}</td>
                  <td className="tabular">{f === "password" ? "(đã đổi)" : show(valueOf(entry.after, f))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entry.reason ? <p className="mt-1 text-sm">Lý do: {entry.reason}</p> : null}
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
function UnitField({ units, value, className }: { units: readonly AuditUnitOption[]; value: string; className: string }) {
  if (units.length > UNIT_SELECT_LIMIT) {
    return (
      <label className="text-sm font-semibold">
        Đơn vị (gõ tên hoặc mã)
        <input name="unit" list="audit-units" defaultValue={value} autoComplete="off" placeholder="ví dụ Phúc Tân hoặc 00037" className={className} />
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
      Đơn vị
      <select name="unit" defaultValue={value} className={className} data-testid="audit-unit">
        <option value="">Tất cả đơn vị</option>
        {top.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
        {[...groups.entries()].map(([parent, wards]) => (
          <optgroup key={parent} label={parent || "Phường, xã"}>
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

function Filters({ params, units }: { params: AuditParams; units: readonly AuditUnitOption[] }) {
  const input = "mt-1 block min-h-11 w-full rounded border border-slate-500 bg-white px-3 py-2 text-base";
  return (
    <form method="get" className="grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-3" aria-label="Lọc nhật ký">
      <label className="text-sm font-semibold">
        Thao tác
        <select name="action" defaultValue={params.action ?? ""} className={input}>
          <option value="">Tất cả</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <UnitField units={units} value={params.unit ?? ""} className={input} />
      <label className="text-sm font-semibold">
        Người thực hiện (tên đăng nhập)
        <input name="user" defaultValue={params.user ?? ""} autoCapitalize="none" className={input} />
      </label>
      <label className="text-sm font-semibold">
        Trường
        <select name="field" defaultValue={params.field ?? ""} className={input}>
          <option value="">Tất cả</option>
          {Object.entries(AUDIT_FIELD_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <DateField name="from" label="Từ ngày" defaultValue={params.from ?? ""} labelClassName="text-sm font-semibold" />
      <DateField name="to" label="Đến ngày" defaultValue={params.to ?? ""} labelClassName="text-sm font-semibold" />
      <div className="sm:col-span-3">
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          Lọc
        </button>
      </div>
    </form>
  );
}
