import { hasControlCharacters } from "../schemas/user.ts";
import { SIGN_IN_ERRORS } from "./config.ts";

// A sign-in POST whose username or password holds a control character (NUL, …) is refused in the
// route handler with 400, before next-auth runs: no password check, no database query (PostgreSQL
// text cannot hold NUL) and no counting against the limits. The answer has next-auth's JSON
// shape ({ url }), so the sign-in form shows its message like any other refusal.

/** True when a sign-in body (form-encoded or JSON) carries a control character in its credentials. */
export function credentialsHaveControlCharacters(contentType: string | null, body: Uint8Array): boolean {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
  let fields: Record<string, unknown> = {};
  if ((contentType ?? "").includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === "object") fields = parsed as Record<string, unknown>;
    } catch {
      return false;
    }
  } else {
    const params = new URLSearchParams(text);
    fields = { username: params.get("username"), password: params.get("password") };
  }
  return hasControlCharacters(fields.username) || hasControlCharacters(fields.password);
}

/** next-auth's answer to a refused sign-in, as a 400. */
export function invalidCredentialsResponse(requestUrl: string): Response {
  const url = new URL(`/login?error=${SIGN_IN_ERRORS.invalidInput}`, requestUrl).href;
  return Response.json(
    { url, error: "Tên đăng nhập và mật khẩu không được chứa ký tự điều khiển." },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}
