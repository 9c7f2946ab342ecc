import { jsonError, withAuth } from "@/lib/auth/route";
import { canExportDistrictDocuments } from "@/lib/permissions";
import { getDispatchData } from "@/lib/data/dispatch";
import { buildDispatchDocument } from "@/lib/domain/dispatch-text";
import { renderDispatchDocx } from "@/lib/documents/dispatch/docx";
import { DOCX_TYPE, documentResponse, exportErrorResponse, PDF_TYPE, underCapacity } from "@/lib/documents/dispatch/http";
import { renderDispatchPdf } from "@/lib/documents/dispatch/pdf";
import { DispatchParamsSchema, queryOf } from "@/lib/schemas/dispatch";

// GET /api/exports/dispatch?district=CODE&installDay=YYYY-MM-DD&qrDay=YYYY-MM-DD&format=docx|pdf
// The draft dispatch (công văn) of a district, filled with the figures of the chosen days.
// Admins, and district officials for their own district (checked again in lib/data/dispatch.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = withAuth(
  { roles: ["ADMIN", "DISTRICT_OFFICIAL"], schema: DispatchParamsSchema, read: (request) => queryOf(request.url) },
  async ({ user, input }) => {
    // Checked here and again where the data is read (lib/data/dispatch.ts).
    const district = input.district ?? user.districtCode;
    if (district !== null && !canExportDistrictDocuments(user, district)) {
      return jsonError(403, "Bạn không có quyền xuất văn bản của quận/huyện này.");
    }
    try {
      return await underCapacity(async () => {
        const { template, figures } = await getDispatchData(user, { districtCode: input.district, installDay: input.installDay, qrDay: input.qrDay });
        const document = buildDispatchDocument(template, figures);
        const base = `du-thao-cong-van-${figures.district.code}-${figures.installDay}`;
        const utf8 = `dự-thảo-công-văn-${figures.district.code}-${figures.installDay}`;
        return input.format === "pdf"
          ? documentResponse(await renderDispatchPdf(document), PDF_TYPE, `${base}.pdf`, `${utf8}.pdf`)
          : documentResponse(await renderDispatchDocx(document), DOCX_TYPE, `${base}.docx`, `${utf8}.docx`);
      });
    } catch (err) {
      return exportErrorResponse(err);
    }
  },
);
