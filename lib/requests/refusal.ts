import type { z } from "zod";
import { AlertRequestError, AuthenticationError, ExportRequestError, ForbiddenError, NotFoundError, OverloadedError } from "../errors.ts";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable.ts";
import type { FieldErrors } from "../schemas/field-errors.ts";

// A refused request, in one shape for every transport: an HTTP status, a message for people (never
// an exception's text), and what the transport shows with it (field errors next to their fields,
// the schema's issues, how long to wait). `refusalOf` maps every error a request can end with:
// the 4xx errors of lib/errors.ts with their own message, a busy server or an unreachable
// database to 503 with Retry-After, anything else to 500 (logged, never shown).

export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 423 | 429 | 500 | 503;

export type Issue = { path: string; message: string };

export type Refusal = {
  readonly status: RefusalStatus;
  readonly message: string;
  readonly fieldErrors?: FieldErrors;
  readonly issues?: readonly Issue[];
  readonly retryAfterSeconds?: number;
};

/** No signed-in user (401); each transport words it. */
export class NoSession extends Error {
  constructor() {
    super("no session");
    this.name = "NoSession";
  }
}

/** A role that may not do this (403); each transport words it. */
export class RoleRefused extends Error {
  constructor() {
    super("role");
    this.name = "RoleRefused";
  }
}

/** A step's refusal with its answer (a scope the user may not touch, an unknown dataset). */
export class RequestRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = "RequestRefused";
  }
}

/** The input failed its schema; the transport words it unless the step chose its own answer. */
export class InvalidInput extends Error {
  constructor(
    readonly error: z.ZodError,
    readonly answer?: (error: z.ZodError) => Refusal,
  ) {
    super("invalid input");
    this.name = "InvalidInput";
  }
}

/** How a transport words the refusals that have no message of their own. */
export type Wording = {
  /** log prefix of unexpected errors */
  readonly tag: string;
  /** 401: nobody signed in */
  readonly noSession: string;
  /** 403: a role that may not do this */
  readonly role: string;
  /** 400: the input failed its schema */
  readonly invalid: (error: z.ZodError) => Refusal;
  /** 500: anything unexpected (logged) */
  readonly failed: string;
};

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** The answer to whatever a request ended with. */
export function refusalOf(err: unknown, wording: Wording): Refusal {
  if (err instanceof RequestRefused) return err.refusal;
  if (err instanceof InvalidInput) return (err.answer ?? wording.invalid)(err.error);
  if (err instanceof NoSession) return { status: 401, message: wording.noSession };
  if (err instanceof RoleRefused) return { status: 403, message: wording.role };
  if (err instanceof AuthenticationError || err instanceof ForbiddenError || err instanceof NotFoundError) {
    return { status: err.status, message: err.message };
  }
  if (err instanceof ExportRequestError) return { status: err.status, message: err.message };
  if (err instanceof AlertRequestError) return { status: 400, message: err.message };
  if (err instanceof OverloadedError) return { status: 503, message: err.message, retryAfterSeconds: err.retryAfterSeconds };
  if (isDatabaseUnavailable(err)) {
    console.error(`[${wording.tag}] database unavailable:`, err instanceof Error ? err.message : err);
    return { status: 503, message: DATABASE_UNAVAILABLE_MESSAGE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  }
  console.error(`[${wording.tag}]`, err);
  return { status: 500, message: wording.failed };
}
