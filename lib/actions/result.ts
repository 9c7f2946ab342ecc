import type { FieldErrors } from "../schemas/field-errors.ts";

// What every server action answers: data, or a failure with an HTTP-like status and a message
// for people (never an exception's text). Field errors are shown next to their fields.

export type ActionFailure = {
  ok: false;
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 423 | 429 | 500 | 503;
  message: string;
  fieldErrors?: FieldErrors;
};

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export function failure(status: ActionFailure["status"], message: string, fieldErrors?: FieldErrors): ActionFailure {
  return fieldErrors ? { ok: false, status, message, fieldErrors } : { ok: false, status, message };
}
