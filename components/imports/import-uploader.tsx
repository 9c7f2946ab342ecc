"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatCount } from "@/lib/domain/format";
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from "@/lib/imports/kinds";
import { formatBytes, formatDuration, IMPORT_PHASE_LABELS, progressView, type ImportProgress } from "@/lib/imports/progress";
import { ApiErrorSchema, ImportProgressSchema, ImportResultSchema, type ImportResultView } from "@/lib/schemas/imports";
import { ImportResultPanel } from "./import-result";

// Upload of an export file from the admin page. The file goes as the body of one POST (XHR, for
// the upload's own progress events) and is imported as it streams in; meanwhile the page polls
// the server's progress (bytes and rows processed, phase) and draws the bar from it: rows per
// second and time left included. The answer is the import's result, shown below the form.

type Upload = { state: "idle" } | { state: "running"; sent: number; total: number; server: ImportProgress | null } | { state: "error"; message: string };

const POLL_MS = 300;

function uploadRequest(file: File, kind: ImportKind, token: string, onUploadProgress: (sent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const params = new URLSearchParams({ kind, fileName: file.name, size: String(file.size), token });
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

export function ImportUploader({ maxBytesLabel }: { maxBytesLabel: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>("QR_SCAN_LOG");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState("");
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [result, setResult] = useState<ImportResultView | null>(null);
  const poller = useRef<number | null>(null);

  useEffect(() => () => {
    if (poller.current !== null) window.clearInterval(poller.current);
  }, []);

  const stopPolling = () => {
    if (poller.current !== null) window.clearInterval(poller.current);
    poller.current = null;
  };

  async function start(selected: File) {
    const token = crypto.randomUUID();
    setResult(null);
    setUpload({ state: "running", sent: 0, total: selected.size, server: null });
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
      const answer = await uploadRequest(selected, kind, token, (sent) => setUpload((u) => (u.state === "running" ? { ...u, sent } : u)));
      stopPolling();
      const ok = ImportResultSchema.safeParse(answer.body);
      if (answer.status === 200 && ok.success) {
        setResult(ok.data);
        setUpload({ state: "idle" });
        router.refresh();
        return;
      }
      const error = ApiErrorSchema.safeParse(answer.body);
      setUpload({
        state: "error",
        message: error.success ? error.data.error : `Máy chủ trả lời không như mong đợi (mã ${answer.status}). Vui lòng thử lại.`,
      });
    } catch {
      stopPolling();
      setUpload({ state: "error", message: "Mất kết nối khi đang tải tệp lên. Không có số liệu nào được ghi; hãy thử lại." });
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
            setFileError("Hãy chọn một tệp CSV.");
            return;
          }
          setFileError("");
          void start(file);
        }}
      >
        <div>
          <label htmlFor="import-kind" className="block text-sm font-semibold">
            Loại tệp
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
                {IMPORT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-semibold">
            Tệp CSV (UTF-8, tối đa {maxBytesLabel})
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={running}
            aria-invalid={fileError ? true : undefined}
            aria-describedby="import-file-error"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="mt-1 block w-full max-w-md text-sm file:mr-3 file:rounded file:border file:border-slate-500 file:bg-white file:px-3 file:py-2"
          />
          <p id="import-file-error" aria-live="polite" className="text-sm font-semibold text-red-800">
            {fileError}
          </p>
        </div>
        <button type="submit" disabled={running} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {running ? "Đang nạp…" : "Nạp tệp"}
        </button>
      </form>
      {upload.state === "running" ? <ProgressPanel sent={upload.sent} total={upload.total} server={upload.server} /> : null}
      {upload.state === "error" ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-2 font-semibold text-red-900">
          {upload.message}
        </p>
      ) : null}
      {result ? <ImportResultPanel result={result} /> : null}
    </div>
  );
}

function ProgressPanel({ sent, total, server }: { sent: number; total: number; server: ImportProgress | null }) {
  // Before the server reports, the upload's own progress stands in (bytes sent).
  const progress: ImportProgress = server ?? { phase: "reading", bytesRead: sent, bytesTotal: total, rows: 0, rowsRejected: 0, elapsedMs: 0, importId: null };
  const view = progressView(progress);
  const percent = view.percent;
  return (
    <section aria-labelledby="import-progress-label" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-progress">
      <p id="import-progress-label" className="font-semibold" aria-live="polite">
        {IMPORT_PHASE_LABELS[progress.phase]}
        {progress.importId !== null ? ` (lần nhập #${progress.importId})` : ""}
      </p>
      <progress
        className="h-4 w-full"
        max={100}
        value={percent ?? undefined}
        aria-labelledby="import-progress-label"
        aria-valuetext={percent === null ? "đang xử lý" : `${percent}%`}
        data-testid="import-progress-bar"
      />
      <p className="text-sm tabular-nums" data-testid="import-progress-text">
        {percent === null ? "" : `${percent}% · `}
        {progress.bytesTotal === null ? formatBytes(progress.bytesRead) : `${formatBytes(progress.bytesRead)} / ${formatBytes(progress.bytesTotal)}`}
        {` · ${formatCount(progress.rows)} dòng`}
        {view.rowsPerSecond === null ? "" : ` · ${formatCount(view.rowsPerSecond)} dòng/giây`}
        {view.secondsLeft === null || progress.phase !== "reading" ? "" : ` · còn khoảng ${formatDuration(view.secondsLeft)}`}
        {progress.rowsRejected > 0 ? ` · ${formatCount(progress.rowsRejected)} dòng có lỗi` : ""}
      </p>
    </section>
  );
}
