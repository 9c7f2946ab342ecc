import type { z } from "zod";

// A zod error as the forms show it: each message next to its field ("_form" for the whole form).
// Shared by every form and server action, whatever the schema.

/** Field name → messages, for showing each error next to its field. */
export type FieldErrors = Partial<Record<string, string[]>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
