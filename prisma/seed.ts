// `npm run db:seed [-- --reset]`: loads the demo district (Hoàn Kiếm, 19/7–17/8/2021) into the
// database WardWatch uses (DATABASE_URL, else the embedded PGlite in WARDWATCH_DATA_DIR),
// migrating it first. Without --reset an already loaded demo is left as it is.
import { openDatabase } from "../lib/db/open.ts";
import { formatCount } from "../lib/domain/format.ts";
import { dataDirectory, readEnv } from "../lib/env.ts";
import { loadDemo } from "./seed/load.ts";

const USAGE = "Cách dùng: npm run db:seed [-- --reset]";

function parseArgs(argv: readonly string[]): { reset: boolean } {
  let reset = false;
  for (const arg of argv) {
    if (arg === "--reset") reset = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(`${USAGE}\n  --reset  xoá dữ liệu mẫu đã nạp rồi nạp lại từ đầu`);
      process.exit(0);
    } else throw new Error(`Tham số không hợp lệ: ${arg}\n${USAGE}`);
  }
  return { reset };
}

async function main(): Promise<void> {
  const { reset } = parseArgs(process.argv.slice(2));
  const env = readEnv();
  const started = performance.now();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: dataDirectory(env) });
  try {
    console.log(`[seed] Cơ sở dữ liệu: ${db.kind === "embedded" ? "nhúng (PGlite) tại" : "PostgreSQL"} ${db.location}`);
    const { loaded } = await loadDemo(db.prisma, { reset, log: (m) => console.log(`[seed] ${m}`) });
    const [units, figures, venues, dayScans] = await Promise.all([
      db.prisma.unit.count(),
      db.prisma.dailyFigure.count(),
      db.prisma.venue.count(),
      db.prisma.venueDayScan.count(),
    ]);
    const took = ((performance.now() - started) / 1000).toFixed(1).replace(".", ",");
    console.log(
      `[seed] ${loaded ? "Đã nạp dữ liệu mẫu quận Hoàn Kiếm" : "Không có gì thay đổi"} (${took} s). ` +
        `Hiện có ${formatCount(units)} đơn vị hành chính, ${formatCount(figures)} số liệu ngày, ` +
        `${formatCount(venues)} địa điểm quét mã QR, ${formatCount(dayScans)} ngày-địa điểm có lượt quét.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[seed] Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
