import type { Role } from "@/lib/permissions";
import type { NavLink } from "./main-nav";

/** The menu of each role (what the pages themselves allow; hiding is only a convenience). */
export function navLinksFor(role: Role): NavLink[] {
  const links: NavLink[] = [{ href: "/", label: "Tổng quan" }];
  if (role === "WARD_CHAIR" || role === "ADMIN") links.push({ href: "/entry", label: "Nhập báo cáo" });
  if (role === "CITY_OFFICIAL") links.push({ href: "/city", label: "Xếp hạng quận, huyện" });
  links.push({ href: "/reports", label: "Tình hình báo cáo" });
  links.push({ href: "/alerts", label: "Cảnh báo" });
  links.push({ href: "/exports", label: "Xuất dữ liệu" });
  if (role === "ADMIN" || role === "DISTRICT_OFFICIAL" || role === "CITY_OFFICIAL") links.push({ href: "/admin/audit", label: "Nhật ký thay đổi" });
  if (role === "ADMIN") {
    links.push({ href: "/admin/imports", label: "Nhập dữ liệu" });
    links.push({ href: "/admin/targets", label: "Mục tiêu" });
    links.push({ href: "/admin/settings", label: "Cài đặt" });
    links.push({ href: "/admin/dispatch-template", label: "Mẫu công văn" });
    links.push({ href: "/admin/users", label: "Tài khoản" });
    links.push({ href: "/admin/sign-in-blocks", label: "Chặn đăng nhập" });
  }
  links.push({ href: "/account/password", label: "Đổi mật khẩu" });
  return links;
}
