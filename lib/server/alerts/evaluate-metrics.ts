import type { Tx } from "@/lib/db/client";
import { IN_SCOPE, publishAlertChanges } from "./evaluate";

const COLUMN = `case r.kind when 'gateway_rtt' then h.gateway_rtt_ms when 'cpu' then h.cpu_pct when 'memory' then h.mem_used_pct when 'memory_pressure' then h.mem_pressure_pct end`;

/**
 * Threshold rules, evaluated with the stale check: a metric fires when every heartbeat of the last
 * `for` minutes (at least two) is above the threshold; spend fires when today's cost passes it.
 * Alerts open and resolve as the condition starts and stops holding.
 */
export async function evaluateMetricRules(tx: Tx): Promise<{ opened: number; resolved: number }> {
  const touched = await tx<{ id: string; team_id: string; state: string }[]>`
    with r as (select * from alert_rules where enabled and kind in ('gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend')),
    v as (
      select r.id as rule_id, a.id as agent_id, a.team_id, a.fleet_id, r.kind, r.threshold, m.value,
        case when r.kind = 'daily_spend' then m.value > r.threshold else m.samples >= 2 and m.value > r.threshold end as firing
      from r join agents a on a.team_id = r.team_id and a.status in ('online', 'degraded') and ${tx.unsafe(IN_SCOPE)}
      cross join lateral (
        select case when r.kind = 'daily_spend'
            then (select coalesce(sum(u.cost_usd), 0)::float8 from usage_hourly u where u.agent_id = a.id and u.hour >= date_trunc('day', now()))
            else (select min(${tx.unsafe(COLUMN)})::float8 from heartbeats h where h.agent_id = a.id and h.received_at > now() - make_interval(mins => greatest(r.for_minutes, 1)))
          end as value,
          (select count(*)::int from heartbeats h where r.kind <> 'daily_spend' and h.agent_id = a.id and h.received_at > now() - make_interval(mins => greatest(r.for_minutes, 1))) as samples
      ) m
    ),
    opened as (
      insert into alerts (team_id, rule_id, agent_id, detail, silenced, trigger_pending)
      select v.team_id, v.rule_id, v.agent_id,
        case v.kind when 'daily_spend' then 'Spent $' || round(v.value::numeric, 2) || ' today' else v.kind || ' at ' || round(v.value::numeric, 1) || ' (threshold ' || v.threshold || ')' end,
        s.on, not s.on
      from v cross join lateral (
        select exists (select 1 from silences si where si.team_id = v.team_id and si.scope_id in (v.agent_id, v.fleet_id) and now() >= si.starts_at and now() < si.ends_at) as on
      ) s
      where v.firing
      on conflict (rule_id, (coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid))) where state <> 'resolved' do nothing
      returning id, team_id, state
    ),
    resolved as (
      update alerts al set state = 'resolved', resolved_at = now(), resolve_pending = al.notified_at is not null, trigger_pending = false
      from r where al.rule_id = r.id and al.state <> 'resolved'
        and not exists (select 1 from v where v.rule_id = al.rule_id and v.agent_id = al.agent_id and v.firing)
      returning al.id, al.team_id, al.state
    )
    select * from opened union all select * from resolved`;
  await publishAlertChanges(tx, touched);
  return { opened: touched.filter((t) => t.state !== "resolved").length, resolved: touched.filter((t) => t.state === "resolved").length };
}
