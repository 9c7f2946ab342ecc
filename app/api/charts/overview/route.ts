import type { ChartPayload } from "@/components/charts/chart-payload";
import { rankingDetails } from "@/components/dashboard/ranking-rows";
import { getDistrictDashboard } from "@/lib/data/district-dashboard";
import { getPolicyPhasesForUnit } from "@/lib/data/policy-phases";
import { capitalizeNoun } from "@/lib/domain/dashboard-format";
import { isRateMetric, RANK_METRIC_LABELS } from "@/lib/domain/rank-metric";
import { canViewDistrict } from "@/lib/permissions";
import { session, type RouteSource } from "@/lib/requests/guard";
import { jsonError, route } from "@/lib/requests/route";
import { DashboardParamsSchema } from "@/lib/schemas/dashboard-params";
import { chartJson, requestLocale, searchParamsOf } from "../chart-response";

// The overview's chart series (issue 15), fetched by the page's charts when they come near the
// screen instead of travelling in the page: GET /api/charts/overview?day=…&district=…&sort=…&compare=…
// (the page's own filters). Same data function, permissions and figure cache as the page. Also
// answers the ward ranking's row details, which the table loads when a row is first opened.

export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource>()
    .input(DashboardParamsSchema, { read: ({ request }) => searchParamsOf(request.url) })
    .unitScope(({ input }) => input.district, canViewDistrict),
  async ({ user, input, request }) => {
    const result = await getDistrictDashboard(user, { districtCode: input.district, day: input.day, metric: input.sort, compare: input.compare });
    if (result.kind !== "ok") return jsonError(404, "Không có số liệu của quận, huyện và ngày này.");
    const { charts, overview } = result.dashboard;
    const phases = await getPolicyPhasesForUnit(user, overview.district.code);
    const payload: Omit<ChartPayload, "words"> = {
      phases,
      ranking: {
        bars: charts.ranking,
        target: charts.rankingTarget,
        unitHeader: capitalizeNoun(result.nouns.wards),
        metricLabel: RANK_METRIC_LABELS[input.sort],
        isRate: isRateMetric(input.sort),
      },
      coverageTrend: { series: charts.coverageTrend.series, rows: charts.coverageTrend.rows, target: charts.coverageTarget },
      newInstalls: charts.newInstalls,
      qrActivity: charts.qrActivity,
      tiles: { tiles: charts.tiles, metricLabel: RANK_METRIC_LABELS[input.sort], day: result.dashboard.day },
      // The ward ranking's "Chi tiết", in the reader's language, asked for when a row is first opened.
      rankingDetails: rankingDetails(requestLocale(request), result.dashboard.wards, input.sort),
    };
    return chartJson(request, payload);
  },
);
