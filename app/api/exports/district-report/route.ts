import { getDistrictReportData } from "@/lib/data/dispatch";
import { renderDistrictReportPdf } from "@/lib/documents/pdf/district-report";
import { documentResponse, PDF_TYPE } from "@/lib/http/downloads";
import { canExportDistrictReport } from "@/lib/permissions";
import { download } from "@/lib/requests/download";
import { session, type RouteSource } from "@/lib/requests/guard";
import { DistrictReportParamsSchema, queryOf } from "@/lib/schemas/dispatch";

// GET /api/exports/district-report?district=CODE&day=YYYY-MM-DD
// The printable district report (PDF, A4) of a day: KPIs, the wards ranked, charts, alerts.
// Admins, district officials for their own district and city officials for their province's
// districts (canExportDistrictReport; checked again in lib/data/dispatch.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = download(
  session<RouteSource>()
    .role("ADMIN", "NATIONAL_OFFICIAL", "DISTRICT_OFFICIAL", "CITY_OFFICIAL")
    .input(DistrictReportParamsSchema, { read: ({ request }) => queryOf(request.url) })
    .unitScope(({ user, input }) => input.district ?? user.districtCode, canExportDistrictReport, "Bạn không có quyền xuất văn bản của quận/huyện này."),
  async ({ user, input }) => {
    const now = new Date();
    const { overview, alerts } = await getDistrictReportData(user, { districtCode: input.district, day: input.day }, now);
    const bytes = await renderDistrictReportPdf({ dashboard: overview.dashboard, alerts, generatedAt: now, generatedBy: user.displayName, nouns: overview.nouns });
    const name = `bao-cao-${overview.district.code}-${overview.dashboard.day}.pdf`;
    return documentResponse(bytes, PDF_TYPE, name, `báo-cáo-${overview.district.code}-${overview.dashboard.day}.pdf`);
  },
);
