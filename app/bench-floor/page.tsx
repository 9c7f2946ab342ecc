import { notFound } from "next/navigation";
import { connection } from "next/server";

// The floor of the whole-request benchmark (scripts/bench/http.ts, issue 15): a dynamic page of
// the same build, with the root layout, that reads no data. Requested without a session, it
// touches no database; what a real page costs beyond it is the page's own work. It exists only
// for a server started with WARDWATCH_BENCH_FLOOR=1 (the bench's); anywhere else it is a 404.
export const dynamic = "force-dynamic";

export default async function BenchFloorPage() {
  await connection();
  if (process.env.WARDWATCH_BENCH_FLOOR !== "1") notFound();
  return (
    <main className="p-4">
      <h1>Sàn đo hiệu năng</h1>
      <p>Trang động tối thiểu, không đọc cơ sở dữ liệu.</p>
    </main>
  );
}
