import { NextResponse } from "next/server";
import { getPrisma, getDatabase } from "@/lib/db";

export const dynamic = "force-dynamic";

// Liveness and database reachability, for monitors and the CI smoke test. Reveals no data.
export async function GET() {
  try {
    const db = await getDatabase();
    const prisma = await getPrisma();
    await prisma.$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", database: db.kind });
  } catch (err) {
    console.error("[health]", err);
    return NextResponse.json({ status: "unavailable" }, { status: 503 });
  }
}
