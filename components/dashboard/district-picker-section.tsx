import { getViewableDistricts } from "@/lib/data/districts";
import { districtPickerGroups, pickerNoun } from "@/lib/domain/district-picker";
import type { SessionUser } from "@/lib/permissions";
import { DistrictPicker } from "./district-picker";

// The district picker for the signed-in viewer: the districts they may see, read on the server
// (lib/data/districts.ts getViewableDistricts) and sent with the page. Nothing for a viewer who may
// see one district only (a district official, a ward chair): they stay on their own.
export async function DistrictPickerSection({
  viewer,
  current,
  action,
  submitLabel,
  hidden,
}: {
  viewer: SessionUser;
  current: string;
  action: string;
  submitLabel: string;
  hidden?: readonly (readonly [string, string])[];
}) {
  const districts = await getViewableDistricts(viewer);
  if (districts.length <= 1) return null;
  return (
    <DistrictPicker
      groups={districtPickerGroups(districts)}
      current={current}
      noun={pickerNoun(districts)}
      action={action}
      submitLabel={submitLabel}
      hidden={hidden}
    />
  );
}
