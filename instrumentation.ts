// Runs once when the server starts: validate settings, connect (or start the embedded
// PostgreSQL) and migrate before the first request rather than during it (lib/server/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startApp } = await import("@/lib/server/start");
    await startApp();
  }
}
