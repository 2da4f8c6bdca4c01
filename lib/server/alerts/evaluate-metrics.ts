import type { Tx } from "@/lib/db/client";
import { REPORTED_SPEND_TODAY, SPENT_TODAY } from "../usage/record";
import { IN_SCOPE, publishAlertChanges } from "./evaluate";

const THRESHOLD_KINDS = `('gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend', 'custom')`;
// A custom metric counts where it is a number; a heartbeat without it (plugin failed or removed) is not above.
const customValue = (custom: string) =>
  `case when jsonb_typeof(${custom}->r.metric) = 'number' then (${custom}->>r.metric)::float8 else '-infinity'::float8 end`;
const COLUMN = `case r.kind when 'gateway_rtt' then h.gateway_rtt_ms when 'cpu' then h.cpu_pct when 'memory' then h.mem_used_pct when 'memory_pressure' then h.mem_pressure_pct
          when 'custom' then ${customValue("h.custom")} end`;
// Every heartbeat of the rule's window (at least a minute), as (lowest value, count).
const WINDOW = `(select min(${COLUMN})::float8 as low, count(*)::int as samples from heartbeats h
          where r.kind <> 'daily_spend' and h.agent_id = a.id and h.received_at > now() - make_interval(mins => greatest(r.for_minutes, 1)))`;

// Over a CTE `metric_values(rule_id, agent_id, team_id, fleet_id, kind, threshold, metric, value, samples)`:
// a metric fires when every heartbeat of the last `for` minutes (at least two) is above the
// threshold, spend when today's cost passes it; an agent or fleet under a silence is recorded silenced.
// What an alert says, in words and units (notifications and the pages show it as it is).
const DETAIL = `case v.kind
          when 'daily_spend' then 'Spent $' || round(v.value::numeric, 2) || ' today (limit $' || v.threshold || ')'
          when 'gateway_rtt' then 'Gateway RTT at ' || round(v.value::numeric, 1) || ' ms (threshold ' || v.threshold || ' ms)'
          when 'cpu' then 'CPU at ' || round(v.value::numeric, 1) || ' % (threshold ' || v.threshold || ' %)'
          when 'memory' then 'Memory at ' || round(v.value::numeric, 1) || ' % (threshold ' || v.threshold || ' %)'
          when 'custom' then v.metric || ' at ' || trim_scale(round(v.value::numeric, 2)) || ' (threshold ' || v.threshold || ')'
          else 'Memory pressure at ' || round(v.value::numeric, 1) || ' % (threshold ' || v.threshold || ' %)' end`;
const FIRING = `case when v.kind = 'daily_spend' then v.value > v.threshold else v.samples >= 2 and v.value > v.threshold end`;
const METRIC_OPENED = `
    metric_opened as (
      insert into alerts (team_id, rule_id, agent_id, detail, silenced, trigger_pending)
      select v.team_id, v.rule_id, v.agent_id,
        ${DETAIL},
        s.on, not s.on
      from metric_values v cross join lateral (
        select exists (select 1 from silences si where si.team_id = v.team_id and si.scope_id in (v.agent_id, v.fleet_id) and now() >= si.starts_at and now() < si.ends_at) as on
      ) s
      where ${FIRING}
      on conflict (rule_id, (coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid)), mark) where state <> 'resolved' do nothing
      returning id, team_id, state
    )`;
const RESOLVE = `state = 'resolved', resolved_at = now(), resolve_pending = al.notified_at is not null, trigger_pending = false`;

/**
 * Threshold rules as heartbeats arrive, inside the ingest statement: common table expressions over
 * its `accepted` rows (id, team_id, fleet_id, new_status, rtt, "cpuPct", "memUsedPct",
 * "memPressurePct", usage, usage_daily, custom), whose own values count with the stored history (the statement's history
 * and usage inserts are not visible to it). `metric_opened` and `metric_resolved` return the alerts
 * touched as (id, team_id, state). With no threshold rule in a team this is one index probe.
 */
export const HEARTBEAT_METRIC_CTES = `
    metric_values as (
      select r.id as rule_id, a.id as agent_id, a.team_id, a.fleet_id, r.kind, r.threshold, r.metric,
        case when r.kind = 'daily_spend'
          then ${SPENT_TODAY} + coalesce((select sum((x->>'costUsd')::float8) from jsonb_array_elements(ac.usage) x), 0) + ${REPORTED_SPEND_TODAY}
          else least(w.low, case r.kind when 'gateway_rtt' then ac.rtt when 'cpu' then ac."cpuPct" when 'memory' then ac."memUsedPct" when 'memory_pressure' then ac."memPressurePct"
            when 'custom' then ${customValue("ac.custom")} end::float8)
        end as value,
        w.samples + 1 as samples
      from accepted ac join agents a on a.id = ac.id
      join alert_rules r on r.team_id = ac.team_id and r.enabled and r.kind in ${THRESHOLD_KINDS} and ${IN_SCOPE}
      cross join lateral ${WINDOW} w
      where ac.new_status in ('online', 'degraded')
    ),
    ${METRIC_OPENED},
    metric_resolved as (
      update alerts al set ${RESOLVE}
      from metric_values v where not coalesce(${FIRING}, false) and al.rule_id = v.rule_id and al.agent_id = v.agent_id and al.state <> 'resolved'
      returning al.id, al.team_id, al.state
    )`;

/**
 * The sweep of threshold rules over every agent in their scope (heartbeats evaluate them as they
 * arrive): it opens what a heartbeat could not see coming, and resolves the alerts of agents that no
 * longer qualify (gone quiet, paused) and yesterday's spend. Alerts open and resolve as the condition
 * starts and stops holding.
 */
export async function evaluateMetricRules(tx: Tx): Promise<{ opened: number; resolved: number }> {
  const touched = await tx<{ id: string; team_id: string; state: string }[]>`
    with r as (select * from alert_rules where enabled and kind in ${tx.unsafe(THRESHOLD_KINDS)}),
    metric_values as (
      select r.id as rule_id, a.id as agent_id, a.team_id, a.fleet_id, r.kind, r.threshold, r.metric,
        case when r.kind = 'daily_spend' then ${tx.unsafe(SPENT_TODAY)} else w.low end as value, w.samples
      from r join agents a on a.team_id = r.team_id and a.status in ('online', 'degraded') and ${tx.unsafe(IN_SCOPE)}
      cross join lateral ${tx.unsafe(WINDOW)} w
    ),
    ${tx.unsafe(METRIC_OPENED)},
    resolved as (
      update alerts al set ${tx.unsafe(RESOLVE)}
      from r where al.rule_id = r.id and al.state <> 'resolved'
        and not exists (select 1 from metric_values v where v.rule_id = al.rule_id and v.agent_id = al.agent_id and ${tx.unsafe(FIRING)})
      returning al.id, al.team_id, al.state
    )
    select * from metric_opened union all select * from resolved`;
  await publishAlertChanges(tx, touched);
  return { opened: touched.filter((t) => t.state !== "resolved").length, resolved: touched.filter((t) => t.state === "resolved").length };
}
