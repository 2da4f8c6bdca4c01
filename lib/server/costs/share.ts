/**
 * One usage record's share of spend, as SQL select-list items over the record `r` (columns
 * input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, missing_cost_entries,
 * calls) and the price in force `p` (a row of price_at, all null when none): the gateway's own
 * figure when it priced any of the calls or gave a figure (reported), else tokens × the price (estimated), else the
 * calls count as unpriced. The ingest statement, repricing and the migration's backfill agree on it.
 */
export function shareOf(r: string, p: string): string {
  const gatewayPriced = `(${r}.cost_usd > 0 or ${r}.calls > ${r}.missing_cost_entries)`;
  return `case when ${gatewayPriced} then ${r}.cost_usd else 0 end as reported_cost,
    case when ${gatewayPriced} or ${p}.input_per_mtok is null then 0
      else (${r}.input_tokens * ${p}.input_per_mtok + ${r}.output_tokens * ${p}.output_per_mtok
        + ${r}.cache_read_tokens * ${p}.cache_read_per_mtok + ${r}.cache_write_tokens * ${p}.cache_write_per_mtok) / 1000000 end as estimated_cost,
    case when ${gatewayPriced} then ${r}.missing_cost_entries when ${p}.input_per_mtok is null then ${r}.calls else 0 end as unpriced_calls`;
}

/** A protocol v1 `usage` model name, "provider/model", split as the catalogue keys it. */
export const providerOf = (col: string) => `case when strpos(${col}, '/') > 0 then split_part(${col}, '/', 1) else '' end`;
export const modelOf = (col: string) => `case when strpos(${col}, '/') > 0 then substr(${col}, strpos(${col}, '/') + 1) else ${col} end`;

const SUMS = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "calls", "reported_cost", "estimated_cost", "unpriced_calls"];
const AGENT_SUMS = ["input_tokens", "output_tokens", "calls", "reported_cost", "estimated_cost", "unpriced_calls"];
const sum = (cols: string[]) => cols.map((c) => `sum(sign * ${c})`).join(", ");
// A record that changed nothing (a repeated report, a price edit that moves none of it) is skipped.
const changed = (cols: string[]) => `having ${cols.map((c) => `sum(sign * ${c}) <> 0`).join(" or ")}`;
const add = (t: string, cols: string[]) => cols.map((c) => `${c} = ${t}.${c} + excluded.${c}`).join(", ");

/**
 * The CTEs that add signed shares (a CTE `name` with team_id, fleet_id, agent_id, day, provider,
 * model, sign and the share's columns) to the rollups (per day, ISO week and month). Rows are taken in key order so that two
 * writers never wait on each other's rows in opposite orders.
 */
export function addToRollups(name: string, prefix: string): string {
  return `${prefix}_fleet as (
      insert into cost_fleet_daily as t (team_id, day, fleet_id, provider, model, ${SUMS.join(", ")})
      select team_id, day, fleet_id, provider, model, ${sum(SUMS)} from ${name}
      group by team_id, day, fleet_id, provider, model ${changed(SUMS)} order by team_id, day, fleet_id, provider, model
      on conflict (team_id, day, fleet_id, provider, model) do update set ${add("t", SUMS)}
    ),
    ${prefix}_agent as (
      insert into cost_agent_daily as t (team_id, day, agent_id, fleet_id, ${AGENT_SUMS.join(", ")})
      select team_id, day, agent_id, (array_agg(fleet_id))[1], ${sum(AGENT_SUMS)} from ${name}
      group by team_id, day, agent_id ${changed(AGENT_SUMS)} order by team_id, day, agent_id
      on conflict (team_id, day, agent_id) do update set fleet_id = excluded.fleet_id, ${add("t", AGENT_SUMS)}
    ),
    ${prefix}_agent_model as (
      insert into cost_agent_model_daily as t (team_id, provider, model, day, agent_id, fleet_id, ${SUMS.join(", ")})
      select team_id, provider, model, day, agent_id, (array_agg(fleet_id))[1], ${sum(SUMS)} from ${name}
      group by team_id, provider, model, day, agent_id ${changed(SUMS)} order by team_id, provider, model, day, agent_id
      on conflict (team_id, provider, model, day, agent_id) do update set fleet_id = excluded.fleet_id, ${add("t", SUMS)}
    ),
    ${period(name, prefix, "month")},
    ${period(name, prefix, "week")}`;
}

/** The per-agent and per-agent-and-model rollups of one period (`month`, or ISO `week` from Monday), keyed by its first day. */
function period(name: string, prefix: string, unit: "month" | "week"): string {
  const start = `date_trunc('${unit}', day)::date`;
  return `${prefix}_agent_${unit} as (
      insert into cost_agent_${unit}ly as t (team_id, ${unit}, agent_id, fleet_id, ${AGENT_SUMS.join(", ")})
      select team_id, ${start}, agent_id, (array_agg(fleet_id))[1], ${sum(AGENT_SUMS)} from ${name}
      group by team_id, ${start}, agent_id ${changed(AGENT_SUMS)} order by 1, 2, 3
      on conflict (team_id, ${unit}, agent_id) do update set fleet_id = excluded.fleet_id, ${add("t", AGENT_SUMS)}
    ),
    ${prefix}_agent_model_${unit} as (
      insert into cost_agent_model_${unit}ly as t (team_id, provider, model, ${unit}, agent_id, fleet_id, ${AGENT_SUMS.join(", ")})
      select team_id, provider, model, ${start}, agent_id, (array_agg(fleet_id))[1], ${sum(AGENT_SUMS)} from ${name}
      group by team_id, provider, model, ${start}, agent_id ${changed(AGENT_SUMS)} order by 1, 2, 3, 4, 5
      on conflict (team_id, provider, model, ${unit}, agent_id) do update set fleet_id = excluded.fleet_id, ${add("t", AGENT_SUMS)}
    )`;
}
