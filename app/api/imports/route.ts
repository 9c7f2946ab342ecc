import { NextResponse } from "next/server";
import { errorRows } from "@/components/imports/error-rows";
import { catalogText, requestLocale } from "@/i18n/catalog-text";
import { summaryIn } from "@/lib/imports/summary-text";
import { importFileForUser } from "@/lib/data/imports";
import { readImportConfig } from "@/lib/imports/config";
import { UploadScopeQuerySchema } from "@/lib/domain/imports/scope";
import { formatBytes } from "@/lib/domain/imports/progress";
import { progressTokenInUse, publishProgress } from "@/lib/imports/progress-registry";
import { bodyChunks } from "@/lib/imports/web-streams";
import { queryObject, session, type RouteSource } from "@/lib/requests/guard";
import { localJsonError, route } from "@/lib/requests/route";
import { UploadQuerySchema } from "@/lib/schemas/imports";

// POST /api/imports?kind=&fileName=&size=&token=[&scope=][&replaceApproved=1] with the file as the
// request body (not a form). `scope` (scan logs only: city, district:CODE, ward:CODE) chooses what
// the file replaces; replaceApproved=1 confirms replacing figures of approved ward reports, which
// an import otherwise refuses (its result then lists them, for the page to ask).
// the file streams straight into the import pipeline, which checks and counts it as it arrives,
// never holding it whole. Size limits are checked on the announced size first (413 at once), then
// on the bytes as they come (past the limit or the announced size, the import stops at once). With
// the import queue full (lib/imports/queue.ts) the answer is 503 with Retry-After. Progress is published under `token` for GET /api/imports/progress.
// The answer, once the import is done, is its result (SUCCEEDED, FAILED with the first 1.000
// errors, or DUPLICATE) as JSON; each error's `reason`, the `message` and the `details` are in the
// reader's language (the cookie ww_locale, Vietnamese without it; a summary line without a message
// as written, docs/i18n.md).
export const dynamic = "force-dynamic";

const QuerySchema = UploadQuerySchema.extend(UploadScopeQuerySchema.shape);

export const POST = route(
  session<RouteSource>().role("ADMIN").input(QuerySchema, { read: queryObject }).sameOrigin(),
  async ({ user, input, request }) => {
    const h = request.headers;
    const { maxBytes } = readImportConfig();
    const declared = Number(h.get("content-length") ?? Number.NaN);
    if (input.size > maxBytes || (Number.isFinite(declared) && declared > maxBytes)) {
      return localJsonError(request, 413, `Tệp lớn hơn giới hạn ${formatBytes(maxBytes)} của một lần nhập. Hãy chia tệp theo ngày, hoặc dùng lệnh npm run import.`);
    }
    if (Number.isFinite(declared) && declared !== input.size) {
      return localJsonError(request, 400, "Kích thước tệp không khớp với nội dung gửi lên.");
    }
    if (!request.body) return localJsonError(request, 400, "Không có nội dung tệp.");
    if (input.scope && input.scope.kind !== "file" && input.kind !== "QR_SCAN_LOG") {
      return localJsonError(request, 400, "Chỉ chọn được phạm vi thay thế cho nhật ký quét mã QR.");
    }
    if (progressTokenInUse(input.token)) return localJsonError(request, 409, "Mã theo dõi tiến độ này đã được dùng; hãy tải lại trang.");
    const file = {
      kind: input.kind,
      fileName: input.fileName,
      source: bodyChunks(request.body),
      bytesTotal: input.size,
      scope: input.scope,
      replaceApproved: input.replaceApproved === "1",
    };
    const result = await importFileForUser(user, file, { onProgress: (progress) => publishProgress(input.token, user.id, progress) });
    // Each error's reason in the reader's language (cookie ww_locale; Vietnamese without it).
    const locale = requestLocale(request);
    const { text } = catalogText(locale);
    const errors = errorRows(result.errors, locale, text);
    // The summary too, sentence by sentence (those without a message as written).
    const [first, ...details] = result.parts.map((p) => summaryIn([p], locale, text));
    const { parts: _parts, ...answer } = result;
    return NextResponse.json({ ...answer, message: first ?? result.message, details, errors }, { headers: { "Cache-Control": "no-store" } });
  },
);
