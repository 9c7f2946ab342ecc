"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { applyCodeListAction, previewCodeListAction, type CodeListApplyResult, type CodeListPreviewResult } from "@/lib/actions/units";
import { addDays, isIsoDay } from "@/lib/domain/days";
import { formatCount, formatDay } from "@/lib/domain/format";
import { LEVEL_LABELS, type CodeListIssue } from "@/lib/domain/unit-changes";
import { buttonClass, ErrorText, inputClass } from "./fields";
import { DateField } from "@/components/ui/date-field";

// A new code list in three steps: choose the file, the day it takes effect and its scope, and
// preview (every problem with its line, or what it adds, renames, retypes, moves and closes); then
// apply exactly that preview, with a reason. The server parses the file again and refuses if the
// outcome differs from the preview (another change in between).

type Preview = Extract<CodeListPreviewResult, { ok: true }>["data"];
type Refusal = { message: string; issues: CodeListIssue[]; issueCount: number };

const cell = "py-1 pr-3 align-top";

function Table({ caption, headers, rows, total, testId }: { caption: string; headers: string[]; rows: ReactNode[][]; total: number; testId: string }) {
  if (total === 0) return null;
  return (
    <section className="space-y-1" data-testid={testId}>
      <h3 className="font-semibold">
        {caption}: {formatCount(total)}
      </h3>
      <div className="max-h-80 overflow-auto rounded border border-slate-200">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              {headers.map((h) => (
                <th key={h} scope="col" className={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="border-b border-slate-100">
                {r.map((c, j) => (
                  <td key={j} className={cell}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length ? <p className="text-sm text-slate-700">Hiện {formatCount(rows.length)} dòng đầu trong {formatCount(total)}.</p> : null}
    </section>
  );
}

function PreviewView({ preview }: { preview: Preview }) {
  const c = preview.counts;
  return (
    <div className="space-y-4">
      <p>
        Tệp có {formatCount(c.listed)} đơn vị; {formatCount(c.unchanged)} giữ nguyên. Áp dụng từ ngày {formatDay(preview.effectiveOn)} (các đơn vị thôi
        hiệu lực còn hiệu lực đến hết ngày {formatDay(addDays(preview.effectiveOn, -1))}),{" "}
        {preview.scope === "country" ? "cho cả nước" : "cho các tỉnh, thành phố có trong tệp"}.
      </p>
      <ul className="grid gap-1 sm:grid-cols-2" data-testid="code-list-counts">
        <li>Thêm mới: {formatCount(c.adds)}</li>
        <li>Đổi tên: {formatCount(c.renames)}</li>
        <li>Đổi loại: {formatCount(c.typeChanges)}</li>
        <li>Đổi đơn vị cấp trên: {formatCount(c.parentChanges)}</li>
        <li>Thôi hiệu lực (không có trong tệp): {formatCount(c.closes)}</li>
      </ul>
      <Table
        caption="Thêm mới"
        testId="preview-adds"
        headers={["Dòng", "Mã", "Tên", "Cấp", "Loại", "Cấp trên"]}
        total={c.adds}
        rows={preview.adds.map((a) => [a.line, a.code, a.name, LEVEL_LABELS[a.level], a.type ?? "—", a.parentCode ?? "—"])}
      />
      <Table
        caption="Đổi tên"
        testId="preview-renames"
        headers={["Dòng", "Mã", "Tên cũ", "Tên mới"]}
        total={c.renames}
        rows={preview.renames.map((r) => [r.line, r.code, r.before, r.after])}
      />
      <Table
        caption="Đổi loại"
        testId="preview-types"
        headers={["Dòng", "Mã", "Tên", "Loại cũ", "Loại mới"]}
        total={c.typeChanges}
        rows={preview.typeChanges.map((t) => [t.line, t.code, t.name, t.before ?? "—", t.after ?? "—"])}
      />
      <Table
        caption="Đổi đơn vị cấp trên"
        testId="preview-parents"
        headers={["Dòng", "Mã", "Tên", "Cấp trên cũ", "Cấp trên mới"]}
        total={c.parentChanges}
        rows={preview.parentChanges.map((p) => [p.line, p.code, p.name, p.before ?? "—", p.after ?? "—"])}
      />
      <Table
        caption="Thôi hiệu lực"
        testId="preview-closes"
        headers={["Mã", "Tên", "Cấp", "Cấp trên"]}
        total={c.closes}
        rows={preview.closes.map((x) => [x.code, x.name, LEVEL_LABELS[x.level], x.parentCode ?? "—"])}
      />
    </div>
  );
}

function IssueList({ refusal }: { refusal: Refusal }) {
  return (
    <section aria-labelledby="code-list-issues-heading" className="rounded border border-red-300 bg-white p-4" data-testid="code-list-issues">
      <h2 id="code-list-issues-heading" className="text-lg font-semibold text-red-800">
        {refusal.message}
      </h2>
      {refusal.issues.length > 0 ? (
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Các lỗi của danh mục</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={cell}>
                  Dòng
                </th>
                <th scope="col" className={cell}>
                  Mã
                </th>
                <th scope="col" className={cell}>
                  Lỗi
                </th>
              </tr>
            </thead>
            <tbody>
              {refusal.issues.map((e, i) => (
                <tr key={i} className="border-b border-slate-100">
                  <td className={cell}>{e.line ?? "—"}</td>
                  <td className={`${cell} font-mono`}>{e.code || "—"}</td>
                  <td className={cell}>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {refusal.issueCount > refusal.issues.length ? <p className="mt-2 text-sm">… và {formatCount(refusal.issueCount - refusal.issues.length)} lỗi khác.</p> : null}
    </section>
  );
}

export function CodeListImport({ today }: { today: string }) {
  const hydrated = useHydrated();
  const id = useId();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [day, setDay] = useState(today);
  const [scope, setScope] = useState<"country" | "provinces">("provinces");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState("");
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();

  function clear() {
    setPreview(null);
    setRefusal(null);
    setErrors({});
    setMessage("");
    setDone(false);
  }

  function show(result: CodeListPreviewResult | CodeListApplyResult) {
    if (result.ok) return;
    if ("issues" in result) {
      setRefusal({ message: result.message, issues: result.issues, issueCount: result.issueCount });
      setPreview(null);
    } else {
      setErrors(result.fieldErrors ?? {});
    }
    setMessage(result.message);
  }

  function onPreview(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMessage("Chọn tệp danh mục trước.");
      return;
    }
    const form = new FormData();
    form.set("file", file);
    form.set("effectiveOn", day);
    form.set("scope", scope);
    clear();
    start(async () => {
      const result = await previewCodeListAction(form);
      if (result.ok) {
        setPreview(result.data);
        setMessage("Đã đọc danh mục: xem trước các thay đổi dưới đây.");
      } else show(result);
    });
  }

  function onApply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || !preview) return;
    const reason = new FormData(event.currentTarget).get("reason");
    const form = new FormData();
    form.set("file", file);
    form.set("effectiveOn", preview.effectiveOn);
    form.set("scope", preview.scope);
    form.set("planDigest", preview.planDigest);
    form.set("reason", typeof reason === "string" ? reason : "");
    start(async () => {
      const result = await applyCodeListAction(form);
      if (result.ok) {
        setPreview(null);
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
        setDone(true);
        setMessage(result.data.message);
        router.refresh();
      } else show(result);
    });
  }

  const changes = preview ? preview.counts.adds + preview.counts.renames + preview.counts.typeChanges + preview.counts.parentChanges + preview.counts.closes : 0;

  return (
    <div className="space-y-4">
      <form onSubmit={onPreview} noValidate className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label="Xem trước danh mục mới">
        <div>
          <label htmlFor={`${id}-file`} className="block font-semibold">
            Tệp danh mục (CSV)
          </label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${id}-file-error`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              clear();
            }}
            className="mt-1 block w-full text-base"
          />
          <ErrorText id={`${id}-file-error`} errors={errors.file} />
        </div>
        <div>
          <DateField
            id={`${id}-day`}
            label="Có hiệu lực từ ngày"
            defaultValue={today}
            required
            onDayChange={(d) => {
              setDay(d);
              clear();
            }}
            errors={errors.effectiveOn}
            describedBy={`${id}-day-hint`}
            labelClassName="block font-semibold"
          />
          <span id={`${id}-day-hint`} className="block text-sm text-slate-700">
            {isIsoDay(day) ? `Đơn vị không có trong tệp còn hiệu lực đến hết ngày ${formatDay(addDays(day, -1))}.` : "Chọn ngày (ngày/tháng/năm)."}
          </span>
        </div>
        <fieldset>
          <legend className="font-semibold">Phạm vi</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="provinces" checked={scope === "provinces"} onChange={() => {
                setScope("provinces");
                clear();
              }} className="h-5 w-5" />
            Chỉ các tỉnh, thành phố có trong tệp (đơn vị của tỉnh khác giữ nguyên)
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="country" checked={scope === "country"} onChange={() => {
                setScope("country");
                clear();
              }} className="h-5 w-5" />
            Cả nước (mọi đơn vị không có trong tệp thôi hiệu lực)
          </label>
        </fieldset>
        <button type="submit" disabled={!hydrated || pending || !file} className={buttonClass}>
          {pending && !preview ? "Đang đọc…" : "Xem trước"}
        </button>
        <p aria-live="polite" role="status" className={`min-h-6 font-semibold ${done ? "text-green-900" : ""}`} data-testid="code-list-message">
          {message}
        </p>
      </form>

      {refusal ? <IssueList refusal={refusal} /> : null}

      {preview ? (
        <section aria-labelledby={`${id}-preview-heading`} className="space-y-4 rounded border border-slate-200 bg-white p-4">
          <h2 id={`${id}-preview-heading`} className="text-lg font-semibold">
            Xem trước: {formatCount(changes)} thay đổi
          </h2>
          <PreviewView preview={preview} />
          {changes > 0 ? (
            <form onSubmit={onApply} noValidate className="space-y-2" aria-label="Áp dụng danh mục">
              <div>
                <label htmlFor={`${id}-reason`} className="block font-semibold">
                  Lý do, căn cứ
                </label>
                <textarea id={`${id}-reason`} name="reason" required minLength={5} maxLength={500} rows={2} aria-describedby={`${id}-reason-error`} className={inputClass} />
                <ErrorText id={`${id}-reason-error`} errors={errors.reason} />
              </div>
              <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
                {pending ? "Đang áp dụng…" : `Áp dụng ${formatCount(changes)} thay đổi`}
              </button>
            </form>
          ) : (
            <p>Danh mục trùng với các đơn vị đang có: không có gì để áp dụng.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
