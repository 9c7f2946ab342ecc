import { z } from "zod";
import { isIsoDay } from "../domain/days.ts";
import { IMPORT_KINDS, parseImportKind } from "../domain/imports/catalogue.ts";
import { IMPORT_PHASES } from "../domain/imports/progress.ts";
import { V } from "./validation.ts";

// Every boundary of the imports feature: the upload's query string, the progress poll, the
// rollback form, the route parameters, and the JSON the browser gets back (parsed there too).

const single = z
  .union([z.string(), z.array(z.string())])
  .refine((v) => !Array.isArray(v), { message: V.singleValue })
  .transform((v) => (Array.isArray(v) ? (v[0] ?? "") : v));

export const ImportKindSchema = z.string().transform((v, ctx) => {
  const kind = parseImportKind(v);
  if (kind === null) {
    ctx.addIssue({ code: "custom", message: V.fileKindInvalid });
    return z.NEVER;
  }
  return kind;
});

/** A file name as shown to people: the last path segment, no control characters, at most 200 characters. */
export const ImportFileNameSchema = z
  .string()
  .transform((v) => v.split(/[\\/]/).pop()?.trim() ?? "")
  .pipe(
    z
      .string()
      .min(1, "Thiếu tên tệp")
      .max(200, "Tên tệp dài quá 200 ký tự")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Tên tệp có ký tự không hợp lệ"),
  );

export const ProgressTokenSchema = z.uuid({ message: V.progressTokenInvalid });

/** POST /api/imports?kind=&fileName=&size=&token= (the body is the file). */
export const UploadQuerySchema = z.object({
  kind: single.pipe(ImportKindSchema),
  fileName: single.pipe(ImportFileNameSchema),
  size: single.pipe(z.string().regex(/^\d{1,15}$/, "Kích thước tệp không hợp lệ").transform(Number)),
  token: single.pipe(ProgressTokenSchema),
});
export type UploadQuery = z.output<typeof UploadQuerySchema>;

/** GET /api/imports/progress?token= */
export const ProgressQuerySchema = z.object({ token: single.pipe(ProgressTokenSchema) });

export const ImportIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** Route parameter [id]. */
export const ImportIdParamsSchema = z.object({ id: ImportIdSchema });

/** The rollback form (server action). */
export const RollbackInputSchema = z.object({
  id: ImportIdSchema,
  reason: z
    .string()
    .trim()
    .max(500, "Lý do dài quá 500 ký tự")
    .optional()
    .transform((v) => (v ? v : null)),
});
export type RollbackInput = z.output<typeof RollbackInputSchema>;

// ---------------------------------------------------------------------------------------------
// What the server answers (parsed by the browser before use)

const IsoDayOrNull = z.string().refine(isIsoDay).nullable();

export const ImportRowErrorSchema = z.object({
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

export const ImportResultSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  status: z.enum(["SUCCEEDED", "FAILED", "DUPLICATE"]),
  bytes: z.number(),
  rows: z.number(),
  rowsRejected: z.number(),
  dayFrom: IsoDayOrNull,
  dayTo: IsoDayOrNull,
  message: z.string(),
  details: z.array(z.string()),
  errors: z.array(ImportRowErrorSchema),
  errorCount: z.number(),
  hasErrorReport: z.boolean(),
  durationMs: z.number(),
  duplicateOf: z.number().nullable(),
});
export type ImportResultView = z.output<typeof ImportResultSchema>;

export const ImportProgressSchema = z.object({
  phase: z.enum(IMPORT_PHASES),
  bytesRead: z.number(),
  bytesTotal: z.number().nullable(),
  rows: z.number(),
  rowsRejected: z.number(),
  elapsedMs: z.number(),
  importId: z.number().nullable(),
  queuePosition: z.number().int().positive().nullable().optional(),
});

/** The body of an error answer of the imports API. */
export const ApiErrorSchema = z.object({ error: z.string() });

