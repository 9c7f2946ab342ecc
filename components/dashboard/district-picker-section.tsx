import { getLocale } from "next-intl/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { parseLocale } from "@/i18n/locales";
import { getViewableDistricts } from "@/lib/data/districts";
import { districtPickerGroups, pickerNoun } from "@/lib/domain/district-picker";
import type { SessionUser } from "@/lib/permissions";
import { DistrictPicker } from "./district-picker";
import { localNoun } from "./local-noun";

// The district picker for the signed-in viewer: the districts they may see, read on the server
// (lib/data/districts.ts getViewableDistricts) and sent with the page. Nothing for a viewer who may
// see one district only (a district official, a ward chair): they stay on their own.
export async function DistrictPickerSection({
  viewer,
  current,
  action,
  submitLabel,
  hidden,
  withWards = false,
}: {
  viewer: SessionUser;
  current: string;
  action: string;
  submitLabel: string;
  hidden?: readonly (readonly [string, string])[];
  /** only the districts that have wards (pages about a district's wards, such as /entry) */
  withWards?: boolean;
}) {
  const districts = await getViewableDistricts(viewer, { withWards });
  if (districts.length <= 1) return null;
  // The picker counts and filters in the browser, so its words travel with it (overview.picker only).
  return (
    <PageMessages namespaces={["overview.picker"]}>
      <DistrictPicker
        groups={districtPickerGroups(districts)}
        current={current}
        noun={localNoun(pickerNoun(districts), parseLocale(await getLocale()))}
        action={action}
        submitLabel={submitLabel}
        hidden={hidden}
      />
    </PageMessages>
  );
}
