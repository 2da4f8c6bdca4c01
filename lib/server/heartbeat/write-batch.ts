import type { Tx } from "@/lib/db/client";
import type { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { WATCH_LIVE } from "../agents/liveness";
import { publishAgentEvents, type BeatSummary } from "../events/publish";
import type { AgentKey } from "./keys";

export type Pending = { agent: AgentKey; jti: string; expiresAt: Date; body: HeartbeatBody; status: "online" | "degraded" };
export type DeliveredCommand = { id: string; type: string; args: Record<string, unknown> };
export type Outcome =
  | { kind: "ok"; agentStatus: string; nextHeartbeatS: number; commands: DeliveredCommand[]; policy?: Record<string, unknown> }
  | { kind: "replay" | "stale_seq" | "revoked" | "gone" };

type Updated = { id: string; team_id: string; fleet_id: string; name: string; old_status: string; status: string; heartbeat_interval_s: number };

/**
 * Writes a batch of verified heartbeats (one per agent) in the caller's transaction: single-use
 * jti, agent state guarded by seq and by the key still being active, history, hourly usage,
 * command acknowledgements, commands to deliver, policy for agents behind, and status events.
 */
export async function writeBatch(tx: Tx, items: Pending[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const jtis = JSON.stringify(items.map((i) => ({ agent_id: i.agent.agentId, jti: i.jti, expires_at: i.expiresAt })));
  const fresh = await tx<{ agent_id: string }[]>`
    insert into used_jtis (agent_id, jti, expires_at)
    select agent_id, jti, expires_at from jsonb_to_recordset(${jtis}::text::jsonb) as t(agent_id uuid, jti text, expires_at timestamptz)
    on conflict do nothing returning agent_id`;
  const freshIds = new Set(fresh.map((r) => r.agent_id));
  for (const item of items) if (!freshIds.has(item.agent.agentId)) outcomes.set(item.agent.agentId, { kind: "replay" });
  const live = items.filter((i) => freshIds.has(i.agent.agentId));
  if (live.length === 0) return outcomes;

  // The whole batch travels as one JSON document that PostgreSQL unpacks: the server's single
  // thread, not the database, is the scarce resource, and native JSON.stringify is its cheapest encoder.
  const state = JSON.stringify(
    live.map((i) => ({
      id: i.agent.agentId,
      key_id: i.agent.keyId,
      seq: i.body.seq,
      status: i.status,
      gateway: i.body.gateway,
      host: i.body.host,
      metrics: i.body.metrics,
      custom: i.body.custom ?? null,
      policy_version: i.body.policyVersion,
      hostname: i.body.host.hostname,
    })),
  );
  const updated = await tx<Updated[]>`
    with v as (
      select * from jsonb_to_recordset(${state}::text::jsonb) as t(id uuid, key_id uuid, seq bigint, status agent_status,
        gateway jsonb, host jsonb, metrics jsonb, custom jsonb, policy_version int, hostname text)
    ),
    old as (select a.id, a.status from agents a join v on v.id = a.id order by a.id for update of a)
    update agents a set
      last_seq = v.seq, last_seen_at = now(),
      status = case when a.status = 'paused' then a.status else v.status end,
      status_changed_at = case when a.status <> 'paused' and a.status <> v.status then now() else a.status_changed_at end,
      gateway = v.gateway, host = v.host, metrics = v.metrics, custom = v.custom,
      policy_version = v.policy_version, hostname = v.hostname,
      watch_at = case when a.status = 'paused' then null else ${tx.unsafe(WATCH_LIVE)} end
    from v join old on old.id = v.id
    where a.id = v.id and a.last_seq < v.seq
      and exists (select 1 from agent_keys k where k.id = v.key_id and k.revoked_at is null)
    returning a.id, a.team_id, a.fleet_id, a.name, old.status::text as old_status, a.status::text as status, a.heartbeat_interval_s`;
  const ok = new Map(updated.map((u) => [u.id, u]));
  const failed = live.filter((i) => !ok.has(i.agent.agentId));
  if (failed.length > 0) await classifyFailures(tx, failed, outcomes);
  const written = live.filter((i) => ok.has(i.agent.agentId));
  if (written.length === 0) return outcomes;

  await insertHistory(tx, written);
  await upsertUsage(tx, written);
  await applyAcks(tx, written);
  const commands = await deliverCommands(tx, written.map((i) => i.agent.agentId));
  const policies = await policiesFor(tx, written);
  await publishEvents(tx, updated, written);
  for (const u of updated) {
    const policy = policies.get(u.id);
    outcomes.set(u.id, { kind: "ok", agentStatus: u.status, nextHeartbeatS: u.heartbeat_interval_s, commands: commands.get(u.id) ?? [], ...(policy ? { policy } : {}) });
  }
  return outcomes;
}

async function classifyFailures(tx: Tx, failed: Pending[], outcomes: Map<string, Outcome>) {
  const rows = await tx<{ id: string; key_active: boolean }[]>`
    select a.id, exists (select 1 from agent_keys k where k.id = v.key_id and k.revoked_at is null) as key_active
    from (select id::uuid, key_id::uuid from unnest(${failed.map((i) => i.agent.agentId)}::text[], ${failed.map((i) => i.agent.keyId ?? "")}::text[]) as t(id, key_id)) v
    join agents a on a.id = v.id`;
  const found = new Map(rows.map((r) => [r.id, r.key_active]));
  for (const item of failed) {
    const active = found.get(item.agent.agentId);
    outcomes.set(item.agent.agentId, { kind: active === undefined ? "gone" : active ? "stale_seq" : "revoked" });
  }
  // Nothing of a refused heartbeat is kept, its jti included.
  await tx`delete from used_jtis where (agent_id, jti) in (
    select a::uuid, j from unnest(${failed.map((i) => i.agent.agentId)}::text[], ${failed.map((i) => i.jti)}::text[]) as t(a, j))`;
}

async function insertHistory(tx: Tx, items: Pending[]) {
  const rows = JSON.stringify(
    items.map(({ agent, body }) => ({
      team_id: agent.teamId,
      agent_id: agent.agentId,
      seq: body.seq,
      sent_at: body.sentAt,
      status: body.status,
      reachable: body.gateway.reachable,
      healthy: body.gateway.healthy,
      rtt: body.gateway.rttMs,
      ...body.metrics,
      custom: body.custom ?? null,
    })),
  );
  await tx`
    insert into heartbeats (team_id, agent_id, seq, sent_at, status, gateway_reachable, gateway_healthy, gateway_rtt_ms,
      cpu_pct, mem_used_pct, mem_pressure_pct, disk_read_bps, disk_write_bps, load1, custom)
    select team_id, agent_id, seq, sent_at, status, reachable, healthy, rtt, "cpuPct", "memUsedPct", "memPressurePct",
      "diskReadBps", "diskWriteBps", load1, custom
    from jsonb_to_recordset(${rows}::text::jsonb) as t(team_id uuid, agent_id uuid, seq bigint, sent_at timestamptz, status text,
      reachable boolean, healthy boolean, rtt real, "cpuPct" real, "memUsedPct" real, "memPressurePct" real,
      "diskReadBps" float8, "diskWriteBps" float8, load1 real, custom jsonb)`;
}

async function upsertUsage(tx: Tx, items: Pending[]) {
  const rows = new Map<string, { team: string; agent: string; model: string; input: number; output: number; cost: number }>();
  for (const item of items) {
    for (const u of item.body.usage) {
      const key = `${item.agent.agentId}\u0000${u.model}`;
      const row = rows.get(key) ?? { team: item.agent.teamId, agent: item.agent.agentId, model: u.model, input: 0, output: 0, cost: 0 };
      row.input += u.inputTokens;
      row.output += u.outputTokens;
      row.cost += u.costUsd;
      rows.set(key, row);
    }
  }
  if (rows.size === 0) return;
  const list = [...rows.values()];
  await tx`
    insert into usage_hourly as u (team_id, agent_id, model, hour, input_tokens, output_tokens, cost_usd)
    select team_id::uuid, agent_id::uuid, model, date_trunc('hour', now()), i::bigint, o::bigint, c::numeric
    from unnest(${list.map((r) => r.team)}::text[], ${list.map((r) => r.agent)}::text[], ${list.map((r) => r.model)}::text[],
      ${list.map((r) => String(r.input))}::text[], ${list.map((r) => String(r.output))}::text[], ${list.map((r) => String(r.cost))}::text[])
      as t(team_id, agent_id, model, i, o, c)
    on conflict (agent_id, model, hour) do update set
      input_tokens = u.input_tokens + excluded.input_tokens, output_tokens = u.output_tokens + excluded.output_tokens,
      cost_usd = u.cost_usd + excluded.cost_usd`;
}

async function applyAcks(tx: Tx, items: Pending[]) {
  const acks = items.flatMap((i) => i.body.acks.map((a) => ({ agent: i.agent.agentId, ...a })));
  if (acks.length === 0) return;
  await tx`
    update commands c set status = v.status, acked_at = now(), result_message = v.message
    from unnest(${acks.map((a) => a.commandId)}::text[], ${acks.map((a) => a.agent)}::text[], ${acks.map((a) => a.status)}::text[],
      ${acks.map((a) => a.message ?? null)}::text[]) as v(id, agent_id, status, message)
    where c.id = v.id::uuid and c.agent_id = v.agent_id::uuid and c.status in ('pending', 'delivered')`;
}

async function deliverCommands(tx: Tx, agentIds: string[]) {
  const rows = await tx<{ id: string; agent_id: string; type: string; args: Record<string, unknown> }[]>`
    update commands set status = 'delivered', delivered_at = coalesce(delivered_at, now())
    where agent_id = any(${agentIds}::text[]::uuid[]) and status in ('pending', 'delivered')
    returning id, agent_id, type, args, created_at`;
  const byAgent = new Map<string, DeliveredCommand[]>();
  for (const r of rows) byAgent.set(r.agent_id, [...(byAgent.get(r.agent_id) ?? []), { id: r.id, type: r.type, args: r.args }]);
  return byAgent;
}

async function policiesFor(tx: Tx, items: Pending[]) {
  const fleetIds = [...new Set(items.map((i) => i.agent.fleetId))];
  const fleets = await tx<{ id: string; policy: Record<string, unknown>; policy_version: number }[]>`
    select id, policy, policy_version from fleets where id = any(${fleetIds}::text[]::uuid[])`;
  const byFleet = new Map(fleets.map((f) => [f.id, f]));
  const result = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const fleet = byFleet.get(item.agent.fleetId);
    if (fleet && item.body.policyVersion < fleet.policy_version) result.set(item.agent.agentId, { version: fleet.policy_version, ...fleet.policy });
  }
  return result;
}

async function publishEvents(tx: Tx, updated: Updated[], written: Pending[]) {
  const byId = new Map(updated.map((u) => [u.id, u]));
  const changes = updated
    .filter((u) => u.old_status !== u.status)
    .map((u) => ({ teamId: u.team_id, agentId: u.id, fleetId: u.fleet_id, name: u.name, from: u.old_status, to: u.status }));
  const beats: BeatSummary[] = [];
  for (const { agent, body } of written) {
    const u = byId.get(agent.agentId);
    if (!u) continue;
    const m = body.metrics;
    beats.push({
      teamId: u.team_id, agentId: u.id, fleetId: u.fleet_id, seq: body.seq, status: u.status,
      cpuPct: m.cpuPct ?? null, memUsedPct: m.memUsedPct ?? null, memPressurePct: m.memPressurePct ?? null,
      rttMs: body.gateway.rttMs ?? null, healthy: body.gateway.healthy,
    });
  }
  await publishAgentEvents(tx, changes, beats);
}
