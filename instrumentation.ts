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
  if (settings.SCHEDULER === "on") {
    const { startScheduler } = await import("@/lib/server/jobs/scheduler");
    startScheduler();
  }
}
