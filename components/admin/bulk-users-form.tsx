"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { createBulkUsersAction, previewBulkUsersAction, type BulkCreateResult, type BulkPreviewResult } from "@/lib/actions/users";
import type { BulkUserError } from "@/lib/auth/bulk-users";
import { initialPasswordsCsv } from "@/lib/auth/passwords-csv";
import type { BulkCreatedAccount } from "@/lib/data/users";
import { ROLE_LABELS } from "@/lib/permissions";

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
  return (
    <section aria-labelledby="bulk-errors-heading" className="rounded border border-red-300 bg-white p-4" data-testid="bulk-errors">
      <h2 id="bulk-errors-heading" className="text-lg font-semibold text-red-800">
        {refusal.message}
      </h2>
      <div className="mt-2 max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Các lỗi trong tệp (cuộn được)">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Các lỗi trong tệp</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={cell}>
                Dòng
              </th>
              <th scope="col" className={cell}>
                Cột
              </th>
              <th scope="col" className={cell}>
                Giá trị
              </th>
              <th scope="col" className={cell}>
                Lỗi
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
        <p className="mt-2 text-sm">… và {refusal.errorCount - refusal.errors.length} lỗi khác (sửa các lỗi trên rồi kiểm tra lại).</p>
      ) : null}
    </section>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Các tài khoản sẽ được tạo (cuộn được)">
      <table className="min-w-full text-left text-sm" data-testid="bulk-preview">
        <caption className="sr-only">Các tài khoản sẽ được tạo</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={cell}>
              Dòng
            </th>
            <th scope="col" className={cell}>
              Tên đăng nhập
            </th>
            <th scope="col" className={cell}>
              Họ tên
            </th>
            <th scope="col" className={cell}>
              Vai trò
            </th>
            <th scope="col" className={cell}>
              Đơn vị
            </th>
            <th scope="col" className={cell}>
              Điện thoại
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
              <td className={cell}>{ROLE_LABELS[r.role]}</td>
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
  const [downloaded, setDownloaded] = useState(false);
  return (
    <section aria-labelledby="bulk-created-heading" className="space-y-3 rounded border border-green-700 bg-white p-4" data-testid="bulk-created">
      <h2 id="bulk-created-heading" className="text-lg font-semibold text-green-900">
        Đã tạo {accounts.length} tài khoản ({seconds.toFixed(1).replace(".", ",")} giây).
      </h2>
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
        <strong>Mật khẩu ban đầu chỉ hiện một lần này</strong> và chỉ tải được một lần: WardWatch không lưu chúng ở dạng đọc được. Hãy tải
        danh sách và trao cho từng người một cách an toàn; mỗi người phải đổi mật khẩu ở lần đăng nhập đầu. Nếu mất, hãy đặt lại mật khẩu
        của tài khoản đó ở trang Tài khoản.
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
          {downloaded ? "Đã tải danh sách mật khẩu" : "Tải danh sách mật khẩu (CSV)"}
        </button>
        <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={onDone}>
          Xong, ẩn mật khẩu
        </button>
      </div>
      <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Tài khoản đã tạo và mật khẩu ban đầu (cuộn được)">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Tài khoản đã tạo và mật khẩu ban đầu</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={cell}>
                Tên đăng nhập
              </th>
              <th scope="col" className={cell}>
                Họ tên
              </th>
              <th scope="col" className={cell}>
                Đơn vị
              </th>
              <th scope="col" className={cell}>
                Mật khẩu ban đầu
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
  const hydrated = useHydrated();
  const id = useId();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
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
      setMessage("Chọn một tệp CSV trước.");
      return;
    }
    const form = new FormData();
    form.set("file", file);
    reset();
    start(async () => {
      const result = await previewBulkUsersAction(form);
      if (result.ok) {
        setPreview(result.data);
        setMessage(`Tệp hợp lệ: ${result.data.rows.length} tài khoản sẵn sàng để tạo.`);
      } else show(result);
    });
  }

  function onCreate() {
    if (!file || !preview) return;
    const form = new FormData();
    form.set("file", file);
    form.set("digest", preview.digest);
    setMessage(`Đang tạo ${preview.rows.length} tài khoản…`);
    start(async () => {
      const result = await createBulkUsersAction(form);
      if (result.ok) {
        setCreated(result.data);
        setPreview(null);
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
        setMessage(`Đã tạo ${result.data.accounts.length} tài khoản.`);
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
      <form onSubmit={onCheck} noValidate className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label="Kiểm tra tệp tài khoản">
        <div>
          <label htmlFor={`${id}-file`} className="block font-semibold">
            Tệp CSV tài khoản
          </label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
            className="mt-1 block w-full text-base"
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={!hydrated || pending || !file} className={`${button} bg-brand-700 text-white`}>
            {pending && !preview ? "Đang kiểm tra…" : "Kiểm tra tệp"}
          </button>
          <button type="button" className={`${button} border border-brand-700 text-brand-700`} onClick={() => download("tai-khoan-mau.csv", `\uFEFF${SAMPLE}\r\n`)}>
            Tải tệp mẫu
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
            Xem trước: {preview.rows.length} tài khoản ({preview.counts.DISTRICT_OFFICIAL} cán bộ quận, {preview.counts.WARD_CHAIR} chủ tịch UBND
            phường{preview.counts.CITY_OFFICIAL > 0 ? `, ${preview.counts.CITY_OFFICIAL} cán bộ thành phố` : ""})
          </h2>
          {preview.ignoredColumns.length > 0 ? (
            <p className="text-sm text-amber-900">Các cột bị bỏ qua: {preview.ignoredColumns.join(", ")}.</p>
          ) : null}
          <PreviewTable preview={preview} />
          <button type="button" disabled={pending} onClick={onCreate} className={`${button} bg-brand-700 text-white`}>
            {pending ? "Đang tạo…" : `Tạo ${preview.rows.length} tài khoản`}
          </button>
        </section>
      ) : null}
    </div>
  );
}
