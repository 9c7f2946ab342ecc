import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UnitTargetsForm } from "@/components/admin/unit-targets-form";
import { ParamError } from "@/components/dashboard/param-error";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getTargetsOverview, type TargetRow } from "@/lib/data/targets";
import { formatPercentFromHundredths } from "@/lib/domain/format";
import type { ResolvedTarget } from "@/lib/domain/targets";
import { TargetsPageParamsSchema } from "@/lib/schemas/targets";

export const metadata: Metadata = { title: "Mục tiêu" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Admins set the coverage and QR-active targets: the city's are the defaults every district and
// ward inherits; a district or a ward may have its own. The dashboard, the alerts and the draft
// dispatch read the targets in force.
export default async function TargetsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN"], "/admin/targets");
  const parsed = TargetsPageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/admin/targets" backLabel="Về trang mục tiêu" />;
  let overview;
  try {
    overview = await orDeny(() => getTargetsOverview(user, parsed.data));
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const { city, districts, district, wards, names } = overview;
  const describe = (t: ResolvedTarget | null) => (t ? `${formatPercentFromHundredths(t.basisPoints)} (${names.get(t.setBy) ?? t.setBy})` : "");
  const form = (row: TargetRow, parent: TargetRow | null) => (
    <UnitTargetsForm
      unitCode={row.code}
      unitName={row.name}
      coverage={row.own.coverage}
      qrActive={row.own.qrActive}
      inherited={{ coverage: describe(parent?.resolved.coverage ?? null), qrActive: describe(parent?.resolved.qrActive ?? null) }}
    />
  );
  const overrides = districts.filter((d) => d.own.coverage !== null || d.own.qrActive !== null);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Mục tiêu</h1>
        <p className="text-slate-700">
          Mục tiêu của thành phố áp dụng cho mọi quận, phường chưa có mục tiêu riêng. Tỷ lệ nhập theo phần trăm, tối đa hai chữ số thập
          phân (ví dụ 60 hoặc 62,5); để trống để dùng mục tiêu của cấp trên.
        </p>
      </div>

      <section aria-labelledby="city-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="city-heading" className="text-lg font-semibold">
          Mặc định: {city.name}
        </h2>
        {form(city, null)}
      </section>

      <section aria-labelledby="district-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="district-heading" className="text-lg font-semibold">
          Quận, huyện và các phường
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="targets-district" className="block text-sm font-semibold">
              Quận, huyện
            </label>
            <select id="targets-district" name="district" defaultValue={district?.code} className="min-h-11 rounded border border-slate-500 bg-white px-2">
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-3 font-semibold text-brand-800">
            Xem
          </button>
        </form>
        {district ? (
          <>
            <h3 className="font-semibold">{district.name}</h3>
            {form(district, city)}
            <h3 className="pt-2 font-semibold">{wards.length > 0 ? `${wards.length} phường của ${district.name}` : `${district.name} chưa có phường nào trong WardWatch`}</h3>
            <ul className="divide-y divide-slate-200">
              {wards.map((w) => (
                <li key={w.code} className="py-3">
                  <p className="font-semibold">{w.name}</p>
                  {form(w, district)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="overrides-heading" className="space-y-2">
        <h2 id="overrides-heading" className="text-lg font-semibold">
          Quận, huyện có mục tiêu riêng
        </h2>
        {overrides.length === 0 ? (
          <p className="text-slate-700">Không có: mọi quận, huyện dùng mục tiêu của thành phố.</p>
        ) : (
          <table className="min-w-full bg-white text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-3 py-2">Quận, huyện</th>
                <th scope="col" className="px-3 py-2">Tỷ lệ cài đặt</th>
                <th scope="col" className="px-3 py-2">Tỷ lệ địa điểm có lượt quét</th>
              </tr>
            </thead>
            <tbody>
              {overrides.map((d) => (
                <tr key={d.code} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-normal">{d.name}</th>
                  <td className="px-3 py-2">{describe(d.resolved.coverage)}</td>
                  <td className="px-3 py-2">{describe(d.resolved.qrActive)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
