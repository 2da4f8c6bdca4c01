import { supabaseRealtime } from "./settings";

/**
 * What a statement that publishes live notices adds beside its `pg_notify(channel, <notice>)` so the
 * same notices also go to Supabase Realtime, in the same transaction: in Supabase mode one more
 * column, `fleet_realtime.broadcast(<notice>)` (supabase/migrations/20261202080000_supabase_realtime.sql);
 * otherwise nothing at all. `notice` is the SQL expression of the notice's JSON text.
 */
export function alsoBroadcast(notice: string): string {
  return supabaseRealtime() ? `, fleet_realtime.broadcast(${notice})` : "";
}
