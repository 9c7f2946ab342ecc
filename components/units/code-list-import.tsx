"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { applyCodeListAction, previewCodeListAction, type CodeListApplyResult, type CodeListPreviewResult } from "@/lib/actions/units";
import { addDays, isIsoDay } from "@/lib/domain/days";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import type { CodeListIssue } from "@/lib/domain/unit-changes";
import { buttonClass, ErrorText, inputClass } from "./fields";
import { DateField } from "@/components/ui/date-field";
import { FileField } from "@/components/ui/file-field";

// A new code list in three steps: choose the file, the day it takes effect and its scope, and
// preview (every problem with its line, or what it adds, renames, retypes, moves and closes); then
// apply exactly that preview, with a reason. The server parses the file again and refuses if the
// outcome differs from the preview (another change in between). Its words are the
// "units.importForm" group, which /admin/units/code-list sends with it (<PageMessages>); the
// server's problems with the file (line by line) are written by lib and shown as they come.

type Preview = Extract<CodeListPreviewResult, { ok: true }>["data"];
type Refusal = { message: string; issues: CodeListIssue[]; issueCount: number };

const cell = "py-1 pr-3 align-top";

/** The form's words and figures in the reader's language. */
function useWords() {
  const t = useTranslations("units.importForm");
  const f = figureFormats(parseLocale(useLocale()));
  return { t, f };
}

function Table({ caption, headers, rows, total, testId }: { caption: string; headers: string[]; rows: ReactNode[][]; total: number; testId: string }) {
  const { t, f } = useWords();
  if (total === 0) return null;
  return (
    <section className="space-y-1" data-testid={testId}>
      <h3 className="font-semibold">
        {t("countLine", { label: caption, count: f.count(total) })}
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
      {total > rows.length ? <p className="text-sm text-slate-700">{t("shownOf", { shown: f.count(rows.length), total: f.count(total) })}</p> : null}
    </section>
  );
}

function PreviewView({ preview }: { preview: Preview }) {
  const { t, f } = useWords();
  const c = preview.counts;
  const count = (label: string, n: number) => t("countLine", { label, count: f.count(n) });
  return (
    <div className="space-y-4">
      <p>
        {t("summary", {
          listed: f.count(c.listed),
          unchanged: f.count(c.unchanged),
          from: f.day(preview.effectiveOn),
          until: f.day(addDays(preview.effectiveOn, -1)),
          scope: preview.scope,
        })}
      </p>
      <ul className="grid gap-1 sm:grid-cols-2" data-testid="code-list-counts">
        <li>{count(t("adds"), c.adds)}</li>
        <li>{count(t("renames"), c.renames)}</li>
        <li>{count(t("typeChanges"), c.typeChanges)}</li>
        <li>{count(t("parentChanges"), c.parentChanges)}</li>
        <li>{count(t("closesCount"), c.closes)}</li>
      </ul>
      <Table
        caption={t("adds")}
        testId="preview-adds"
        headers={[t("colLine"), t("colCode"), t("colName"), t("colLevel"), t("colType"), t("colParent")]}
        total={c.adds}
        rows={preview.adds.map((a) => [a.line, a.code, a.name, t(`levels.${a.level}`), a.type ?? "—", a.parentCode ?? "—"])}
      />
      <Table
        caption={t("renames")}
        testId="preview-renames"
        headers={[t("colLine"), t("colCode"), t("colOldName"), t("colNewName")]}
        total={c.renames}
        rows={preview.renames.map((r) => [r.line, r.code, r.before, r.after])}
      />
      <Table
        caption={t("typeChanges")}
        testId="preview-types"
        headers={[t("colLine"), t("colCode"), t("colName"), t("colOldType"), t("colNewType")]}
        total={c.typeChanges}
        rows={preview.typeChanges.map((x) => [x.line, x.code, x.name, x.before ?? "—", x.after ?? "—"])}
      />
      <Table
        caption={t("parentChanges")}
        testId="preview-parents"
        headers={[t("colLine"), t("colCode"), t("colName"), t("colOldParent"), t("colNewParent")]}
        total={c.parentChanges}
        rows={preview.parentChanges.map((p) => [p.line, p.code, p.name, p.before ?? "—", p.after ?? "—"])}
      />
      <Table
        caption={t("closes")}
        testId="preview-closes"
        headers={[t("colCode"), t("colName"), t("colLevel"), t("colParent")]}
        total={c.closes}
        rows={preview.closes.map((x) => [x.code, x.name, t(`levels.${x.level}`), x.parentCode ?? "—"])}
      />
    </div>
  );
}

