// bench/costs: the costs page's queries for a team of 10,000 agents, 5 models each, 90 days of usage.
// The rollups are seeded in SQL as the ingest statement leaves them (per day and fleet and model,
// per day, week and month and agent, per day, week and month and model and agent); reads never touch raw usage. Each query
// runs --samples times through the same service the page and GET /api/costs call; p50 and p95 in ms.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { TeamContext } from "@/lib/auth/context";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { percentile } from "../lib/server";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const AGENTS = arg("agents", 10_000);
const FLEETS = arg("fleets", 20);
const DAYS = arg("days", 90);
const SAMPLES = arg("samples", 30);
const MODELS = [
  ["anthropic", "claude-sonnet-4-5"],
  ["anthropic", "claude-haiku-4-5"],
  ["openai", "gpt-5"],
  ["openai", "gpt-5-mini"],
  ["google", "gemini-2.5-flash"],
];

async function seed(sql: postgres.Sql) {
  const [team] = await sql<{ id: string }[]>`insert into teams (name) values ('Bench') returning id`;
  if (!team) throw new Error("no team");
  await sql`insert into fleets (team_id, name) select ${team.id}, 'fleet-' || i from generate_series(1, ${FLEETS}) i`;
  await sql`
    insert into agents (team_id, fleet_id, name, status)
    select ${team.id}, f.id, 'agent-' || i, 'online' from generate_series(1, ${AGENTS}) i
    join (select id, row_number() over (order by name) - 1 as n from fleets where team_id = ${team.id}) f on f.n = i % ${FLEETS}`;
  const models = JSON.stringify(MODELS.map(([provider, model], i) => ({ provider, model, i })));
  // Per day, model and agent: the widest rollup (agents × models × days rows).
  await sql`
    insert into cost_agent_model_daily (team_id, provider, model, day, agent_id, fleet_id, input_tokens, output_tokens, cache_read_tokens,
      cache_write_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
    select ${team.id}, m.provider, m.model, current_date - d, a.id, a.fleet_id, t.input, t.output, t.input / 4, 0, t.calls,
      case when m.i % 2 = 0 then t.input * 3e-6 + t.output * 15e-6 else 0 end, case when m.i % 2 = 1 then t.input * 1e-6 + t.output * 5e-6 else 0 end,
      case when m.i = 4 then 1 else 0 end
    from agents a cross join generate_series(0, ${DAYS - 1}) d cross join jsonb_to_recordset(${models}::text::jsonb) m(provider text, model text, i int)
    cross join lateral (select 20000 + (hashtext(a.id::text || d) & 65535) as input, 4000 + (hashtext(a.name || d) & 8191) as output, 24 as calls) t
    where a.team_id = ${team.id}`;
  await sql`
    insert into cost_agent_daily (team_id, day, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost, unpriced_calls)
    select team_id, day, agent_id, min(fleet_id::text)::uuid, sum(input_tokens), sum(output_tokens), sum(calls), sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
    from cost_agent_model_daily where team_id = ${team.id} group by team_id, day, agent_id`;
  await sql`
    insert into cost_fleet_daily (team_id, day, fleet_id, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
      calls, reported_cost, estimated_cost, unpriced_calls)
    select team_id, day, fleet_id, provider, model, sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
      sum(calls), sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
    from cost_agent_model_daily where team_id = ${team.id} group by team_id, day, fleet_id, provider, model`;
  for (const unit of ["month", "week"] as const) {
    await sql`
      insert into ${sql(`cost_agent_${unit}ly`)} (team_id, ${sql(unit)}, agent_id, fleet_id, input_tokens, output_tokens, calls, reported_cost, estimated_cost,
        unpriced_calls)
      select team_id, date_trunc(${unit}, day)::date, agent_id, min(fleet_id::text)::uuid, sum(input_tokens), sum(output_tokens), sum(calls),
        sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
      from cost_agent_daily where team_id = ${team.id} group by 1, 2, 3`;
    await sql`
      insert into ${sql(`cost_agent_model_${unit}ly`)} (team_id, provider, model, ${sql(unit)}, agent_id, fleet_id, input_tokens, output_tokens, calls,
        reported_cost, estimated_cost, unpriced_calls)
      select team_id, provider, model, date_trunc(${unit}, day)::date, agent_id, min(fleet_id::text)::uuid, sum(input_tokens), sum(output_tokens),
        sum(calls), sum(reported_cost), sum(estimated_cost), sum(unpriced_calls)
      from cost_agent_model_daily where team_id = ${team.id} group by 1, 2, 3, 4, 5`;
  }
  for (const table of ["cost_agent_monthly", "cost_agent_model_monthly", "cost_agent_weekly", "cost_agent_model_weekly"]) await sql`vacuum analyze ${sql(table)}`;
  await sql`vacuum analyze cost_agent_model_daily`;
  await sql`vacuum analyze cost_agent_daily`;
  await sql`vacuum analyze cost_fleet_daily`;
  const [fleet] = await sql<{ id: string }[]>`select id from fleets where team_id = ${team.id} limit 1`;
  const [agent] = await sql<{ id: string }[]>`select id from agents where team_id = ${team.id} limit 1`;
  const [rows] = await sql<{ n: string }[]>`select (select count(*) from cost_agent_model_daily) + (select count(*) from cost_agent_daily) + (select count(*) from cost_fleet_daily)
    + (select count(*) from cost_agent_monthly) + (select count(*) from cost_agent_model_monthly)
    + (select count(*) from cost_agent_weekly) + (select count(*) from cost_agent_model_weekly) as n`;
  return { teamId: team.id, fleetId: fleet?.id ?? "", agentId: agent?.id ?? "", rows: Number(rows?.n) };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-costs-"));
  const pg = await startEmbeddedPostgres({ dataDir, fast: true });
  process.env.DATABASE_URL = pg.url;
  process.env.DATA_DIR = dataDir;
  try {
    const { db, closeDb } = await import("@/lib/db/client");
    const { summariseCosts } = await import("@/lib/server/costs/summary");
    const { exportCosts } = await import("@/lib/server/costs/export");
    const sql = await db();
    const started = performance.now();
    const world = await seed(sql);
    console.error(`seeded ${world.rows.toLocaleString("en")} rollup rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const ctx = { user: { id: "00000000-0000-0000-0000-000000000000", email: "bench@example.test", name: "Bench" }, team: { id: world.teamId, name: "Bench" }, role: "viewer", ip: "127.0.0.1" } as unknown as TeamContext;
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const firstOfMonth = (back: number) => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
    };
    // 30 days from a Tuesday (never the 1st): six loose days at the start, three at the end, three whole weeks, no whole month.
    const tuesday = (() => {
      let t = Date.now() - 50 * 86_400_000;
      while (new Date(t).getUTCDay() !== 2 || new Date(t).getUTCDate() === 1) t += 86_400_000;
      return t;
    })();
    const worst = { from: new Date(tuesday).toISOString().slice(0, 10), to: new Date(tuesday + 29 * 86_400_000).toISOString().slice(0, 10) };
    const time = async (run: () => Promise<unknown>) => {
      await run();
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: +percentile(ms, 50).toFixed(1), p95: +percentile(ms, 95).toFixed(1) };
    };
    const results = {
      agents: AGENTS, models: MODELS.length, days: DAYS, rollupRows: world.rows,
      // The page's default: last month and this month (whole months).
      teamDefault: await time(() => summariseCosts(ctx, {})),
      teamThreeMonths: await time(() => summariseCosts(ctx, { from: firstOfMonth(2), to: today })),
      oneFleetDefault: await time(() => summariseCosts(ctx, { fleetId: world.fleetId })),
      oneModelDefault: await time(() => summariseCosts(ctx, { provider: "openai", model: "gpt-5" })),
      oneAgent90Days: await time(() => summariseCosts(ctx, { agentId: world.agentId, from: daysAgo(DAYS - 1), to: today })),
      // Ranges zoomed to days (a brush): the loose days come from the daily rollups.
      team14Days: await time(() => summariseCosts(ctx, { from: daysAgo(13), to: today })),
      team30Days: await time(() => summariseCosts(ctx, { from: daysAgo(29), to: today })),
      oneModel30Days: await time(() => summariseCosts(ctx, { provider: "openai", model: "gpt-5", from: daysAgo(29), to: today })),
      team30DaysFromTuesday: await time(() => summariseCosts(ctx, worst)),
      oneModel30DaysFromTuesday: await time(() => summariseCosts(ctx, { provider: "openai", model: "gpt-5", ...worst })),
      csvByAgentDefault: await time(() => exportCosts(ctx, { by: "agent" })),
    };
    console.log(JSON.stringify(results));
    await closeDb();
  } finally {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
