import type { Sql, Tx } from "@/lib/db/client";

const DAYS_AHEAD = 8;

/** Removes detached history tables, each in its own short transaction that locks nothing else. */
export async function dropRetired(sql: Sql): Promise<string[]> {
  const retired = await sql<{ name: string }[]>`select relname as name from pg_class where relkind = 'r' and relname ~ '^heartbeats_retired_[0-9]{8}$'`;
  for (const { name } of retired) await sql`drop table if exists ${sql(name)}`;
  return retired.map((r) => r.name);
}

/**
 * Drops whole daily partitions of heartbeat history older than the longest retention any team
 * keeps (a catalogue change: the same time at a thousand rows or a million), deletes the rows of
 * teams that keep less, and creates the partitions of the days ahead.
 */
export async function purgeHistory(tx: Tx): Promise<{ dropped: string[]; trimmedRows: number; created: number }> {
  // Dropping a partition briefly locks the parent: wait for it only a little, never queue ingest behind it.
  await tx`set local lock_timeout = '5s'`;
  const [keep] = await tx<{ days: number }[]>`select coalesce(max(heartbeat_retention_days), 30)::int as days from teams`;
  const longest = keep?.days ?? 30;
  const partitions = await tx<{ name: string; day: string }[]>`
    select c.relname as name, to_char(to_date(substring(c.relname from 12), 'YYYYMMDD'), 'YYYY-MM-DD') as day
    from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'heartbeats' and c.relname ~ '^heartbeats_[0-9]{8}$'`;
  const dropped: string[] = [];
  for (const { name, day } of partitions) {
    const [old] = await tx<{ old: boolean }[]>`select ${day}::date < current_date - ${longest}::int as old`;
    if (!old?.old) continue;
    // Detached and set aside here; its files are removed after commit (dropRetired), so the lock on
    // the parent is held only for this catalogue change, however many rows the day holds.
    await tx`alter table heartbeats detach partition ${tx(name)}`;
    await tx`alter table ${tx(name)} rename to ${tx(name.replace("heartbeats_", "heartbeats_retired_"))}`;
    dropped.push(name);
  }
  // Teams keeping less than the longest retention: their older rows go one by one (rare, bounded).
  const trimmed = await tx`
    delete from heartbeats h using teams t
    where h.team_id = t.id and t.heartbeat_retention_days < ${longest}
      and h.received_at < current_date - t.heartbeat_retention_days
      and h.received_at >= current_date - ${longest}::int`;
  const [before] = await tx<{ n: number }[]>`select count(*)::int as n from pg_inherits i join pg_class p on p.oid = i.inhparent where p.relname = 'heartbeats'`;
  await tx`select ensure_heartbeat_partitions(current_date, ${DAYS_AHEAD})`;
  const [after] = await tx<{ n: number }[]>`select count(*)::int as n from pg_inherits i join pg_class p on p.oid = i.inhparent where p.relname = 'heartbeats'`;
  return { dropped, trimmedRows: trimmed.count, created: (after?.n ?? 0) - (before?.n ?? 0) };
}
