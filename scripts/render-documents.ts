// Renders the demo's documents for a look at their layout (scripts/render-documents.sh runs it and
// then LibreOffice and pdftoppm): the draft dispatch of Quận Hoàn Kiếm for 17/8/2021 (DOCX and
// PDF) and its district report PDF of 14/8/2021, from the demo data loaded into an embedded
// database of its own (a temporary folder; ./.data is not touched).
//
//   npx tsx --conditions=react-server scripts/render-documents.ts OUT_DIR
//
// The data layer is 'server-only': the "react-server" condition makes that marker module empty.
// The documents are read through the gate as an admin would download them (an admin of the
// script, not an account of the database).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? "document-renders");
  fs.mkdirSync(out, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-render-"));
  process.env.WARDWATCH_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;

  const { closeDatabase, getDatabase } = await import("../lib/db.ts");
  const { loadDemo } = await import("../prisma/seed/load.ts");
  const { getDispatchData, getDistrictReportData } = await import("../lib/data/dispatch.ts");
  const { buildDispatchDocument } = await import("../lib/domain/dispatch-text.ts");
  const { renderDispatchDocx } = await import("../lib/documents/dispatch/docx.ts");
  const { renderDispatchPdf } = await import("../lib/documents/dispatch/pdf.ts");
  const { renderDistrictReportPdf } = await import("../lib/documents/pdf/district-report.ts");
  type SessionUser = import("../lib/permissions.ts").SessionUser;
  const admin: SessionUser = { id: 0, username: "render-documents", displayName: "Kiểm tra trình bày", role: "ADMIN", unitCode: null, districtCode: null };

  try {
    console.log(`[render] Nạp dữ liệu mẫu vào ${dataDir} …`);
    await loadDemo((await getDatabase()).prisma);
    const { template, figures } = await getDispatchData(admin, { districtCode: "002", installDay: "2021-08-17", qrDay: "2021-08-14" });
    const dispatch = buildDispatchDocument(template, figures);
    fs.writeFileSync(path.join(out, "cong-van.docx"), await renderDispatchDocx(dispatch));
    fs.writeFileSync(path.join(out, "cong-van.pdf"), await renderDispatchPdf(dispatch));
    const now = new Date();
    const { overview, alerts } = await getDistrictReportData(admin, { districtCode: "002", day: "2021-08-14" }, now);
    const report = await renderDistrictReportPdf({ dashboard: overview.dashboard, alerts, generatedAt: now, generatedBy: admin.displayName, nouns: overview.nouns });
    fs.writeFileSync(path.join(out, "bao-cao-quan.pdf"), report);
    console.log(`[render] Đã ghi cong-van.docx, cong-van.pdf, bao-cao-quan.pdf vào ${out}`);
  } finally {
    await closeDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`[render] Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
