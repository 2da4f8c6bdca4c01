import type { Sql } from "@/lib/db/client";
import type { HeartbeatBody } from "@/lib/schemas/heartbeat";
import type { DeliveredPolicy } from "@/lib/schemas/policy-document";
import type { SealedSecrets } from "@/lib/schemas/secrets-delivery";
import { STATUS_RULE_CTES } from "../alerts/evaluate";
import { HEARTBEAT_METRIC_CTES } from "../alerts/evaluate-metrics";
import { USAGE_CTES } from "../usage/record";
import { WATCH_LIVE } from "../agents/liveness";
import { EVENTS_CHANNEL } from "../events/notify";
import { policiesToDeliver } from "../policies/deliver";
import { alsoBroadcast } from "../realtime/broadcast";
import { REFUSAL_RULE_CTES } from "../policies/refusal-alerts";
import { secretsToDeliver } from "../secrets/deliver";
import { effectiveSecretsVersion } from "../secrets/rows";
import type { AgentKey } from "./keys";

export type Pending = { agent: AgentKey; jti: string; expiresAt: Date; body: HeartbeatBody; status: "online" | "degraded" };
export type DeliveredCommand = { id: string; type: string; args: Record<string, unknown> };
export type Outcome =
  | { kind: "ok"; agentStatus: string; nextHeartbeatS: number; commands: DeliveredCommand[]; policy?: DeliveredPolicy; secrets?: SealedSecrets }
  | { kind: "replay" | "stale_seq" | "revoked" | "gone" };

// Heartbeat summaries travel in pg_notify payloads, which must stay under 8,000 bytes: a summary is
// at most about 330 bytes (two ids, seq, status, four numbers, a flag), so 20 make at most ~6,700.
export const BEATS_PER_NOTICE = 20;

type Row = {
  id: string;
  outcome: "ok" | "replay" | "stale_seq" | "revoked" | "gone";
  status: string | null;
  interval_s: number | null;
  commands: DeliveredCommand[] | null;
  deliver_policy: boolean | null;
  deliver_secrets: boolean | null;
};

/**
 * Writes a batch of verified heartbeats (at most one per agent) in ONE statement, and so in one
 * round trip and one transaction: a heartbeat is accepted when its jti is unused, its seq is above
 * the agent's last and its key is still active; for those, the agent's state, history, hourly
 * usage, command acknowledgements and deliveries, status events, status-rule and threshold-rule
 * alerts and the live notices (bulk-action progress among them) are all written together, and the answer for each heartbeat comes back in the same
 * round trip. A refused heartbeat leaves nothing behind, its jti included.
 *
 * The batch travels as one JSON document that PostgreSQL unpacks: the server's threads, not the
 * database, are the scarce resource, and native JSON.stringify is their cheapest encoder.
 */
