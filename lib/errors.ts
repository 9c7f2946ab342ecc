// The errors a request can be refused with, in one place: the data layer throws them, server
// actions and route handlers turn them into 4xx answers with their Vietnamese message
// (lib/requests/refusal.ts, for every server action and route handler).

export class AuthenticationError extends Error {
  readonly status = 401;
  constructor(message = "Bạn cần đăng nhập để làm việc này.") {
    super(message);
    this.name = "AuthenticationError";
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "Bạn không có quyền làm việc này.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "Không tìm thấy.") {
    super(message);
    this.name = "NotFoundError";
  }
}

// A download that cannot be made whole from the request: 400 (a filter to correct), 404 (no such
// data) or 409 (the data exists but is not whole enough for the document: a draft dispatch on a
// day whose figures sum only some wards). Thrown by the data layer before the first byte is sent, so a refused request never turns
// into an empty or partial file; route handlers answer it as JSON with its Vietnamese message.
export class ExportRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = "ExportRequestError";
  }
}

/** A request the alert centre cannot answer as asked (shown to the user as it is). */
export class AlertRequestError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "AlertRequestError";
  }
}

/**
 * The server is at its limit for this kind of work (lib/server/capacity.ts): answered 503 with
 * `Retry-After`, before anything of the answer was sent, so no client mistakes it for a result.
 */
export class OverloadedError extends Error {
  readonly status = 503;
  constructor(
    readonly retryAfterSeconds: number,
    message = "Máy chủ đang bận xử lý nhiều yêu cầu. Vui lòng thử lại sau ít giây.",
  ) {
    super(message);
    this.name = "OverloadedError";
  }
}
