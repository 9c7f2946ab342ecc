import { PageMessages } from "@/components/i18n/page-messages";
import type { AlertThresholds } from "@/lib/domain/alerts/types";
import { ThresholdsFormFields } from "./thresholds-form-fields";

// The alert thresholds form (admins, /admin/settings), with the words it translates in the browser:
// only the "alerts.thresholds" group travels with the page that shows the form.
export function ThresholdsForm({ thresholds }: { thresholds: AlertThresholds }) {
  return (
    <PageMessages namespaces={["alerts.thresholds"]}>
      <ThresholdsFormFields thresholds={thresholds} />
    </PageMessages>
  );
}
