import type { Role } from "@/lib/permissions";
import type { NavLink } from "./main-nav";

/** The admin's pages, grouped under one disclosure so the menu stays on one line. */
export const ADMIN_GROUP = "Quản trị";

/** The menu of each role (what the pages themselves allow; hiding is only a convenience). */
export function navLinksFor(role: Role): NavLink[] {
  const links: NavLink[] = [{ href: "/", label: "Tổng quan" }];
  if (role === "WARD_CHAIR" || role === "ADMIN") links.push({ href: "/entry", label: "Nhập báo cáo" });
  if (role === "CITY_OFFICIAL") links.push({ href: "/city", label: "Xếp hạng quận, huyện" });
  links.push({ href: "/reports", label: "Tình hình báo cáo" });
  links.push({ href: "/alerts", label: "Cảnh báo" });
  links.push({ href: "/exports", label: "Xuất dữ liệu" });
  const admin = role === "ADMIN" ? ADMIN_GROUP : undefined;
  if (role === "ADMIN" || role === "DISTRICT_OFFICIAL" || role === "CITY_OFFICIAL") links.push({ href: "/admin/audit", label: "Nhật ký thay đổi", group: admin });
  if (role === "ADMIN") {
    links.push({ href: "/admin/imports", label: "Nhập dữ liệu", group: admin });
    links.push({ href: "/admin/targets", label: "Mục tiêu", group: admin });
    links.push({ href: "/admin/settings", label: "Cài đặt", group: admin });
    links.push({ href: "/admin/dispatch-template", label: "Mẫu công văn", group: admin });
    links.push({ href: "/admin/users", label: "Tài khoản", group: admin });
    links.push({ href: "/admin/sign-in-blocks", label: "Chặn đăng nhập", group: admin });
    links.push({ href: "/admin/jobs", label: "Tác vụ định kỳ", group: admin });
  }
  links.push({ href: "/account/password", label: "Đổi mật khẩu" });
  return links;
}
