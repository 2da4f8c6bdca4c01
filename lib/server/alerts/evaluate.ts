import type { Tx } from "@/lib/db/client";
import { EVENTS_CHANNEL } from "../events/notify";
import { alsoBroadcast } from "../realtime/broadcast";

export type StatusChangeForRules = { teamId: string; agentId: string; fleetId: string; to: string };

// Which statuses fire each status rule; any other status resolves it (a paused agent resolves too).
const FIRING = `case r.kind when 'agent_offline' then c.to_status = 'offline'
  when 'agent_stale' then c.to_status in ('stale', 'offline') when 'gateway_unhealthy' then c.to_status = 'degraded' end`;
export const IN_SCOPE = `(r.scope_type = 'team' or (r.scope_type = 'fleet' and r.scope_value = a.fleet_id::text)
  or (r.scope_type = 'agent' and r.scope_value = a.id::text) or (r.scope_type = 'tag' and r.scope_value = any(a.tags)))`;

/**
 * Opens and resolves alerts of status rules for agents whose status just changed, in the caller's
 * transaction: an alert and its pending notice commit together with the change (the outbox's first half).
 * An agent or fleet under a silence gets its alert recorded as silenced, with nothing to send.
 */
export async function evaluateStatusRules(tx: Tx, changes: StatusChangeForRules[]): Promise<void> {
  if (changes.length === 0) return;
  const input = JSON.stringify(changes.map((c) => ({ agent_id: c.agentId, team_id: c.teamId, to_status: c.to })));
  const touched = await tx<{ id: string; team_id: string; state: string }[]>`
    with changed as (select * from jsonb_to_recordset(${input}::text::jsonb) as t(agent_id uuid, team_id uuid, to_status text)),
    ${tx.unsafe(STATUS_RULE_CTES)}
    select * from alerts_opened union all select * from alerts_resolved`;
  await publishAlertChanges(tx, touched);
}

/**
 * The SQL of status rules, as common table expressions over a CTE `changed(agent_id, team_id,
 * to_status)`: `alerts_opened` and `alerts_resolved` return (id, team_id, state) of the alerts
 * touched. Heartbeat ingest uses the same text inside its single statement.
 */
export const STATUS_RULE_CTES = `
    rule_matches as (
      select r.id as rule_id, a.id as agent_id, a.team_id, a.fleet_id, c.to_status, ${FIRING} as firing
      from changed c join agents a on a.id = c.agent_id and a.team_id = c.team_id
      join alert_rules r on r.team_id = c.team_id and r.enabled and r.kind in ('agent_offline', 'agent_stale', 'gateway_unhealthy')
      where ${IN_SCOPE}
    ),
    alerts_opened as (
      insert into alerts (team_id, rule_id, agent_id, detail, silenced, trigger_pending)
      select m.team_id, m.rule_id, m.agent_id, 'Agent is ' || m.to_status, s.on, not s.on
      from rule_matches m cross join lateral (
        select exists (select 1 from silences si where si.team_id = m.team_id and si.scope_id in (m.agent_id, m.fleet_id)
          and now() >= si.starts_at and now() < si.ends_at) as on
      ) s
      where m.firing
      on conflict (rule_id, (coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid)), mark) where state <> 'resolved' do nothing
      returning id, team_id, state
    ),
    alerts_resolved as (
      update alerts al set state = 'resolved', resolved_at = now(), resolve_pending = al.notified_at is not null, trigger_pending = false,
        detail = al.detail || ' · cleared: ' || m.to_status
      from rule_matches m where not m.firing and al.rule_id = m.rule_id and al.agent_id = m.agent_id and al.state <> 'resolved'
      returning al.id, al.team_id, al.state
    )`;

/** Tells the team's browsers that alerts changed (after commit). */
export async function publishAlertChanges(tx: Tx, alerts: { id: string; team_id: string; state: string }[]): Promise<void> {
  if (alerts.length === 0) return;
  const payloads = alerts.map((a) => JSON.stringify({ type: "alert.changed", teamId: a.team_id, alertId: a.id, state: a.state }));
  await tx`select pg_notify(${EVENTS_CHANNEL}, p)${tx.unsafe(alsoBroadcast("p"))} from unnest(${payloads}::text[]) as p`;
}
