import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type postgres from "postgres";

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase", "migrations");
const LOCK_KEY = 727_001; // pg_advisory_xact_lock key for the migration runner

export type MigrationResult = { applied: string[]; skipped: number };

/**
 * Applies supabase/migrations/*.sql in name order, each in its own transaction under an advisory
 * lock, recording each in schema_migrations. Safe when several processes start at once.
 */
export async function migrate(sql: postgres.Sql, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{14}_[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  let skipped = 0;
  for (const file of files) {
    const body = await readFile(path.join(dir, file), "utf8");
    const ran = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      await tx`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`;
      await tx`alter table schema_migrations enable row level security`;
      const [done] = await tx`select 1 from schema_migrations where name = ${file}`;
      if (done) return false;
      await tx.unsafe(body).simple();
      await tx`insert into schema_migrations (name) values (${file})`;
      return true;
    });
    if (ran) applied.push(file);
    else skipped++;
  }
  return { applied, skipped };
}
