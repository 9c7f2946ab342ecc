"use client";

import { useLocale, useTranslations } from "next-intl";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatCount } from "@/lib/domain/format";
import { IMPORT_KINDS, type ImportKind } from "@/lib/domain/imports/catalogue";
import { durationParts, formatBytes, progressView, type ImportProgress } from "@/lib/domain/imports/progress";
import { approvedChangeText, formatImportScope, ImportResultExtrasSchema, parseImportScope, type ImportResultExtras } from "@/lib/domain/imports/scope";
import { ApiErrorSchema, ImportProgressSchema, ImportResultSchema, type ImportResultView } from "@/lib/schemas/imports";
import { ImportResultPanel } from "./import-result";
import { FileField } from "@/components/ui/file-field";

// Upload of an export file from the admin page. The file goes as the body of one POST (XHR, for
// the upload's own progress events) and is imported as it streams in; meanwhile the page polls
// the server's progress (bytes and rows processed, phase) and draws the bar from it: rows per
// second and time left included. The answer is the import's result, shown below the form.
//
// A scan log replaces the districts of its venues on its days, or the scope chosen in the form (the
// whole city, a district, a ward). An import that would change figures of approved ward reports
// writes nothing and answers with the list of them: the page shows it as a warning, and only the
// admin's explicit confirmation sends the same file again with replaceApproved=1.

type Upload = { state: "idle" } | { state: "running"; sent: number; total: number; server: ImportProgress | null } | { state: "error"; message: string };

export type ScopeChoice = { code: string; name: string; wards: { code: string; name: string }[] };

type Sent = { file: File; kind: ImportKind; scope: string };

const POLL_MS = 300;

function uploadRequest(
  sent: Sent & { replaceApproved: boolean },
  token: string,
  onUploadProgress: (sent: number) => void,
): Promise<{ status: number; body: unknown }> {
  const { file, kind } = sent;
  return new Promise((resolve, reject) => {
    const params = new URLSearchParams({ kind, fileName: file.name, size: String(file.size), token });
    if (kind === "QR_SCAN_LOG" && sent.scope !== "") params.set("scope", sent.scope);
    if (sent.replaceApproved) params.set("replaceApproved", "1");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/imports?${params.toString()}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => onUploadProgress(e.loaded);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.onabort = () => reject(new Error("abort"));
    xhr.send(file);
  });
}

