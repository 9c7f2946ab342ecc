// Errors the data layer throws for requests it refuses; server actions and route handlers turn
// them into 401/403/404 answers (lib/actions/safe-action.ts, lib/auth/route.ts).

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
