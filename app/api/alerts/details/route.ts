import { getTranslations } from "@/i18n/server";
import { alertWardDetails } from "@/components/alerts/alert-rows";
import { getDomainText } from "@/i18n/domain-text";
import { getAlertCentre } from "@/lib/data/alerts";
import { DEFAULT_SEVERITY_FILTER } from "@/lib/domain/alerts/filters";
import { session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { AlertDetailsParamsSchema } from "@/lib/schemas/alerts";
import { searchParamsOf } from "../../charts/chart-response";

// One ward's row of the alert centre, opened (issue 15): its alerts' sentences, streaks, numbers
// and acknowledgements, fetched when the row is first opened instead of travelling hidden in
// every row of the page. GET /api/alerts/details?day=…&ward=CODE with the page's filters
// (district, rule, severity, status; `render` is the page render's token, ignored here). The
// same data function as the page (getAlertCentre: the viewer's district and ward checked in the
// data layer, the figure cache), so the same answers: 400 for bad input or a ward outside the
// district, 403 for a district or ward the viewer may not see, 404 when the ward has no alert
// left in this view, 503 when the server is at its limit. Never cached.

export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource>().input(AlertDetailsParamsSchema, { read: ({ request }) => searchParamsOf(request.url) }),
  async ({ user, input, request }) => {
    const centre = await getAlertCentre(user, { ...input, severity: input.severity ?? DEFAULT_SEVERITY_FILTER, page: 1 });
    const details = alertWardDetails(centre.alerts, input.ward, await getTranslations("alerts.rows"), await getDomainText());
    if (details === null) return localJsonError(request, 404, "Phường không còn cảnh báo nào trong cách xem này (số liệu có thể vừa thay đổi). Hãy tải lại trang.");
    return Response.json(details, { headers: { "Cache-Control": "private, no-store" } });
  },
);
