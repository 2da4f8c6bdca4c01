export const dynamic = "force-dynamic";

// GET /api/ping – liveness without touching the database (load balancers; the benchmarks' ceiling)
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
