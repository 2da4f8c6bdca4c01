import { addToRollups, modelOf, providerOf, shareOf } from "../costs/share";

const TOKENS = "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens";
const PRICE = (r: string) => `left join lateral price_at(${r}.team_id, ${r}.provider, ${r}.model, ${r}.day) p on true`;

/**
 * The ingest statement's part for usage (lib/server/heartbeat/write-batch.ts), over its `accepted`
 * rows. `usage` (protocol v1) adds deltas to the hour. `usageDaily` is cumulative for its day, so
 * a stored figure only ever grows to the largest reported: a retried or spooled heartbeat repeats a
 * figure already kept; a gateway that restarted, or whose usage cache was still filling, may report
 * less and changes nothing. What each record changed goes into the spend rollups, priced (share.ts).
 */
export const USAGE_CTES = `
    hourly_in as (
      select a.team_id, a.id as agent_id, a.fleet_id, x.model as reported_model, (now() at time zone 'utc')::date as day,
        sum(x."inputTokens") as input_tokens, sum(x."outputTokens") as output_tokens, sum(x."costUsd") as cost_usd,
        sum(coalesce(x.calls, 1)) as calls
      from accepted a cross join lateral jsonb_to_recordset(a.usage) as x(model text, "inputTokens" bigint, "outputTokens" bigint, "costUsd" numeric, calls bigint)
      group by a.team_id, a.id, a.fleet_id, x.model
    ),
    usage_rows as (
      insert into usage_hourly as u (team_id, agent_id, model, hour, input_tokens, output_tokens, cost_usd, calls)
      select team_id, agent_id, reported_model, date_trunc('hour', now()), input_tokens, output_tokens, cost_usd, calls from hourly_in
      on conflict (agent_id, model, hour) do update set
        input_tokens = u.input_tokens + excluded.input_tokens, output_tokens = u.output_tokens + excluded.output_tokens,
        cost_usd = u.cost_usd + excluded.cost_usd, calls = u.calls + excluded.calls
    ),
    daily_in as (
      select a.team_id, a.id as agent_id, a.fleet_id, x.day, x.provider, x.model, max(x."inputTokens") as input_tokens,
        max(x."outputTokens") as output_tokens, max(x."cacheReadTokens") as cache_read_tokens, max(x."cacheWriteTokens") as cache_write_tokens,
        max(x."costUsd") as cost_usd, max(x."missingCostEntries") as missing_cost_entries, max(x.calls) as calls
      from accepted a cross join lateral jsonb_to_recordset(a.usage_daily) as x(day date, provider text, model text, "inputTokens" bigint,
        "outputTokens" bigint, "cacheReadTokens" bigint, "cacheWriteTokens" bigint, "costUsd" numeric, "missingCostEntries" int, calls int)
      group by a.team_id, a.id, a.fleet_id, x.day, x.provider, x.model
    ),
    daily_old as (
      select i.fleet_id, d.* from usage_daily d join daily_in i on d.agent_id = i.agent_id and d.day = i.day and d.provider = i.provider and d.model = i.model
    ),
    daily_rows as (
      insert into usage_daily as d (team_id, agent_id, day, provider, model, ${TOKENS}, cost_usd, missing_cost_entries, calls)
      select team_id, agent_id, day, provider, model, ${TOKENS}, cost_usd, missing_cost_entries, calls from daily_in
      on conflict (agent_id, day, provider, model) do update set
        input_tokens = greatest(d.input_tokens, excluded.input_tokens), output_tokens = greatest(d.output_tokens, excluded.output_tokens),
        cache_read_tokens = greatest(d.cache_read_tokens, excluded.cache_read_tokens),
        cache_write_tokens = greatest(d.cache_write_tokens, excluded.cache_write_tokens), cost_usd = greatest(d.cost_usd, excluded.cost_usd),
        missing_cost_entries = greatest(d.missing_cost_entries, excluded.missing_cost_entries), calls = greatest(d.calls, excluded.calls),
        updated_at = now()
      returning d.*
    ),
    cost_shares as (
      select n.team_id, i.fleet_id, n.agent_id, n.day, n.provider, n.model, 1 as sign, n.input_tokens, n.output_tokens,
        n.cache_read_tokens, n.cache_write_tokens, n.calls, ${shareOf("n", "p")}
      from daily_rows n join daily_in i on n.agent_id = i.agent_id and n.day = i.day and n.provider = i.provider and n.model = i.model
      ${PRICE("n")}
      union all
      select o.team_id, o.fleet_id, o.agent_id, o.day, o.provider, o.model, -1, o.input_tokens, o.output_tokens,
        o.cache_read_tokens, o.cache_write_tokens, o.calls, ${shareOf("o", "p")}
      from daily_old o ${PRICE("o")}
      union all
      select h.team_id, h.fleet_id, h.agent_id, h.day, h.provider, h.model, 1, h.input_tokens, h.output_tokens, 0, 0, h.calls, ${shareOf("h", "p")}
      from (select *, ${providerOf("reported_model")} as provider, ${modelOf("reported_model")} as model, 0 as cache_read_tokens,
        0 as cache_write_tokens, case when cost_usd > 0 then 0 else calls end as missing_cost_entries from hourly_in) h
      ${PRICE("h")}
    ),
    ${addToRollups("cost_shares", "rollup")}`;

/**
 * Today's spend that a heartbeat's `usageDaily` adds to what is stored, as SQL over its accepted
 * row `ac` and the agent `a`: for each of today's reports, how far it goes past the stored figure.
 */
export const REPORTED_SPEND_TODAY = `coalesce((select sum(greatest(x."costUsd" - coalesce((select d.cost_usd::float8 from usage_daily d
            where d.agent_id = a.id and d.day = x.day and d.provider = x.provider and d.model = x.model), 0), 0))
          from jsonb_to_recordset(ac.usage_daily) as x(day date, provider text, model text, "costUsd" float8)
          where x.day = (now() at time zone 'utc')::date), 0)`;

/** Today's stored spend of the agent `a`: deltas reported by older agents, and what gateways priced (UTC days). */
export const SPENT_TODAY = `((select coalesce(sum(u.cost_usd), 0)::float8 from usage_hourly u where u.agent_id = a.id and u.hour >= date_trunc('day', now()))
          + (select coalesce(sum(d.cost_usd), 0)::float8 from usage_daily d where d.agent_id = a.id and d.day = (now() at time zone 'utc')::date))`;
