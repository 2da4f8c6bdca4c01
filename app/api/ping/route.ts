export const dynamic = "force-dynamic";

const pong = () => Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });

// GET /api/ping – liveness without touching the database (load balancers; the benchmarks' ceiling)
export const GET = pong;

// POST /api/ping – the same, for POST probes; the body, if any, is ignored
export const POST = pong;
