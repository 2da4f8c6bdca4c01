// Runs once when the server starts: validate settings, connect (or start the embedded
// PostgreSQL) and migrate before the first request rather than during it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  const settings = env();
  const { db } = await import("@/lib/db/client");
  const started = Date.now();
  await db();
  console.log(`Database ready in ${Date.now() - started} ms${settings.DATABASE_URL ? "" : ` (embedded PostgreSQL in ${settings.dataDir})`}`);
  const { startIngestWorker } = await import("@/lib/server/heartbeat/offload");
  await startIngestWorker();
  // The production server (scripts/server.mjs) answers heartbeats through this, ahead of the router.
  const { HEARTBEAT_FRONT, serveHeartbeat } = await import("@/lib/server/heartbeat/front");
  (globalThis as Record<symbol, unknown>)[HEARTBEAT_FRONT] = serveHeartbeat;
  if (settings.SCHEDULER === "on") {
    const { startScheduler } = await import("@/lib/server/jobs/scheduler");
    startScheduler();
  }
}
