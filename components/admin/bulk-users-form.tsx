"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { createBulkUsersAction, previewBulkUsersAction, type BulkCreateResult, type BulkPreviewResult } from "@/lib/actions/users";
import type { BulkUserError } from "@/lib/auth/bulk-users";
import { initialPasswordsCsv } from "@/lib/auth/passwords-csv";
import type { BulkCreatedAccount } from "@/lib/data/users";
import { useTranslations } from "next-intl";
import { FileField } from "@/components/ui/file-field";

// Bulk creation in three steps: choose a file and check it (every error with line and column, or
// a preview of the accounts), create exactly the previewed file, then the initial passwords,
// shown this once and downloadable once as CSV. Nothing here is the gate: the actions check the
// role, the file and its digest again on the server.

type Preview = Extract<BulkPreviewResult, { ok: true }>["data"];
type Refusal = { message: string; errors: BulkUserError[]; errorCount: number };

const SAMPLE = [
  "username,display_name,role,unit_code,phone,email",
  "quan.badinh,Nguyễn Văn An,DISTRICT_OFFICIAL,001,0912345678,an.nv@hanoi.gov.vn",
  "phuong.phucxa,Trần Thị Bình,WARD_CHAIR,00001,,",
].join("\r\n");

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the blob holds passwords: release it as soon as the browser has it
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const button = "min-h-11 rounded px-4 py-2 font-semibold disabled:opacity-60";
const cell = "py-1 pr-3 align-top";

