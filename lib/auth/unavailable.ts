import { DatabaseUnavailableError as DatabaseUnreachable } from "../db/unavailable.ts";
import { OverloadedError } from "../errors.ts";
import { DATABASE_UNAVAILABLE_DIGEST } from "./unavailable-digest.ts";

// The database could not be read while checking who is signed in. That is not "nobody is signed
// in": a signed-in user would be sent to the sign-in page (and a session thrown away) because of
// an outage. The session reader throws this instead. It is an OverloadedError, so route handlers
// and server actions (lib/requests: route, download, action) already answer it 503 with
// Retry-After; pages show app/error.tsx, which recognises it by its digest (Next.js keeps a
// thrown error's own `digest` and strips its message in production) and shows the same
// "database unavailable" text as the proxy's 503 page (proxy.ts). Its cause is the database
// layer's own "unavailable" error, so the server's classifier (isDatabaseUnavailable) marks the
// page's request and npm start's server answers 503, not Next's 500.

export class DatabaseUnavailableError extends OverloadedError {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor() {
    super(15, "Tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít giây.");
    this.name = "DatabaseUnavailableError";
    this.cause = new DatabaseUnreachable();
  }
}
