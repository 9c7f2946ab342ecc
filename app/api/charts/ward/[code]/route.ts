import type { ChartPayload } from "@/components/charts/chart-payload";
import { getPolicyPhasesForUnit } from "@/lib/data/policy-phases";
import { getWardPage } from "@/lib/data/ward-page";
import { refuse, session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { isWardCode, WardParamsSchema } from "@/lib/schemas/dashboard-params";
import { localizeChartPayload } from "../../chart-labels";
import { chartJson, requestLocale, searchParamsOf } from "../../chart-response";

// A ward page's chart series (issue 15), fetched by the page's charts when they come near the
// screen instead of travelling in the page: GET /api/charts/ward/CODE?day=…. Same data function,
// permissions and figure cache as the page.

export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource<{ code: string }>>()
    .input(WardParamsSchema, { read: ({ request }) => searchParamsOf(request.url) })
    .step(async (_ctx, { context }) => {
      const code = (await context?.params)?.code ?? "";
      if (!isWardCode(code)) refuse(404, "Không có phường, xã này.");
      return { code };
    }),
  async ({ user, input, code, request }) => {
    const result = await getWardPage(user, { wardCode: code, day: input.day });
    if (result.kind !== "ok") return localJsonError(request, 404, "Không có số liệu của phường, xã và ngày này.");
    const { charts } = result.detail;
    const phases = await getPolicyPhasesForUnit(user, result.detail.ward.code);
    const payload: Omit<ChartPayload, "words"> = {
      phases,
      coverageTrend: { series: charts.coverageTrend.series, rows: charts.coverageTrend.rows, target: charts.coverageTarget },
      rankHistory: { rows: charts.rankHistory, outOf: charts.rankOutOf },
      newInstalls: charts.newInstalls,
      qrActivity: charts.qrActivity,
    };
    return chartJson(request, localizeChartPayload(payload, result.detail.chartText, requestLocale(request)));
  },
);
