import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CHANGE_PASSWORD_PATH, getPasswordChangeAccount } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// The signed-in user's password. An account created in bulk (or whose password an admin reset)
// is sent here by every page until it has chosen its own password; its session can do nothing
// else (lib/auth/session.ts). Anyone signed in may also come here to change their password.

export const metadata: Metadata = { title: "Đổi mật khẩu" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const account = await getPasswordChangeAccount();
  if (!account) redirect(`/login?callbackUrl=${encodeURIComponent(CHANGE_PASSWORD_PATH)}`);
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold">Đổi mật khẩu</h1>
      <p className="mt-1 text-slate-700">
        Tài khoản <strong>{account.username}</strong> ({account.displayName})
      </p>
      {account.mustChange ? (
        <p role="status" data-testid="must-change-password" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          Bạn đang dùng mật khẩu ban đầu do quản trị viên cấp. Hãy đặt mật khẩu của riêng bạn trước khi làm việc khác.
        </p>
      ) : null}
      <p className="mt-3 mb-4 text-slate-700">
        Mật khẩu mới cần ít nhất {PASSWORD_MIN_LENGTH} ký tự, không chứa tên đăng nhập và khác mật khẩu hiện tại. Sau khi đổi, mọi
        phiên đăng nhập khác của tài khoản sẽ kết thúc.
      </p>
      <ChangePasswordForm username={account.username} />
      {account.mustChange ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <SignOutButton variant="plain" />
        </div>
      ) : (
        <p className="mt-4 border-t border-slate-200 pt-4">
          <Link href="/account" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            Số điện thoại liên hệ
          </Link>
        </p>
      )}
    </section>
  );
}
