import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm } from "@/components/auth/setup-form";
import { SETUP_REFUSALS } from "@/lib/auth/first-run";
import { setupLinkState } from "@/lib/auth/setup-link";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// The one-time setup link that `npm start` prints when no admin exists (lib/auth/first-run.ts):
// the form that creates the first administrator, or why the link no longer works.

export const metadata: Metadata = { title: "Thiết lập lần đầu", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const state = await setupLinkState(token);

  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">Thiết lập lần đầu</h1>
      {state === "valid" ? (
        <>
          <p className="mt-1 mb-4 text-slate-700">
            Tạo tài khoản quản trị viên đầu tiên của WardWatch. Liên kết này chỉ dùng được một lần. Mật khẩu cần ít nhất{" "}
            {PASSWORD_MIN_LENGTH} ký tự và không chứa tên đăng nhập.
          </p>
          <SetupForm token={token} />
        </>
      ) : (
        <div role="alert" data-testid="setup-refused" className="mt-3 space-y-3">
          <p className="font-semibold text-red-800">{SETUP_REFUSALS[state]}</p>
          <Link href="/login" className="inline-block font-semibold text-brand-700 underline">
            Đến trang đăng nhập
          </Link>
        </div>
      )}
    </section>
  );
}
