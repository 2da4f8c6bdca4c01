import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";

export const REALTIME_SCHEMA_FIXTURE = path.join(process.cwd(), "tests", "fixtures", "supabase-realtime-schema.sql");

/**
 * A new database on the test cluster standing in for a Supabase project's: Supabase's published
 * realtime schema (tests/fixtures/supabase-realtime-schema.sql) applied, the app's migrations not yet.
 */
export async function createSupabaseDatabase(baseUrl: string, prefix = "supabase"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(baseUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(await readFile(REALTIME_SCHEMA_FIXTURE, "utf8")).simple();
  await sql.end();
  return {
    url,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
