import type { ChartPayload } from "@/components/charts/chart-payload";
import { rankingDetails } from "@/components/dashboard/ranking-rows";
import { getDistrictDashboard } from "@/lib/data/district-dashboard";
import { getPolicyPhasesForUnit } from "@/lib/data/policy-phases";
import { isRateMetric } from "@/lib/domain/rank-metric";
import { canViewDistrict } from "@/lib/permissions";
import { session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { DashboardParamsSchema } from "@/lib/schemas/dashboard-params";
import { localizeChartPayload, rankingWords } from "../chart-labels";
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
    if (result.kind !== "ok") return localJsonError(request, 404, "Không có số liệu của quận, huyện và ngày này.");
    const { charts, overview } = result.dashboard;
    const phases = await getPolicyPhasesForUnit(user, overview.district.code);
    const locale = requestLocale(request);
    const words = rankingWords(locale, { noun: result.nouns.wards, metric: input.sort });
    const payload: Omit<ChartPayload, "words"> = {
      phases,
      ranking: {
        bars: charts.ranking,
        target: charts.rankingTarget,
        ...words,
        isRate: isRateMetric(input.sort),
      },
      coverageTrend: { series: charts.coverageTrend.series, rows: charts.coverageTrend.rows, target: charts.coverageTarget },
      newInstalls: charts.newInstalls,
      qrActivity: charts.qrActivity,
      tiles: { tiles: charts.tiles, metricLabel: words.metricLabel, day: result.dashboard.day },
      // The ward ranking's "Chi tiết", in the reader's language, asked for when a row is first opened.
      rankingDetails: rankingDetails(locale, result.dashboard.wards, input.sort),
    };
    // The labels in the reader's language (the cached chart data is shared by every reader).
    return chartJson(request, localizeChartPayload(payload, result.dashboard.chartText, locale));
  },
);
