import type { Metadata } from "next";
import Link from "next/link";
import { ParamError } from "@/components/dashboard/param-error";
import { DispatchDownloadForm } from "@/components/dispatch/download-form";
import { DispatchTemplateForm, DistrictTemplateForm } from "@/components/dispatch/template-form";
import { DispatchTemplatePreview } from "@/components/dispatch/template-preview";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getDispatchTemplatePage } from "@/lib/data/dispatch-template";
import { DISPATCH_TEMPLATE_LABELS, PLACEHOLDERS, type Placeholder } from "@/lib/domain/dispatch-template";
import { DispatchTemplatePageParamsSchema } from "@/lib/schemas/dispatch";

export const metadata: Metadata = { title: "Mẫu công văn" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The draft dispatch's fixed wording, per district: the city's default (admins edit it) and each
// district's own template (its officials and admins edit it; an empty field inherits the default,
// the authority and the place come from the unit's type and name, the wards from the unit table).
// The sentences with figures are filled from the database when the dispatch is downloaded
// (GET /api/exports/dispatch). Rights are checked in the data layer and the actions; the role
// check here only picks the page.
export default async function DispatchTemplatePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["ADMIN", "DISTRICT_OFFICIAL"], "/admin/dispatch-template");
  const parsed = DispatchTemplatePageParamsSchema.safeParse(await searchParams);
  if (!parsed.success) return <ParamError issues={parsed.error.issues} backHref="/admin/dispatch-template" backLabel="Về trang mẫu công văn" />;
  const page = await orDeny(() => getDispatchTemplatePage(user, { district: parsed.data.district }));
  const { district } = page;
  const placeholderList = (Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => `{${p}}`).join(", ");

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Mẫu công văn</h1>
        <p className="text-slate-700">
          Phần cố định của dự thảo công văn (thể thức theo Nghị định 30/2020/NĐ-CP): cơ quan ban hành, số và ký hiệu, trích yếu, nơi gửi,
          các nội dung yêu cầu, nơi nhận và người ký. Mỗi quận, huyện dùng mẫu chung của thành phố, trừ những mục đặt trong mẫu riêng của
          mình; tên cơ quan, địa danh và các phường, xã được lấy theo đơn vị. Các câu có số liệu (lượt cài đặt, tỷ lệ, xếp hạng, địa điểm
          quét mã QR, phường không có lượt quét, phường chưa đạt mục tiêu) được lấy từ cơ sở dữ liệu khi tải công văn, không sửa ở đây.
        </p>
      </div>

      <section aria-labelledby="download-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="download-heading" className="text-lg font-semibold">
          Tải dự thảo công văn
        </h2>
        <DispatchDownloadForm districts={page.districts} selected={district?.code} />
      </section>

      <section aria-labelledby="district-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="district-heading" className="text-lg font-semibold">
          {district ? `Mẫu riêng của ${district.name}` : "Mẫu riêng của quận, huyện"}
        </h2>
        {page.canEditCity ? (
          <>
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="template-district" className="block text-sm font-semibold">
                  Xem mẫu riêng của
                </label>
                <select
                  id="template-district"
                  name="district"
                  defaultValue={district?.code}
                  className="min-h-11 rounded border border-slate-500 bg-white px-2"
                >
                  {page.districts.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name} ({d.code})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="min-h-11 rounded border border-brand-700 bg-white px-3 font-semibold text-brand-800">
                Xem
              </button>
            </form>
            <div>
              <h3 className="font-semibold">Quận, huyện có mẫu riêng</h3>
              {page.withOwnTemplate.length === 0 ? (
                <p className="text-slate-700">Không có: mọi quận, huyện dùng mẫu chung.</p>
              ) : (
                <ul className="list-disc pl-5">
                  {page.withOwnTemplate.map((d) => (
                    <li key={d.code}>
                      <Link href={`/admin/dispatch-template?district=${d.code}`} className="text-brand-700 underline">
                        {d.name}
                      </Link>
                      : {d.fields.map((f) => DISPATCH_TEMPLATE_LABELS[f].replace(/ \(.*\)$/, "")).join("; ")}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </>
        ) : null}
        {district ? (
          <>
            <h3 className="font-semibold">Công văn của {district.name} sẽ in</h3>
            <DispatchTemplatePreview districtName={district.name} template={district.resolved} placeholders={district.placeholders} />
            <h3 className="pt-2 font-semibold">Sửa mẫu riêng</h3>
            <p className="text-sm text-slate-700">
              Để trống một mục để dùng mẫu chung (hoặc, với cơ quan ban hành và địa danh, tên của đơn vị). Có thể dùng chỗ điền tự động{" "}
              {placeholderList}.
            </p>
            <DistrictTemplateForm
              key={district.code}
              districtCode={district.code}
              districtName={district.name}
              own={district.own}
              city={page.city}
              derived={district.derived}
            />
          </>
        ) : (
          <p className="text-slate-700">Chưa có quận, huyện nào.</p>
        )}
      </section>

      {page.canEditCity ? (
        <section aria-labelledby="template-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="template-heading" className="text-lg font-semibold">
            Mẫu chung của thành phố
          </h2>
          <p className="text-sm text-slate-700">
            Dùng cho mọi quận, huyện chưa đặt riêng mục đó. Không ghi tên hay số phường của một quận: dùng chỗ điền tự động:
          </p>
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
              <li key={p}>
                <code>{`{${p}}`}</code>: {PLACEHOLDERS[p]}
              </li>
            ))}
          </ul>
          <DispatchTemplateForm template={page.city} />
        </section>
      ) : null}
    </div>
  );
}