function ErrorList({ refusal }: { refusal: Refusal }) {
  const t = useTranslations("admin.bulk");
  return (
    <section aria-labelledby="bulk-errors-heading" className="rounded border border-red-300 bg-white p-4" data-testid="bulk-errors">
      <h2 id="bulk-errors-heading" className="text-lg font-semibold text-red-800">
        {refusal.message}
      </h2>
      <div className="mt-2 max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label={t("errorsRegion")}>
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("errorsCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={cell}>
                {t("line")}
              </th>
              <th scope="col" className={cell}>
                {t("column")}
              </th>
              <th scope="col" className={cell}>
                {t("value")}
              </th>
              <th scope="col" className={cell}>
                {t("error")}
              </th>
            </tr>
          </thead>
          <tbody>
            {refusal.errors.map((e, i) => (
              <tr key={i} className="border-b border-slate-100">
                <td className={cell}>{e.line}</td>
                <td className={`${cell} font-mono`}>{e.column ?? "—"}</td>
                <td className={`${cell} font-mono break-all`}>{e.value}</td>
                <td className={cell}>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {refusal.errorCount > refusal.errors.length ? (
        <p className="mt-2 text-sm">{t("moreErrors", { count: refusal.errorCount - refusal.errors.length })}</p>
      ) : null}
    </section>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const t = useTranslations("admin.bulk");
  const labels = useTranslations("labels");
  return (
    <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label={t("previewRegion")}>
      <table className="min-w-full text-left text-sm" data-testid="bulk-preview">
        <caption className="sr-only">{t("previewCaption")}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={cell}>
              {t("line")}
            </th>
            <th scope="col" className={cell}>
              {t("username")}
            </th>
            <th scope="col" className={cell}>
              {t("displayName")}
            </th>
            <th scope="col" className={cell}>
              {t("role")}
            </th>
            <th scope="col" className={cell}>
              {t("unit")}
            </th>
            <th scope="col" className={cell}>
              {t("phone")}
            </th>
            <th scope="col" className={cell}>
              Email
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.username} className="border-b border-slate-100">
              <td className={cell}>{r.line}</td>
              <td className={`${cell} font-mono`}>{r.username}</td>
              <td className={cell}>{r.displayName}</td>
              <td className={cell}>{labels(`roles.${r.role}`)}</td>
              <td className={cell}>
                {r.unitName} ({r.unitCode})
              </td>
              <td className={cell}>{r.phone ?? ""}</td>
              <td className={cell}>{r.email ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreatedAccounts({ accounts, seconds, onDone }: { accounts: BulkCreatedAccount[]; seconds: number; onDone: () => void }) {
  const t = useTranslations("admin.bulk");
  const [downloaded, setDownloaded] = useState(false);
  return (
    <section aria-labelledby="bulk-created-heading" className="space-y-3 rounded border border-green-700 bg-white p-4" data-testid="bulk-created">
      <h2 id="bulk-created-heading" className="text-lg font-semibold text-green-900">
        {t("createdIn", { count: accounts.length, seconds: seconds.toFixed(1).replace(".", t("decimalMark")) })}
      </h2>
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
        {t.rich("onceOnly", { strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={downloaded}
          className={`${button} bg-brand-700 text-white`}
          onClick={() => {
            download(
              `mat-khau-ban-dau-${new Date().toISOString().slice(0, 10)}.csv`,
              initialPasswordsCsv(accounts.map((a) => ({ username: a.username, displayName: a.displayName, unitCode: a.unitCode, password: a.password }))),
            );
            setDownloaded(true);
          }}
        >
          {downloaded ? t("downloaded") : t("download")}
        </button>
        <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={onDone}>
          {t("done")}
        </button>
      </div>
      <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label={t("createdRegion")}>
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{t("createdCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={cell}>
                {t("username")}
              </th>
              <th scope="col" className={cell}>
                {t("displayName")}
              </th>
              <th scope="col" className={cell}>
                {t("unit")}
              </th>
              <th scope="col" className={cell}>
                {t("initialPassword")}
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.username} className="border-b border-slate-100" data-testid={`created-${a.username}`}>
                <td className={`${cell} font-mono`}>{a.username}</td>
                <td className={cell}>{a.displayName}</td>
                <td className={cell}>{a.unitName}</td>
                <td className={`${cell} font-mono`} data-testid="initial-password">
                  {a.password}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function BulkUsersForm() {
  const t = useTranslations("admin.bulk");
  const hydrated = useHydrated();
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [created, setCreated] = useState<{ accounts: BulkCreatedAccount[]; seconds: number } | null>(null);
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();

  function reset() {
    setPreview(null);
    setRefusal(null);
    setMessage("");
  }

  function show(result: BulkPreviewResult | BulkCreateResult) {
    if ("errors" in result) {
      setRefusal({ message: result.message, errors: result.errors, errorCount: result.errorCount });
      setPreview(null);
      setMessage(result.message);
    } else if (!result.ok) {
      setMessage(result.fieldErrors?.file?.[0] ?? result.fieldErrors?.digest?.[0] ?? result.message);
    }
  }

  function onCheck(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMessage(t("chooseFile"));
      return;
    }
    const form = new FormData();
    form.set("file", file);
    reset();
    start(async () => {
      const result = await previewBulkUsersAction(form);
      if (result.ok) {
        setPreview(result.data);
        setMessage(t("valid", { count: result.data.rows.length }));
      } else show(result);
    });
  }

  function onCreate() {
    if (!file || !preview) return;
    const form = new FormData();
    form.set("file", file);
    form.set("digest", preview.digest);
    setMessage(t("creatingN", { count: preview.rows.length }));
    start(async () => {
      const result = await createBulkUsersAction(form);
      if (result.ok) {
        setCreated(result.data);
        setPreview(null);
        setFile(null);
        setMessage(t("createdN", { count: result.data.accounts.length }));
        router.refresh();
      } else show(result);
    });
  }

  if (created) {
    return (
      <CreatedAccounts
        accounts={created.accounts}
        seconds={created.seconds}
        onDone={() => {
          setCreated(null);
          setMessage("");
        }}
      />
    );
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onCheck} noValidate className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label={t("checkForm")}>
        <FileField
          id={`${id}-file`}
          label={t("file")}
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            reset();
          }}
        />
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={!hydrated || pending || !file} className={`${button} bg-brand-700 text-white`}>
            {pending && !preview ? t("checking") : t("check")}
          </button>
          <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={() => download("tai-khoan-mau.csv", `\uFEFF${SAMPLE}\r\n`)}>
            {t("sample")}
          </button>
        </div>
        <p aria-live="polite" className="min-h-6 font-semibold" data-testid="bulk-message">
          {message}
        </p>
      </form>

      {refusal ? <ErrorList refusal={refusal} /> : null}

      {preview ? (
        <section aria-labelledby="bulk-preview-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
          <h2 id="bulk-preview-heading" className="text-lg font-semibold">
            {t("preview", { count: preview.rows.length, district: preview.counts.DISTRICT_OFFICIAL, ward: preview.counts.WARD_CHAIR, city: preview.counts.CITY_OFFICIAL })}
          </h2>
          {preview.ignoredColumns.length > 0 ? (
            <p className="text-sm text-amber-900">{t("ignored", { columns: preview.ignoredColumns.join(", ") })}</p>
          ) : null}
          <PreviewTable preview={preview} />
          <button type="button" disabled={pending} onClick={onCreate} className={`${button} bg-brand-700 text-white`}>
            {pending ? t("creating") : t("createN", { count: preview.rows.length })}
          </button>
        </section>
      ) : null}
    </div>
  );
}
