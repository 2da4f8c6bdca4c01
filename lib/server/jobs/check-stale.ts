import type { Tx } from "@/lib/db/client";
import { publishAgentEvents } from "../events/publish";
import { OFFLINE_AFTER, STALE_AFTER } from "../agents/liveness";

const CHUNK = 5000;

type Changed = { id: string; team_id: string; fleet_id: string; name: string; old: string; status: string };

/**
 * Moves agents whose heartbeats are late through online → stale → offline by their own interval
 * and grace, recording and publishing each change. Reads only agents whose `watch_at` has passed,
 * so its cost follows the number of agents that may change, not the fleet's size.
 */
export async function checkStale(tx: Tx): Promise<{ examined: number; stale: number; offline: number }> {
  const result = { examined: 0, stale: 0, offline: 0 };
  for (;;) {
    const rows = await tx<(Changed & { examined: number })[]>`
      with due as (
        select a.id, a.status, a.last_seen_at, a.heartbeat_interval_s, a.grace_s,
          case
            when a.status not in ('online', 'degraded', 'stale') or a.last_seen_at is null then a.status
            when a.last_seen_at + ${tx.unsafe(OFFLINE_AFTER)} <= now() then 'offline'
            when a.last_seen_at + ${tx.unsafe(STALE_AFTER)} <= now() then 'stale'
            else a.status
          end::agent_status as next
        from agents a
        where a.watch_at <= now()
        order by a.watch_at
        limit ${CHUNK}
        for update of a skip locked
      )
      update agents a set
        status = due.next,
        status_changed_at = case when due.next <> due.status then now() else a.status_changed_at end,
        watch_at = case
          when due.next = 'stale' then a.last_seen_at + ${tx.unsafe(OFFLINE_AFTER)}
          when due.next in ('online', 'degraded') then a.last_seen_at + ${tx.unsafe(STALE_AFTER)}
          else null
        end
      from due
      where a.id = due.id
      returning a.id, a.team_id, a.fleet_id, a.name, due.status::text as old, a.status::text as status`;
    result.examined += rows.length;
    const changes = rows.filter((r) => r.old !== r.status);
    result.stale += changes.filter((r) => r.status === "stale").length;
    result.offline += changes.filter((r) => r.status === "offline").length;
    await publishAgentEvents(tx, changes.map((r) => ({ teamId: r.team_id, agentId: r.id, fleetId: r.fleet_id, name: r.name, from: r.old, to: r.status })));
    if (rows.length < CHUNK) return result;
  }
}
