import type { Metadata } from "next";
import { ClearSignInBlockButton } from "@/components/auth/clear-sign-in-block-button";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import type { SignInBlock } from "@/lib/auth/sign-in-blocks";
import { getSignInBlocks } from "@/lib/data/sign-in-blocks";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";

export const metadata: Metadata = { title: "Chặn đăng nhập" };
export const dynamic = "force-dynamic";

const SCOPE_LABELS: Record<SignInBlock["scope"], string> = {
  pair: "Tài khoản từ một địa chỉ",
  account: "Tài khoản (từ địa chỉ mới)",
  address: "Địa chỉ (mọi tài khoản)",
};

// Admins: the sign-in blocks in force (lib/auth/throttle.ts) and a button to clear each, audited.
export default async function SignInBlocksPage() {
  const user = await requireRole(["ADMIN"], "/admin/sign-in-blocks");
  const blocks = await orDeny(() => getSignInBlocks(user));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Chặn đăng nhập</h1>
      <p className="max-w-3xl text-slate-700">
        Sau nhiều lần nhập sai mật khẩu, WardWatch tạm chặn đăng nhập trong 15 phút: một tài khoản từ một địa chỉ (sau 5 lần sai), một tài khoản từ các
        địa chỉ chưa từng đăng nhập thành công vào tài khoản đó (sau 10 lần sai), hoặc một địa chỉ với mọi tài khoản (sau 30 lần sai). Gỡ chặn khi chắc chắn
        người bị chặn là chủ tài khoản; việc gỡ chặn được ghi vào nhật ký thay đổi.
      </p>
      {blocks.length === 0 ? (
        <p role="status" data-testid="no-blocks" className="rounded border border-slate-200 bg-white p-4">
          Hiện không có lệnh chặn nào.
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">Các lệnh chặn đăng nhập đang có hiệu lực</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">Loại</th>
              <th scope="col" className="p-2">Tên đăng nhập</th>
              <th scope="col" className="p-2">Địa chỉ</th>
              <th scope="col" className="p-2 text-right">Số lần sai</th>
              <th scope="col" className="p-2">Chặn đến</th>
              <th scope="col" className="p-2"><span className="sr-only">Thao tác</span></th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((b) => (
              <tr key={`${b.scope}|${b.username}|${b.ip}`} className="border-b border-slate-200" data-testid="sign-in-block">
                <td className="p-2">{SCOPE_LABELS[b.scope]}</td>
                <td className="p-2 font-mono">{b.username || "—"}</td>
                <td className="p-2 font-mono">{b.ip || "—"}</td>
                <td className="p-2 text-right">{b.failures.toLocaleString("vi-VN")}</td>
                <td className="p-2">{formatVietnamDateTime(b.blockedUntil)}</td>
                <td className="p-2">
                  <ClearSignInBlockButton block={{ scope: b.scope, username: b.username, ip: b.ip }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
