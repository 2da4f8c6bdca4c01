import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

const base = inject("databaseUrl");
const urlFor = (database: string) => {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
};

describe("migrations", () => {
  it("apply once when several processes start at the same time, with RLS on every table", async () => {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const name = `migrate_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin.unsafe(`create database ${name}`);
    const pools = Array.from({ length: 4 }, () => postgres(urlFor(name), { max: 2, onnotice: () => {} }));
    try {
      const results = await Promise.all(pools.map((sql) => migrate(sql)));
      const appliedCounts = results.map((r) => r.applied.length);
      expect(appliedCounts.filter((n) => n > 0)).toHaveLength(1);
      const [sql] = pools;
      if (!sql) throw new Error("no pool");
      const rows = await sql<{ name: string }[]>`select name from schema_migrations`;
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      const open = await sql`
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`;
      expect(open.map((r) => r.relname)).toEqual([]);
      const index = await sql`select indexdef from pg_indexes where indexname = 'agents_team_fleet_status_idx'`;
      expect(index[0]?.indexdef).toContain("(team_id, fleet_id, status)");
      expect((await migrate(sql)).applied).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });

  it("roll back a failing migration whole", async () => {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const name = `broken_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin.unsafe(`create database ${name}`);
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(dir, "20260101000000_ok.sql"), "create table a (id int);");
    await writeFile(path.join(dir, "20260102000000_bad.sql"), "create table b (id int); select no_such_function();");
    const sql = postgres(urlFor(name), { max: 1, onnotice: () => {} });
    try {
      await expect(migrate(sql, dir)).rejects.toThrow(/no_such_function/);
      const tables = await sql`select tablename from pg_tables where schemaname = 'public' order by 1`;
      expect(tables.map((t) => t.tablename)).toEqual(["a", "schema_migrations"]);
    } finally {
      await sql.end();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("embedded PostgreSQL", () => {
  it("keeps data across a stop and a start, and lets a second process share the running server", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "fleet-embedded-"));
    try {
      const first = await startEmbeddedPostgres({ dataDir, fast: true });
      const sql = postgres(first.url, { max: 1, onnotice: () => {} });
      await sql`create table kept (v text)`;
      await sql`insert into kept values ('still here')`;
      const shared = await startEmbeddedPostgres({ dataDir, fast: true });
      expect(shared.owned).toBe(false);
      expect(shared.url).toBe(first.url);
      await sql.end();
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir, fast: true });
      const again = postgres(second.url, { max: 1, onnotice: () => {} });
      expect(await again`select v from kept`).toEqual([{ v: "still here" }]);
      await again.end();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
