import type { TeamContext } from "@/lib/auth/context";
import { MAX_CUSTOM_SERIES, type CustomSeries, type MetricsQuery } from "@/lib/schemas/metrics";
import { chartWindow } from "./metrics";

type Row = { key: string; b: number; samples: number; avg: number; max: number; total: number };

/**
 * The numeric custom metrics of an agent's heartbeats (what its plugins report), each reduced to at
 * most `points` buckets (average and peak per bucket) in SQL, like the built-in charts. At most 20
 * keys: those present in the most heartbeats of the window. Text and true/false values are not charted.
 */
export async function getAgentCustomMetrics(ctx: TeamContext, agentId: string, query: MetricsQuery) {
  const { sql, bucketS, origin } = await chartWindow(ctx, agentId, query);
  const rows = await sql<Row[]>`
    with kv as (
      select floor((extract(epoch from h.received_at) - ${origin}) / ${bucketS})::int as b, e.key,
        case when jsonb_typeof(e.value) = 'number' then e.value::float8 end as v
      from heartbeats h
      cross join lateral jsonb_each(case when jsonb_typeof(h.custom) = 'object' then h.custom else '{}'::jsonb end) e
      where h.agent_id = ${agentId} and h.received_at >= ${query.from} and h.received_at < ${query.to} and h.custom is not null
    ),
    keys as (select key, count(*) as n, count(*) over () as total from kv where v is not null group by key),
    top as (select key, total from keys order by n desc, key limit ${MAX_CUSTOM_SERIES})
    select kv.key, kv.b, count(*)::int as samples, avg(kv.v)::float8 as avg, max(kv.v)::float8 as max, top.total::int as total
    from kv join top on top.key = kv.key
    where kv.v is not null
    group by kv.key, kv.b, top.total
    order by kv.key, kv.b`;
  const series = new Map<string, CustomSeries>();
  for (const { key, b, samples, avg, max } of rows) {
    const entry = series.get(key) ?? { key, points: [] };
    entry.points.push({ t: new Date((origin + b * bucketS) * 1000).toISOString(), samples, avg, max });
    series.set(key, entry);
  }
  const total = rows[0]?.total ?? 0;
  return { from: query.from.toISOString(), to: query.to.toISOString(), bucketS, series: [...series.values()], omittedKeys: Math.max(0, total - series.size) };
}
