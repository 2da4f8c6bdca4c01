import type { Sql } from "@/lib/db/client";
import { supabaseRealtime } from "./settings";

/**
 * In Supabase mode the live notices are broadcast with fleet_realtime.broadcast, which exists only
 * where the database has Supabase's realtime schema: without it every heartbeat would fail, so the
 * start stops here instead, saying why.
 */
export async function assertRealtimeReady(sql: Sql): Promise<void> {
  if (!supabaseRealtime()) return;
  const [row] = await sql<{ ready: boolean }[]>`select to_regprocedure('fleet_realtime.broadcast(text)') is not null as ready`;
  if (!row?.ready) {
    throw new Error(
      "SUPABASE_JWT_SECRET is set (Supabase Realtime), but the database has no Supabase realtime schema: set DATABASE_URL to the Supabase project's database, or unset the Supabase Realtime settings",
    );
  }
}
