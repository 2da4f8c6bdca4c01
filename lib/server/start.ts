type Started = { resolve: () => void; reject: (reason: string) => void };
const STARTED = Symbol.for("openclaw-fleet.started");

/**
 * The app's start-up: settings, database (embedded or DATABASE_URL) and migrations, the ingest
 * worker and front, the scheduler. Our own server (scripts/server.mjs) waits for it before it
 * listens and, if it fails, prints the reason and exits; elsewhere (next dev, a platform's runtime)
 * a failure goes to Next.js as it is.
 */
export async function startApp(): Promise<void> {
  const server = global()[STARTED] as Started | undefined;
  try {
    await start();
    server?.resolve();
  } catch (error) {
    if (!server) throw error;
    server.reject(error instanceof Error ? error.message : String(error));
  }
}

async function start() {
  const { env } = await import("@/lib/env");
  const settings = env();
  const { db } = await import("@/lib/db/client");
  const started = Date.now();
  await db().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      settings.DATABASE_URL
        ? `DATABASE_URL: cannot use the database (${reason})`
        : `The embedded PostgreSQL in ${settings.dataDir} could not be started or migrated (${reason})`,
    );
  });
  const { assertRealtimeReady } = await import("./realtime/ready");
  await assertRealtimeReady(await db());
  console.log(`Database ready in ${Date.now() - started} ms${settings.DATABASE_URL ? "" : ` (embedded PostgreSQL in ${settings.dataDir})`}`);
  const { startIngestWorker } = await import("./heartbeat/offload");
  await startIngestWorker();
  // The production server (scripts/server.mjs) answers heartbeats through this, ahead of the router.
  const { HEARTBEAT_FRONT, serveHeartbeat } = await import("./heartbeat/front");
  global()[HEARTBEAT_FRONT] = serveHeartbeat;
  if (settings.SCHEDULER === "on") {
    const { startScheduler } = await import("./jobs/scheduler");
    startScheduler();
  }
}

const global = () => globalThis as Record<symbol, unknown>;