export function ImportUploader({ maxBytesLabel, scopeChoices }: { maxBytesLabel: string; scopeChoices: readonly ScopeChoice[] }) {
  const t = useTranslations("imports");
  const hydrated = useHydrated();
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>("QR_SCAN_LOG");
  const [scope, setScope] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState("");
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [result, setResult] = useState<ImportResultView | null>(null);
  const [extras, setExtras] = useState<ImportResultExtras | null>(null);
  /** what was sent last: the file to send again once the admin confirms */
  const [lastSent, setLastSent] = useState<Sent | null>(null);
  const poller = useRef<number | null>(null);

  useEffect(() => () => {
    if (poller.current !== null) window.clearInterval(poller.current);
  }, []);

  const stopPolling = () => {
    if (poller.current !== null) window.clearInterval(poller.current);
    poller.current = null;
  };

  async function start(sent: Sent, replaceApproved: boolean) {
    const token = crypto.randomUUID();
    setResult(null);
    setExtras(null);
    setLastSent(sent);
    setUpload({ state: "running", sent: 0, total: sent.file.size, server: null });
    poller.current = window.setInterval(async () => {
      try {
        const res = await fetch(`/api/imports/progress?token=${encodeURIComponent(token)}`, { cache: "no-store" });
        if (!res.ok) return;
        const parsed = ImportProgressSchema.safeParse(await res.json());
        if (parsed.success) setUpload((u) => (u.state === "running" ? { ...u, server: parsed.data } : u));
      } catch {
        // the next poll will tell
      }
    }, POLL_MS);
    try {
      const answer = await uploadRequest({ ...sent, replaceApproved }, token, (bytes) => setUpload((u) => (u.state === "running" ? { ...u, sent: bytes } : u)));
      stopPolling();
      const ok = ImportResultSchema.safeParse(answer.body);
      if (answer.status === 200 && ok.success) {
        setResult(ok.data);
        const more = ImportResultExtrasSchema.safeParse(answer.body);
        setExtras(more.success ? more.data : null);
        setUpload({ state: "idle" });
        router.refresh();
        return;
      }
      const error = ApiErrorSchema.safeParse(answer.body);
      setUpload({
        state: "error",
        message: error.success ? error.data.error : t("upload.unexpected", { status: answer.status }),
      });
    } catch {
      stopPolling();
      setUpload({ state: "error", message: t("upload.connectionLost") });
    }
  }

  const running = upload.state === "running";
  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        data-testid="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) {
            setFileError(t("upload.chooseFile"));
            return;
          }
          setFileError("");
          const chosen = kind === "QR_SCAN_LOG" ? parseImportScope(scope) : null;
          void start({ file, kind, scope: chosen === null || chosen.kind === "file" ? "" : formatImportScope(chosen) }, false);
        }}
      >
        <div>
          <label htmlFor="import-kind" className="block text-sm font-semibold">
            {t("upload.kind")}
          </label>
          <select
            id="import-kind"
            value={kind}
            disabled={running}
            onChange={(e) => {
              const value = IMPORT_KINDS.find((k) => k === e.target.value);
              if (value) setKind(value);
            }}
            className="mt-1 block w-full max-w-md rounded border border-slate-500 bg-white px-3 py-2"
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-scope" className="block text-sm font-semibold">
            {t("upload.scope")}
          </label>
          <select
            id="import-scope"
            value={kind === "QR_SCAN_LOG" ? scope : ""}
            disabled={running || kind !== "QR_SCAN_LOG"}
            aria-describedby="import-scope-help"
            onChange={(e) => setScope(e.target.value)}
            className="mt-1 block w-full max-w-md rounded border border-slate-500 bg-white px-3 py-2 disabled:bg-slate-100"
          >
            <option value="">{t("upload.scopeFile")}</option>
            <option value="city">{t("upload.scopeCity")}</option>
            <optgroup label={t("upload.scopeDistrict")}>
              {scopeChoices.map((d) => (
                <option key={d.code} value={`district:${d.code}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
            {scopeChoices.map((d) => (
              <optgroup key={d.code} label={t("upload.scopeWardOf", { district: d.name })}>
                {d.wards.map((w) => (
                  <option key={w.code} value={`ward:${w.code}`}>
                    {w.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <p id="import-scope-help" className="mt-1 max-w-xl text-sm text-slate-700">
            {t(`upload.scopeHelp.${kind}`)}
          </p>
        </div>
        <div>
          <FileField
            id="import-file"
            label={t("upload.file", { max: maxBytesLabel })}
            labelClassName="block text-sm font-semibold"
            file={file}
            onFile={setFile}
            disabled={running}
            invalid={fileError !== ""}
            describedBy="import-file-error"
          />
          <p id="import-file-error" aria-live="polite" className="text-sm font-semibold text-red-800">
            {fileError}
          </p>
        </div>
        <button type="submit" disabled={!hydrated || running} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {running ? t("upload.pending") : t("upload.submit")}
        </button>
      </form>
      {upload.state === "running" ? <ProgressPanel sent={upload.sent} total={upload.total} server={upload.server} /> : null}
      {upload.state === "error" ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-2 font-semibold text-red-900">
          {upload.message}
        </p>
      ) : null}
      {result && extras?.approved && !extras.approved.confirmed && lastSent ? (
        <ApprovedWarning
          approved={extras.approved}
          onConfirm={() => void start(lastSent, true)}
          onCancel={() => setExtras({ ...extras, approved: null })}
          disabled={running}
        />
      ) : null}
      {result ? <ImportResultPanel result={result} extras={extras} /> : null}
    </div>
  );
}

/**
 * The import stopped before publishing: it would change figures of approved ward reports. Nothing
 * was written; the admin reads what would change and confirms (the same file is sent again) or not.
 */
function ApprovedWarning({
  approved,
  onConfirm,
  onCancel,
  disabled,
}: {
  approved: NonNullable<ImportResultExtras["approved"]>;
  onConfirm: () => void;
  onCancel: () => void;
  disabled: boolean;
}) {
  const t = useTranslations("imports");
  const locale = useLocale() === "en" ? "en" : "vi";
  return (
    <section
      role="alert"
      aria-labelledby="import-approved-heading"
      className="space-y-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4"
      data-testid="import-approved-warning"
    >
      <h2 id="import-approved-heading" className="text-lg font-semibold text-amber-950">
        {t("approvedWarning.heading", { shown: formatCount(approved.count, undefined, locale), count: approved.count })}
      </h2>
      <p>{t("approvedWarning.text")}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {approved.items.map((item) => (
          <li key={`${item.unitCode}-${item.day}`}>{approvedChangeText(item)}</li>
        ))}
        {approved.count > approved.items.length ? <li>{t("approvedWarning.more", { shown: formatCount(approved.count - approved.items.length, undefined, locale), count: approved.count - approved.items.length })}</li> : null}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onConfirm} disabled={disabled} className="min-h-11 rounded bg-amber-800 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {t("approvedWarning.confirm")}
        </button>
        <button type="button" onClick={onCancel} disabled={disabled} className="min-h-11 rounded border border-slate-500 bg-white px-4 py-2 font-semibold">
          {t("approvedWarning.cancel")}
        </button>
      </div>
    </section>
  );
}


function ProgressPanel({ sent, total, server }: { sent: number; total: number; server: ImportProgress | null }) {
  const t = useTranslations("imports");
  const locale = useLocale() === "en" ? "en" : "vi";
  // Before the server reports, the upload's own progress stands in (bytes sent).
  const progress: ImportProgress = server ?? { phase: "reading", bytesRead: sent, bytesTotal: total, rows: 0, rowsRejected: 0, elapsedMs: 0, importId: null };
  const view = progressView(progress);
  const percent = view.percent;
  const duration = (seconds: number) => {
    const { key, values } = durationParts(seconds);
    return t(`progress.duration.${key}`, values);
  };
  return (
    <section aria-labelledby="import-progress-label" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-progress">
      <p id="import-progress-label" className="font-semibold" aria-live="polite">
        {progress.phase === "queued" && typeof progress.queuePosition === "number"
          ? t("progress.queuedAt", { position: progress.queuePosition })
          : t(`progress.phases.${progress.phase}`)}
        {progress.importId !== null ? ` ${t("progress.importNo", { id: progress.importId })}` : ""}
      </p>
      <progress
        className="h-4 w-full"
        max={100}
        value={percent ?? undefined}
        aria-labelledby="import-progress-label"
        aria-valuetext={percent === null ? t("progress.working") : `${percent}%`}
        data-testid="import-progress-bar"
      />
      <p className="text-sm tabular-nums" data-testid="import-progress-text">
        {percent === null ? "" : `${percent}% · `}
        {progress.bytesTotal === null
          ? formatBytes(progress.bytesRead, locale)
          : `${formatBytes(progress.bytesRead, locale)} / ${formatBytes(progress.bytesTotal, locale)}`}
        {` · ${t("progress.rows", { shown: formatCount(progress.rows, undefined, locale), count: progress.rows })}`}
        {view.rowsPerSecond === null ? "" : ` · ${t("progress.rate", { shown: formatCount(view.rowsPerSecond, undefined, locale) })}`}
        {view.secondsLeft === null || progress.phase !== "reading" ? "" : ` · ${t("progress.left", { duration: duration(view.secondsLeft) })}`}
        {progress.rowsRejected > 0 ? ` · ${t("progress.rejected", { shown: formatCount(progress.rowsRejected, undefined, locale), count: progress.rowsRejected })}` : ""}
      </p>
    </section>
  );
}
