import { NextResponse } from "next/server";
import { readBodyWithin } from "@/lib/auth/body-limit";
import { session, type RouteSource } from "@/lib/requests/guard";
import { route } from "@/lib/requests/route";
import { PushSubscriptionSchema, PushUnsubscribeSchema } from "@/lib/push/schema";
import { subscribeDevice, unsubscribeDevice } from "@/lib/push/subscriptions";

export const dynamic = "force-dynamic";

// This browser's Web Push subscription for the signed-in user (components/notifications/push-toggle.tsx):
// PUT saves it (the JSON of PushSubscription.toJSON()), DELETE removes it ({ endpoint }). The user
// comes from the session only; the body names no one.

/** A subscription is well under 4 KB; a larger body is not read. */
const BODY_LIMIT_BYTES = 8 * 1024;

/** The JSON body (a page's fetch), or undefined (too large, not JSON): the schema then answers 400 with its reason. */
async function jsonBody(src: RouteSource): Promise<unknown> {
  const bytes = await readBodyWithin(src.request, BODY_LIMIT_BYTES);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

const noStore = { headers: { "Cache-Control": "no-store" } };

export const PUT = route(session<RouteSource>().sameOrigin().input(PushSubscriptionSchema, { read: jsonBody }), async ({ user, input }) => {
  await subscribeDevice(user, input);
  return NextResponse.json({ subscribed: true }, noStore);
});

export const DELETE = route(session<RouteSource>().sameOrigin().input(PushUnsubscribeSchema, { read: jsonBody }), async ({ user, input }) => {
  const removed = await unsubscribeDevice(user, input.endpoint);
  return NextResponse.json({ subscribed: false, removed }, noStore);
});
