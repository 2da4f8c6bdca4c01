/**
 * The ingest statement's part for `usageDaily` (lib/server/heartbeat/write-batch.ts): over its
 * `accepted` rows, each report is cumulative for its day, so a stored figure only ever grows to the
 * largest reported. A retried or spooled heartbeat repeats a figure already kept; a gateway that
 * restarted, or whose usage cache was still filling, may report less and changes nothing.
 */
export const USAGE_DAILY_CTE = `
    daily_rows as (
      insert into usage_daily as d (team_id, agent_id, day, provider, model, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, cost_usd, missing_cost_entries, calls)
      select a.team_id, a.id, x.day, x.provider, x.model, max(x."inputTokens"), max(x."outputTokens"), max(x."cacheReadTokens"),
        max(x."cacheWriteTokens"), max(x."costUsd"), max(x."missingCostEntries"), max(x.calls)
      from accepted a cross join lateral jsonb_to_recordset(a.usage_daily) as x(day date, provider text, model text, "inputTokens" bigint,
        "outputTokens" bigint, "cacheReadTokens" bigint, "cacheWriteTokens" bigint, "costUsd" numeric, "missingCostEntries" int, calls int)
      group by a.team_id, a.id, x.day, x.provider, x.model
      on conflict (agent_id, day, provider, model) do update set
        input_tokens = greatest(d.input_tokens, excluded.input_tokens), output_tokens = greatest(d.output_tokens, excluded.output_tokens),
        cache_read_tokens = greatest(d.cache_read_tokens, excluded.cache_read_tokens),
        cache_write_tokens = greatest(d.cache_write_tokens, excluded.cache_write_tokens), cost_usd = greatest(d.cost_usd, excluded.cost_usd),
        missing_cost_entries = greatest(d.missing_cost_entries, excluded.missing_cost_entries), calls = greatest(d.calls, excluded.calls),
        updated_at = now()
    )`;

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
