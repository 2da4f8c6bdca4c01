import { json } from "@/lib/api/respond";
import { checkDatabase } from "@/lib/server/health";

export const dynamic = "force-dynamic";

// GET /api/health – liveness and database reachability (503 when the database is down)
export async function GET() {
  const dbOk = await checkDatabase();
  return json({ ok: dbOk, db: dbOk ? "ok" : "unreachable" }, dbOk ? 200 : 503);
}
