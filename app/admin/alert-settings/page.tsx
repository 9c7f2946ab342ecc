import { permanentRedirect } from "next/navigation";

// The settings page moved to /admin/settings (issue 13: it holds every setting, not only the
// alerts'); old bookmarks and links get a permanent redirect (308).
export default function AlertSettingsMoved(): never {
  permanentRedirect("/admin/settings");
}
