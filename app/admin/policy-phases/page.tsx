import type { Metadata } from "next";
import { DeletePolicyPhaseButton, PolicyPhaseForm } from "@/components/admin/policy-phase-form";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getPolicyPhaseAdmin } from "@/lib/data/policy-phases";
import { formatPhaseSpan } from "@/lib/domain/policy-phases";

export const metadata: Metadata = { title: "Giai đoạn chính sách" };
export const dynamic = "force-dynamic";

// Admins record the policy phases (e.g. Hà Nội's "Chỉ thị 16" from 24/7/2021) that every time
// chart of the unit, and of the units below it, draws as a shaded band with a legend and names in
// its table view.
export default async function PolicyPhasesPage() {
  const user = await requireRole(["ADMIN"], "/admin/policy-phases");
  const { phases, scopes } = await orDeny(() => getPolicyPhaseAdmin(user));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Giai đoạn chính sách</h1>
        <p className="text-slate-700">
          Mỗi giai đoạn (ví dụ giãn cách xã hội theo Chỉ thị 16) được tô thành một vùng trên các biểu đồ theo ngày của đơn vị được chọn và
          của các đơn vị cấp dưới, có chú giải và được ghi trong bảng số liệu của biểu đồ.
        </p>
      </div>
      <section aria-labelledby="phase-list-heading" className="space-y-2">
        <h2 id="phase-list-heading" className="text-lg font-semibold">
          Các giai đoạn đã ghi
        </h2>
        {phases.length === 0 ? (
          <p className="text-slate-700">Chưa có giai đoạn nào: các biểu đồ không có vùng tô.</p>
        ) : (
          <table className="min-w-full bg-white text-sm" data-testid="policy-phase-list">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-3 py-2">Giai đoạn</th>
                <th scope="col" className="px-3 py-2">Áp dụng cho</th>
                <th scope="col" className="px-3 py-2">Thời gian</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {phases.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-semibold">
                    {p.name}
                  </th>
                  <td className="px-3 py-2">{p.unitName}</td>
                  <td className="px-3 py-2">{formatPhaseSpan(p)}</td>
                  <td className="px-3 py-2 text-right">
                    <DeletePolicyPhaseButton id={p.id} label={`${p.name} (${p.unitName})`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="phase-new-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="phase-new-heading" className="text-lg font-semibold">
          Thêm giai đoạn
        </h2>
        <PolicyPhaseForm scopes={scopes} />
      </section>
    </div>
  );
}
