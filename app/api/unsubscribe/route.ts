import { NextResponse } from "next/server";
import { InvalidUnsubscribeTokenError, unsubscribeWithToken } from "@/lib/data/notifications";
import { UnsubscribeSchema } from "@/lib/notifications/schema";
import { anyone, refuse, type RouteSource } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";

// One-click unsubscribe (RFC 8058): a mail client POSTs "List-Unsubscribe=One-Click" to the link
// of the List-Unsubscribe header. The token in the query is the authority; no session, no cookie.
// A GET does nothing here (link scanners fetch links): people use /unsubscribe, which asks first.
export const POST = route(
  anyone<RouteSource>().input(UnsubscribeSchema, { read: ({ request }) => ({ token: new URL(request.url).searchParams.get("token") ?? "" }) }),
  async ({ input }) => {
    try {
      const { channel } = await unsubscribeWithToken(input.token);
      return NextResponse.json({ unsubscribed: channel }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      if (err instanceof InvalidUnsubscribeTokenError) refuse(403, err.message);
      throw err;
    }
  },
);
