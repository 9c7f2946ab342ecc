import { useTranslations } from "next-intl";
import { PLACEHOLDERS, type DispatchTemplate, type Placeholder } from "@/lib/domain/dispatch-template";

// The lines as the (Vietnamese) dispatch prints them: document text, Vietnamese in every interface language.
const numberLine = (number: string, symbol: string) => `Số: ${number}/${symbol}`;
const dateLine = (place: string) => `${place}, ngày … tháng … năm …`;

// What a district's draft will say, without its figures: the header, the number, the date line,
// the addressees, the recipients and the signer, as the district's template resolves them (its own
// fields, the city's default, the unit's name and wards). The date is the Bluezone day chosen at
// download, so it is shown as "ngày … tháng … năm …".

export function DispatchTemplatePreview({
  districtName,
  template,
  placeholders,
}: {
  districtName: string;
  template: DispatchTemplate;
  placeholders: { readonly [P in Placeholder]: string };
}) {
  const t = useTranslations("admin.dispatch");
  const number = template.documentNumber === "" ? "…" : template.documentNumber;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("preview.authority")}</dt>
        <dd>
          {template.authorityParent} / <strong>{template.authorityName}</strong>
        </dd>
        <dt className="font-semibold">{t("preview.number")}</dt>
        <dd lang="vi">{numberLine(number, template.documentSymbol)}</dd>
        <dt className="font-semibold">{t("preview.placeDate")}</dt>
        <dd lang="vi">{dateLine(template.place)}</dd>
        <dt className="font-semibold">{t("preview.addressees")}</dt>
        <dd>
          <ul>
            {template.addressees.map((a) => (
              <li key={a}>- {a}</li>
            ))}
          </ul>
        </dd>
        <dt className="font-semibold">{t("preview.recipients")}</dt>
        <dd>
          <ul>
            {template.recipients.map((r) => (
              <li key={r}>- {r}</li>
            ))}
          </ul>
        </dd>
        <dt className="font-semibold">{t("preview.signer")}</dt>
        <dd>
          {template.signerTitles.join(" / ")} — {template.signerName === "" ? <em>{t("preview.signByHand")}</em> : template.signerName}
        </dd>
      </dl>
      <div>
        <p className="font-semibold">{t("preview.placeholders", { district: districtName })}</p>
        <ul className="list-disc pl-5">
          {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
            <li key={p}>
              <code>{`{${p}}`}</code> → “{placeholders[p]}” <span className="text-slate-700">({PLACEHOLDERS[p]})</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
