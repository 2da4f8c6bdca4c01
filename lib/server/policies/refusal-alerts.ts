import { IN_SCOPE } from "../alerts/evaluate";

/**
 * The SQL of `policy_refusal` rules, as common table expressions over the heartbeat's `accepted`
 * rows (their guard report, the refusal count stored before, fleet and tags, so no agents lookup):
 * an agent whose guard counted refusals it had not reported yet opens an alert of each rule in
 * scope (one open alert per rule and agent; it stays open until someone resolves it). A lower
 * count than before means the plugin restarted, so all of its refusals are new.
 * `refusals_opened` returns (id, team_id, state).
 */
export const REFUSAL_RULE_CTES = `
    refusal_matches as (
      select r.id as rule_id, a.id as agent_id, a.team_id, a.fleet_id, a.guard,
        case when (a.guard->>'refusals')::bigint < coalesce(a.old_refusals, 0) then (a.guard->>'refusals')::bigint
          else (a.guard->>'refusals')::bigint - coalesce(a.old_refusals, 0) end as fresh
      from (select * from accepted where guard is not null) a
      join alert_rules r on r.team_id = a.team_id and r.enabled and r.kind = 'policy_refusal'
      where (a.guard->>'refusals')::bigint <> coalesce(a.old_refusals, 0) and ${IN_SCOPE}
    ),
    refusals_opened as (
      insert into alerts (team_id, rule_id, agent_id, detail, silenced, trigger_pending)
      select m.team_id, m.rule_id, m.agent_id,
        m.fresh || case when m.fresh = 1 then ' tool call refused' else ' tool calls refused' end
          || coalesce((select ': ' || left(x->>'tool', 100) || ' (' || left(x->>'reason', 300) || ')'
            from jsonb_array_elements(m.guard->'lastRefusals') x order by x->>'at' desc limit 1), ''),
        s.on, not s.on
      from refusal_matches m cross join lateral (
        select exists (select 1 from silences si where si.team_id = m.team_id and si.scope_id in (m.agent_id, m.fleet_id)
          and now() >= si.starts_at and now() < si.ends_at) as on
      ) s
      where m.fresh > 0
      on conflict (rule_id, (coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid)), mark) where state <> 'resolved' do nothing
      returning id, team_id, state
    )`;
