import { getTranslations } from "@/i18n/server";
import { DateField } from "@/components/ui/date-field";

// A plain GET form to the dispatch download (no script needed): the district, the Bluezone day,
// the QR day and the format. Empty days mean the latest day whose district figures are whole; a
// day whose figures sum only some wards is refused with what is missing (docs/dispatch.md).

const FIELD = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

export async function DispatchDownloadForm({ districts, selected }: { districts: readonly { code: string; name: string }[]; selected?: string }) {
  const t = await getTranslations("admin.dispatch");
  return (
    <form method="get" action="/api/exports/dispatch" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <div>
        <label htmlFor="download-district" className="block text-sm font-semibold">
          {t("district")}
        </label>
        <select id="download-district" name="district" required className={FIELD} defaultValue={selected ?? districts[0]?.code}>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name} ({d.code})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="download-format" className="block text-sm font-semibold">
          {t("format")}
        </label>
        <select id="download-format" name="format" className={FIELD} defaultValue="docx">
          <option value="docx">Word (DOCX)</option>
          <option value="pdf">PDF</option>
        </select>
      </div>
      <DateField id="download-install-day" name="installDay" label={t("installDay")} describedBy="download-days-hint" labelClassName="block text-sm font-semibold" />
      <DateField id="download-qr-day" name="qrDay" label={t("qrDay")} describedBy="download-days-hint" labelClassName="block text-sm font-semibold" />
      <p id="download-days-hint" className="text-sm text-slate-700 sm:col-span-2">
        {t("daysHint")}
      </p>
      <div className="sm:col-span-2">
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
        >
          {t("download")}
        </button>
      </div>
    </form>
  );
}
