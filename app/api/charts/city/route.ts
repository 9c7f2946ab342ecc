import type { ChartPayload } from "@/components/charts/chart-payload";
import { getCityPage } from "@/lib/data/city-page";
import { isRateMetric } from "@/lib/domain/rank-metric";
import { session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { CityParamsSchema } from "@/lib/schemas/dashboard-params";
import { localizeChartPayload, rankingWords } from "../chart-labels";
import { chartJson, requestLocale, searchParamsOf } from "../chart-response";

// The city page's ranking chart (issue 15), fetched when it comes near the screen instead of
// travelling in the page: GET /api/charts/city?day=…&district=…&sort=… (the page's own filters).
// Same roles, data function and figure cache as the page.

export const dynamic = "force-dynamic";

export const GET = route(
  session<RouteSource>()
    .role("ADMIN", "NATIONAL_OFFICIAL", "DISTRICT_OFFICIAL", "CITY_OFFICIAL")
    // The district only picks which one is outlined; the data layer checks what the user may see.
    .input(CityParamsSchema, { read: ({ request }) => searchParamsOf(request.url) }),
  async ({ user, input, request }) => {
    const result = await getCityPage(user, { districtCode: input.district, day: input.day, metric: input.sort });
    if (result.kind !== "ok") return localJsonError(request, 404, "Không có số liệu của thành phố và ngày này.");
    const locale = requestLocale(request);
    const payload: Omit<ChartPayload, "words"> = {
      phases: [],
      ranking: {
        bars: result.ranking.chart.bars,
        target: result.ranking.chart.target,
        ...rankingWords(locale, { noun: result.nouns.districts, metric: input.sort }),
        isRate: isRateMetric(input.sort),
      },
    };
    return chartJson(request, localizeChartPayload(payload, result.ranking.chartText, locale));
  },
);
