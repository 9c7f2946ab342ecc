import { getDispatchData } from "@/lib/data/dispatch";
import { renderDispatchDocx } from "@/lib/documents/dispatch/docx";
import { renderDispatchPdf } from "@/lib/documents/dispatch/pdf";
import { buildDispatchDocument } from "@/lib/domain/dispatch-text";
import { DOCX_TYPE, documentResponse, PDF_TYPE } from "@/lib/http/downloads";
import { canExportDistrictDocuments } from "@/lib/permissions";
import { download } from "@/lib/requests/download";
import { session, type RouteSource } from "@/lib/requests/guard";
import { DispatchParamsSchema, queryOf } from "@/lib/schemas/dispatch";

// GET /api/exports/dispatch?district=CODE&installDay=YYYY-MM-DD&qrDay=YYYY-MM-DD&format=docx|pdf
// The draft dispatch (công văn) of a district, filled with the figures of the chosen days.
// Admins, and district officials for their own district (checked again in lib/data/dispatch.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = download(
  session<RouteSource>()
    .role("ADMIN", "DISTRICT_OFFICIAL")
    .input(DispatchParamsSchema, { read: ({ request }) => queryOf(request.url) })
    .unitScope(({ user, input }) => input.district ?? user.districtCode, canExportDistrictDocuments, "Bạn không có quyền xuất văn bản của quận/huyện này."),
  async ({ user, input }) => {
    const { template, figures } = await getDispatchData(user, { districtCode: input.district, installDay: input.installDay, qrDay: input.qrDay });
    const document = buildDispatchDocument(template, figures);
    const base = `du-thao-cong-van-${figures.district.code}-${figures.installDay}`;
    const utf8 = `dự-thảo-công-văn-${figures.district.code}-${figures.installDay}`;
    return input.format === "pdf"
      ? documentResponse(await renderDispatchPdf(document), PDF_TYPE, `${base}.pdf`, `${utf8}.pdf`)
      : documentResponse(await renderDispatchDocx(document), DOCX_TYPE, `${base}.docx`, `${utf8}.docx`);
  },
);
