import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { AUTH_BODY_LIMIT_BYTES, readBodyWithin } from "@/lib/auth/body-limit";
import { getAuthOptions } from "@/lib/auth/config";

// next-auth's endpoints: /api/auth/csrf, /session, /callback/credentials (sign-in), /signout, …
// Sign-in and sign-out are POSTs checked by next-auth's double-submit CSRF token.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  let req = request;
  if (request.method === "POST") {
    const body = await readBodyWithin(request, AUTH_BODY_LIMIT_BYTES);
    if (body === null) return NextResponse.json({ error: "Yêu cầu quá lớn." }, { status: 413 });
    req = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
  }
  const response: Response = await NextAuth(req, context, getAuthOptions());
  return response;
}

export { handler as GET, handler as POST };