function IssueList({ refusal }: { refusal: Refusal }) {
  const { t, f } = useWords();
  return (
    <section aria-labelledby="code-list-issues-heading" className="rounded border border-red-300 bg-white p-4" data-testid="code-list-issues">
      <h2 id="code-list-issues-heading" className="text-lg font-semibold text-red-800">
        {refusal.message}
      </h2>
      {refusal.issues.length > 0 ? (
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("issuesCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={cell}>
                  {t("colLine")}
                </th>
                <th scope="col" className={cell}>
                  {t("colCode")}
                </th>
                <th scope="col" className={cell}>
                  {t("colError")}
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
      {refusal.issueCount > refusal.issues.length ? <p className="mt-2 text-sm">{t("moreIssues", { count: f.count(refusal.issueCount - refusal.issues.length) })}</p> : null}
    </section>
  );
}

export function CodeListImport({ today }: { today: string }) {
  const { t, f } = useWords();
  const hydrated = useHydrated();
  const id = useId();
  const router = useRouter();
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
      setMessage(t("chooseFile"));
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
        setMessage(t("read"));
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
        setDone(true);
        setMessage(result.data.message);
        router.refresh();
      } else show(result);
    });
  }

  const changes = preview ? preview.counts.adds + preview.counts.renames + preview.counts.typeChanges + preview.counts.parentChanges + preview.counts.closes : 0;

  return (
    <div className="space-y-4">
      <form onSubmit={onPreview} noValidate className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label={t("previewForm")}>
        <div>
          <FileField
            id={`${id}-file`}
            label={t("file")}
            file={file}
            onFile={(chosen) => {
              setFile(chosen);
              clear();
            }}
            invalid={(errors.file?.length ?? 0) > 0}
            describedBy={`${id}-file-error`}
          />
          <ErrorText id={`${id}-file-error`} errors={errors.file} />
        </div>
        <div>
          <DateField
            id={`${id}-day`}
            label={t("effectiveOn")}
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
            {isIsoDay(day) ? t("dayHint", { day: f.day(addDays(day, -1)) }) : t("pickDay")}
          </span>
        </div>
        <fieldset>
          <legend className="font-semibold">{t("scope")}</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="provinces" checked={scope === "provinces"} onChange={() => {
                setScope("provinces");
                clear();
              }} className="h-5 w-5" />
            {t("scopeProvinces")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="scope" value="country" checked={scope === "country"} onChange={() => {
                setScope("country");
                clear();
              }} className="h-5 w-5" />
            {t("scopeCountry")}
          </label>
        </fieldset>
        <button type="submit" disabled={!hydrated || pending || !file} className={buttonClass}>
          {pending && !preview ? t("reading") : t("preview")}
        </button>
        <p aria-live="polite" role="status" className={`min-h-6 font-semibold ${done ? "text-green-900" : ""}`} data-testid="code-list-message">
          {message}
        </p>
      </form>

      {refusal ? <IssueList refusal={refusal} /> : null}

      {preview ? (
        <section aria-labelledby={`${id}-preview-heading`} className="space-y-4 rounded border border-slate-200 bg-white p-4">
          <h2 id={`${id}-preview-heading`} className="text-lg font-semibold">
            {t("previewHeading", { count: f.count(changes) })}
          </h2>
          <PreviewView preview={preview} />
          {changes > 0 ? (
            <form onSubmit={onApply} noValidate className="space-y-2" aria-label={t("applyForm")}>
              <div>
                <label htmlFor={`${id}-reason`} className="block font-semibold">
                  {t("reason")}
                </label>
                <textarea id={`${id}-reason`} name="reason" required minLength={5} maxLength={500} rows={2} aria-describedby={`${id}-reason-error`} className={inputClass} />
                <ErrorText id={`${id}-reason-error`} errors={errors.reason} />
              </div>
              <button type="submit" disabled={!hydrated || pending} className={buttonClass}>
                {pending ? t("applying") : t("apply", { count: f.count(changes) })}
              </button>
            </form>
          ) : (
            <p>{t("nothing")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