export async function writeBatch(sql: Sql, items: Pending[]): Promise<Map<string, Outcome>> {
  const batch = JSON.stringify(
    items.map(({ agent, jti, expiresAt, body, status }) => ({
      id: agent.agentId,
      key_id: agent.keyId,
      jti,
      expires_at: expiresAt,
      seq: body.seq,
      status,
      gateway: body.gateway,
      host: body.host,
      metrics: body.metrics,
      custom: body.custom ?? null,
      plugins: body.plugins ?? null,
      usage_daily: body.usageDaily ?? [],
      usage_error: body.usageError ?? null,
      policy_version: body.policyVersion,
      policy_status: body.policyStatus ?? null,
      guard: body.guard ?? null,
      box_key: body.boxKey ?? null,
      secrets_version: body.secretsVersion,
      secrets_status: body.secretsStatus ?? null,
      hostname: body.host.hostname,
      sent_at: body.sentAt,
      body_status: body.status,
      reachable: body.gateway.reachable,
      healthy: body.gateway.healthy,
      rtt: body.gateway.rttMs,
      ...body.metrics,
      usage: body.usage,
      acks: body.acks,
    })),
  );
  const at = new Date().toISOString();
  const rows = await sql<Row[]>`
    with v as (
      select * from jsonb_to_recordset(${batch}::text::jsonb) as t(id uuid, key_id uuid, jti text, expires_at timestamptz,
        seq bigint, status agent_status, gateway jsonb, host jsonb, metrics jsonb, custom jsonb, plugins jsonb, policy_version int, policy_status jsonb, guard jsonb, box_key text, secrets_version bigint, secrets_status jsonb, hostname text,
        sent_at timestamptz, body_status text, reachable boolean, healthy boolean, rtt real, "cpuPct" real, "memUsedPct" real,
        "memPressurePct" real, "diskReadBps" float8, "diskWriteBps" float8, load1 real, usage jsonb, usage_daily jsonb, usage_error text, acks jsonb)
    ),
    locked as (select a.id, a.status, (a.guard->>'refusals')::bigint as old_refusals from agents a join v on v.id = a.id order by a.id for update of a),
    upd as (
      update agents a set
        last_seq = v.seq, last_seen_at = now(),
        status = case when a.status = 'paused' then a.status else v.status end,
        status_changed_at = case when a.status <> 'paused' and a.status <> v.status then now() else a.status_changed_at end,
        gateway = v.gateway, host = v.host, metrics = v.metrics, custom = v.custom, plugins = v.plugins, usage_error = v.usage_error,
        policy_version = v.policy_version, hostname = v.hostname,
        policy_status = coalesce(v.policy_status, a.policy_status), guard = coalesce(v.guard, a.guard),
        box_key = coalesce(v.box_key, a.box_key), secrets_version = v.secrets_version, secrets_status = coalesce(v.secrets_status, a.secrets_status),
        -- The model the gateway reports (kept when it could not be read), and since when: the kill switch's read-back.
        gateway_model = coalesce(v.gateway->>'model', a.gateway_model),
        gateway_model_since = case when v.gateway->>'model' is distinct from a.gateway_model and v.gateway->>'model' is not null
          then now() else a.gateway_model_since end,
        watch_at = case when a.status = 'paused' then null else ${sql.unsafe(WATCH_LIVE)} end
      from v join locked on locked.id = v.id
      where a.id = v.id and a.last_seq < v.seq
        and exists (select 1 from agent_keys k where k.id = v.key_id and k.revoked_at is null)
        and not exists (select 1 from used_jtis j where j.agent_id = v.id and j.jti = v.jti)
      returning a.id, a.team_id, a.fleet_id, a.name, a.tags, locked.status::text as old_status, locked.old_refusals, a.status::text as status, a.heartbeat_interval_s,
        a.policy_epoch, a.box_key is not null as has_box_key, a.secrets_epoch
    ),
    accepted as (select v.*, upd.team_id, upd.fleet_id, upd.name, upd.old_status, upd.old_refusals, upd.tags, upd.status::text as new_status from v join upd on upd.id = v.id),
    jtis as (insert into used_jtis (agent_id, jti, expires_at) select id, jti, expires_at from accepted on conflict do nothing),
    history as (
      insert into heartbeats (team_id, agent_id, seq, sent_at, status, gateway_reachable, gateway_healthy, gateway_rtt_ms,
        cpu_pct, mem_used_pct, mem_pressure_pct, disk_read_bps, disk_write_bps, load1, custom)
      select team_id, id, seq, sent_at, body_status, reachable, healthy, rtt, "cpuPct", "memUsedPct", "memPressurePct",
        "diskReadBps", "diskWriteBps", load1, custom
      from accepted
    ),
    ${sql.unsafe(USAGE_CTES)},
    acks as (
      select a.id as agent_id, k."commandId" as command_id, k.status, k.message
      from accepted a cross join lateral jsonb_to_recordset(a.acks) as k("commandId" uuid, status text, message text)
    ),
    cmd as (
      -- One update for both halves, since a statement may touch a row only once: acknowledged
      -- commands take their result, every other open command is (re)delivered until acknowledged,
      -- unless its bulk action has expired (then it is never carried out).
      update commands c set
        status = coalesce(o.ack_status, case when o.expired then 'expired' else 'delivered' end),
        delivered_at = case when o.ack_status is null and not o.expired then coalesce(c.delivered_at, now()) else c.delivered_at end,
        acked_at = case when o.ack_status is null then c.acked_at else now() end,
        result_message = case when o.ack_status is not null then o.ack_message
          when o.expired then 'Expired before the agent acknowledged it' else c.result_message end
      from (
        select c2.id, k.status as ack_status, k.message as ack_message, coalesce(b.expires_at <= now(), false) as expired
        from commands c2 join accepted a on c2.agent_id = a.id
        left join acks k on k.command_id = c2.id and k.agent_id = c2.agent_id
        left join batches b on b.id = c2.batch_id
        where c2.status in ('pending', 'delivered')
      ) o
      where c.id = o.id
      returning c.id, c.agent_id, c.type, c.args, c.status, c.created_at, c.team_id, c.batch_id
    ),
    changed as (select id as agent_id, team_id, new_status as to_status from accepted where old_status <> new_status),
    events as (
      insert into agent_events (team_id, agent_id, fleet_id, from_status, to_status)
      select team_id, id, fleet_id, old_status, new_status from accepted where old_status <> new_status
    ),
    ${sql.unsafe(STATUS_RULE_CTES)},
    ${sql.unsafe(HEARTBEAT_METRIC_CTES)},
    ${sql.unsafe(REFUSAL_RULE_CTES)},
    beats as (
      select team_id, json_build_object('agentId', id, 'fleetId', fleet_id, 'seq', seq, 'status', new_status,
          'cpuPct', metrics->'cpuPct', 'memUsedPct', metrics->'memUsedPct', 'memPressurePct', metrics->'memPressurePct',
          'rttMs', gateway->'rttMs', 'healthy', gateway->'healthy')::text as item,
        (row_number() over (partition by team_id order by id) - 1) / ${BEATS_PER_NOTICE} as chunk
      from accepted
    ),
    notices as (
      select 1 as n, json_build_object('type', 'agent.status', 'teamId', team_id, 'agentId', id, 'fleetId', fleet_id, 'name', name,
          'from', old_status, 'to', new_status, 'at', ${at}::text)::text as payload
      from accepted where old_status <> new_status
      union all
      select 2, json_build_object('type', 'alert.changed', 'teamId', team_id, 'alertId', id, 'state', state)::text
      from (select * from alerts_opened union all select * from alerts_resolved union all select * from metric_opened union all select * from metric_resolved
        union all select * from refusals_opened) t
      union all
      select 3, '{"type":"agent.heartbeats","teamId":' || to_json(team_id)::text || ',"at":' || to_json(${at}::text)::text
          || ',"items":[' || string_agg(item, ',') || ']}'
      from beats group by team_id, chunk
      union all
      select 4, json_build_object('type', 'batch.changed', 'teamId', team_id, 'batchId', batch_id, 'items', json_agg(json_build_object('agentId', agent_id, 'status', status)))::text
      from (select *, (row_number() over (partition by batch_id order by agent_id) - 1) / ${BEATS_PER_NOTICE} as chunk
        from cmd where batch_id is not null and status in ('done', 'failed', 'expired')) d
      group by team_id, batch_id, chunk
    ),
    published as (select count(*) as n from (select pg_notify(${EVENTS_CHANNEL}, payload)${sql.unsafe(alsoBroadcast("payload"))} from notices order by n) p)
    select v.id,
      case when u.id is not null then 'ok'
        when exists (select 1 from used_jtis j where j.agent_id = v.id and j.jti = v.jti) then 'replay'
        when not exists (select 1 from agents a where a.id = v.id) then 'gone'
        when not exists (select 1 from agent_keys k where k.id = v.key_id and k.revoked_at is null) then 'revoked'
        else 'stale_seq' end as outcome,
      u.status, u.heartbeat_interval_s as interval_s,
      (select json_agg(json_build_object('id', d.id, 'type', d.type, 'args', d.args) order by d.created_at)
        from cmd d where d.agent_id = v.id and d.status = 'delivered') as commands,
      -- Cheap for an agent that is up to date: three keys of one index. The merged document is built only to deliver it.
      u.id is not null and v.policy_version <> greatest(coalesce((select max(p.current_revision) from policies p
        where p.team_id = u.team_id and p.target_id in (u.team_id, u.fleet_id, u.id)), 0), u.policy_epoch) as deliver_policy,
      -- As cheap: three index probes, and the secrets are opened and sealed only to deliver them.
      u.id is not null and u.has_box_key and v.secrets_version <> ${sql.unsafe(effectiveSecretsVersion("u"))} as deliver_secrets
    from v left join upd u on u.id = v.id
    where (select n from published) >= 0`;
  const policies = await policiesToDeliver(sql, rows.filter((r) => r.outcome === "ok" && r.deliver_policy).map((r) => r.id));
  const secrets = await secretsToDeliver(sql, rows.filter((r) => r.outcome === "ok" && r.deliver_secrets).map((r) => r.id));
  const outcomes = new Map<string, Outcome>();
  for (const row of rows) {
    if (row.outcome !== "ok") {
      outcomes.set(row.id, { kind: row.outcome });
      continue;
    }
    const policy = policies.get(row.id);
    const sealed = secrets.get(row.id);
    outcomes.set(row.id, {
      kind: "ok",
      agentStatus: row.status ?? "online",
      nextHeartbeatS: row.interval_s ?? 30,
      commands: row.commands ?? [],
      ...(policy ? { policy } : {}),
      ...(sealed ? { secrets: sealed } : {}),
    });
  }
  return outcomes;
}
