import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type postgres from "postgres";

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase", "migrations");
const LOCK_KEY = 727_001; // pg_advisory_xact_lock key for the migration runner

export type MigrationResult = { applied: string[]; skipped: number };

/**
 * Applies supabase/migrations/*.sql in name order and records each in schema_migrations. The whole
 * run is one transaction under an advisory lock, so when several processes start at once one of
 * them applies everything and the others then find nothing to do; each migration runs in its own
 * savepoint, so a failing one is rolled back whole while those before it stay applied.
 */
export async function migrate(sql: postgres.Sql, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{14}_[\w-]+\.sql$/.test(f)).sort();
  const bodies = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
  const applied: string[] = [];
  let skipped = 0;
  let failure: unknown = null;
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`;
    await tx`alter table schema_migrations enable row level security`;
    const done = new Set((await tx<{ name: string }[]>`select name from schema_migrations`).map((r) => r.name));
    for (const [i, file] of files.entries()) {
      if (done.has(file)) {
        skipped++;
        continue;
      }
      try {
        await tx.savepoint(async (sp) => {
          await sp.unsafe(bodies[i] ?? "").simple();
          await sp`insert into schema_migrations (name) values (${file})`;
        });
      } catch (error) {
        failure = error;
        return;
      }
      applied.push(file);
    }
  });
  if (failure) throw failure;
  return { applied, skipped };
}
