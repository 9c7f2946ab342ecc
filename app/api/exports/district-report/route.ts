import { jsonError, withAuth } from "@/lib/auth/route";
import { canExportDistrictReport } from "@/lib/permissions";
import { getDistrictReportData } from "@/lib/data/dispatch";
import { documentResponse, exportErrorResponse, PDF_TYPE, underCapacity } from "@/lib/documents/dispatch/http";
import { renderDistrictReportPdf } from "@/lib/documents/pdf/district-report";
import { DistrictReportParamsSchema, queryOf } from "@/lib/schemas/dispatch";

// GET /api/exports/district-report?district=CODE&day=YYYY-MM-DD
// The printable district report (PDF, A4) of a day: KPIs, the wards ranked, charts, alerts.
// Admins, district officials for their own district and city officials for their province's
// districts (canExportDistrictReport; checked again in lib/data/dispatch.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = withAuth(
  { roles: ["ADMIN", "DISTRICT_OFFICIAL", "CITY_OFFICIAL"], schema: DistrictReportParamsSchema, read: (request) => queryOf(request.url) },
  async ({ user, input }) => {
    // Checked here and again where the data is read (lib/data/dispatch.ts).
    const district = input.district ?? user.districtCode;
    if (district !== null && !canExportDistrictReport(user, district)) {
      return jsonError(403, "Bạn không có quyền xuất văn bản của quận/huyện này.");
    }
    try {
      return await underCapacity(async () => {
        const now = new Date();
        const { overview, alerts } = await getDistrictReportData(user, { districtCode: input.district, day: input.day }, now);
        const bytes = await renderDistrictReportPdf({ dashboard: overview.dashboard, alerts, generatedAt: now, generatedBy: user.displayName, nouns: overview.nouns });
        const name = `bao-cao-${overview.district.code}-${overview.dashboard.day}.pdf`;
        return documentResponse(bytes, PDF_TYPE, name, `báo-cáo-${overview.district.code}-${overview.dashboard.day}.pdf`);
      });
    } catch (err) {
      return exportErrorResponse(err);
    }
  },
);
