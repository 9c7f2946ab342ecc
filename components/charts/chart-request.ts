import type { ChartPayload } from "./chart-payload";

// A page's chart-data answer, fetched once per page render and shared by everything of the page
// that draws from it (the lazy charts, the ranking rows' details). It never rejects: a failure is
// null and is forgotten, so asking again asks the server again.

const requests = new Map<string, Promise<ChartPayload | null>>();

export function chartData(src: string): Promise<ChartPayload | null> {
  let request = requests.get(src);
  if (!request) {
    if (requests.size > 16) requests.clear();
    request = fetch(src, { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(async (res) => (res.ok ? ((await res.json()) as ChartPayload) : null))
      .catch(() => null)
      .then((payload) => {
        if (payload === null) requests.delete(src);
        return payload;
      });
    requests.set(src, request);
  }
  return request;
}
