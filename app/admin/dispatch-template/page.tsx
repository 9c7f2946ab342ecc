import type { Metadata } from "next";
import { DispatchTemplateForm } from "@/components/dispatch/template-form";
import { requireRole } from "@/lib/auth/session";
import { getPrisma } from "@/lib/db";
import { getDispatchTemplate, listDispatchDistricts } from "@/lib/data/dispatch-template";
import { DispatchDownloadForm } from "@/components/dispatch/download-form";

export const metadata: Metadata = { title: "Mẫu công văn" };
export const dynamic = "force-dynamic";

// Admins edit the fixed wording of the draft dispatch here; the sentences with figures are filled
// from the database when the dispatch is downloaded (GET /api/exports/dispatch).
/** The district the template speaks for ("QUẬN HOÀN KIẾM" → 002), picked first in the download form. */
function templateDistrict(authorityName: string, districts: readonly { code: string; name: string }[]): string | undefined {
  const wanted = authorityName.trim().toLocaleUpperCase("vi");
  return districts.find((d) => d.name.toLocaleUpperCase("vi") === wanted)?.code;
}

export default async function DispatchTemplatePage() {
  const user = await requireRole(["ADMIN"], "/admin/dispatch-template");
  const prisma = await getPrisma();
  const [template, districts] = await Promise.all([getDispatchTemplate(prisma), listDispatchDistricts(prisma, user)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Mẫu công văn</h1>
        <p className="text-slate-700">
          Phần cố định của dự thảo công văn (thể thức theo Nghị định 30/2020/NĐ-CP): cơ quan ban hành, số và ký hiệu, trích yếu, nơi gửi,
          các nội dung yêu cầu, nơi nhận và người ký. Các câu có số liệu (lượt cài đặt, tỷ lệ, xếp hạng, địa điểm quét mã QR, phường không có
          lượt quét, phường chưa đạt mục tiêu) được lấy từ cơ sở dữ liệu khi tải công văn, không sửa ở đây.
        </p>
      </div>
      <section aria-labelledby="download-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="download-heading" className="text-lg font-semibold">
          Tải dự thảo công văn
        </h2>
        <DispatchDownloadForm districts={districts} selected={templateDistrict(template.authorityName, districts)} />
      </section>
      <section aria-labelledby="template-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="template-heading" className="text-lg font-semibold">
          Nội dung cố định
        </h2>
        <DispatchTemplateForm template={template} />
      </section>
    </div>
  );
}
