import postgres from "postgres";
import { env } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { migrate } from "./migrate";

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

type DbState = { sql: Sql; url: string; embedded?: EmbeddedServer };

// One pool per process, kept on globalThis so `next dev` module reloads reuse it.
const globalForDb = globalThis as typeof globalThis & { __fleetDb?: Promise<DbState> };

function usesTransactionPooler(url: string): boolean {
  const parsed = new URL(url);
  return parsed.port === "6543" || parsed.hostname.includes("pooler.supabase.com");
}

/** DATABASE_URL, or the URL of the embedded server (started here unless another process runs it). */
export async function resolveDatabase(): Promise<{ url: string; embedded?: EmbeddedServer }> {
  const settings = env();
  if (settings.DATABASE_URL) return { url: settings.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: settings.dataDir,
    fast: process.env.EMBEDDED_PG_FAST === "1",
    log: settings.LOG_LEVEL === "debug" ? (line) => console.log(`[postgres] ${line}`) : undefined,
  });
  return { url: embedded.url, embedded };
}

export function createPool(url: string, max = env().DATABASE_POOL_MAX): Sql {
  return postgres(url, {
    max,
    prepare: env().DATABASE_PREPARE ?? !usesTransactionPooler(url),
    idle_timeout: 60,
    connect_timeout: 15,
    onnotice: () => {},
    connection: { application_name: "openclaw-fleet" },
  });
}

async function connect(): Promise<DbState> {
  const { url, embedded } = await resolveDatabase();
  const sql = createPool(url);
  await migrate(sql);
  const { syncPriceCatalogue } = await import("@/lib/server/costs/catalogue-sync");
  await syncPriceCatalogue(sql);
  if (embedded?.owned) registerShutdown(sql, embedded);
  return { sql, url, embedded };
}

function registerShutdown(sql: Sql, embedded: EmbeddedServer) {
  const stop = async () => {
    await sql.end({ timeout: 2 }).catch(() => {});
    await embedded.stop().catch(() => {});
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(0)));
  }
}

/** The connection pool, connecting (and starting the embedded server) on first use. */
export async function db(): Promise<Sql> {
  globalForDb.__fleetDb ??= connect().catch((error: unknown) => {
    globalForDb.__fleetDb = undefined;
    throw error;
  });
  return (await globalForDb.__fleetDb).sql;
}

/** The URL the pool connects to (after connecting, so the embedded server is running and migrated). */
export async function databaseUrl(): Promise<string> {
  await db();
  return (await (globalForDb.__fleetDb as Promise<DbState>)).url;
}

/**
 * Uses a database that another thread of this process has already connected and migrated, with a
 * pool of its own (worker threads do not share the main thread's connections).
 */
export function configureDatabase(url: string, max: number): void {
  globalForDb.__fleetDb = Promise.resolve({ sql: createPool(url, max), url });
}

/** Closes the pool and stops the embedded server when this process started it. */
export async function closeDb(): Promise<void> {
  const state = await globalForDb.__fleetDb?.catch(() => undefined);
  globalForDb.__fleetDb = undefined;
  if (!state) return;
  await state.sql.end({ timeout: 5 });
  if (state.embedded?.owned) await state.embedded.stop();
}
