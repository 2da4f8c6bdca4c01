import { describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat } from "../helpers/agent";
import { db } from "@/lib/db/client";
import { addMember, createFleet, createUser } from "../factories";

// Spend as the costs page reads it: the gateway's own figure where it priced the calls, else tokens ×
// the catalogue's price in force (the team's own first), else calls counted as unpriced; kept in
// rollups as heartbeats commit and moved when a price changes.

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const report = (over: Record<string, unknown> = {}) => ({
  day: today(), provider: "anthropic", model: "claude-haiku-4-5-20251001", inputTokens: 1_000_000, outputTokens: 100_000,
  cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, missingCostEntries: 2, calls: 2, ...over,
});
type Money = { costUsd: number; reportedUsd: number; estimatedUsd: number; unpricedCalls: number; inputTokens: number; calls: number };
type Summary = Money & { totals: Money; byModel: (Money & { provider: string; model: string })[]; byFleet: (Money & { name: string })[]; topAgents: (Money & { name: string })[]; daily: (Money & { day: string })[]; month: { toDateUsd: number; forecastUsd: number } };

async function setup() {
  const owner = await createUser("costs");
  const fleet = await createFleet(owner, "Spenders");
  const agent = await pairAgent(owner, (await createAgent(owner, fleet.id, { name: "prod-eu-2" })).id);
  const costs = async (query = "") => {
    const res = await call<{ costs: Summary }>("GET", `/api/costs${query}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    return res.body.costs;
  };
  return { owner, fleet, agent, costs };
}

describe("costs", () => {
  it("prices what the gateway could not from the catalogue, keeps the gateway's own figure, and counts the unpriced", async () => {
    const { agent, costs } = await setup();
    expect((await sendHeartbeat(agent, {
      usage: [],
      usageDaily: [
        report(), // Claude Haiku 4.5 at $1 in / $5 out per million, unpriced by the gateway: 1 + 0.5 = $1.50 estimated
        report({ model: "claude-sonnet-4-5", costUsd: 0.42, missingCostEntries: 0, calls: 3 }), // priced by the gateway
        report({ provider: "local", model: "my-own-llm", calls: 7, missingCostEntries: 7 }), // nobody knows it
      ],
    })).status).toBe(200);
    const c = await costs();
    expect(c.totals).toMatchObject({ costUsd: 1.92, reportedUsd: 0.42, estimatedUsd: 1.5, unpricedCalls: 7, calls: 12 });
    expect(c.byModel.map((m) => [m.provider, m.model, m.costUsd, m.reportedUsd, m.estimatedUsd, m.unpricedCalls])).toEqual([
      ["anthropic", "claude-haiku-4-5-20251001", 1.5, 0, 1.5, 0],
      ["anthropic", "claude-sonnet-4-5", 0.42, 0.42, 0, 0],
      ["local", "my-own-llm", 0, 0, 0, 7],
    ]);
    expect(c.byFleet).toEqual([expect.objectContaining({ name: "Spenders", costUsd: 1.92 })]);
    expect(c.topAgents).toEqual([expect.objectContaining({ name: "prod-eu-2", costUsd: 1.92, unpricedCalls: 7 })]);
    expect(c.month.toDateUsd).toBe(1.92);
    expect(c.month.forecastUsd).toBeGreaterThanOrEqual(1.92);
    // One model, and one agent: the same figures from the agent-and-model rollup.
    const sonnet = await costs("?provider=anthropic&model=claude-sonnet-4-5");
    expect(sonnet.totals).toMatchObject({ costUsd: 0.42, calls: 3 });
    expect(sonnet.topAgents).toEqual([expect.objectContaining({ name: "prod-eu-2", costUsd: 0.42 })]);
    const mine = await costs(`?agentId=${agent.id}`);
    expect(mine.totals).toEqual(c.totals);
    expect(mine.byModel).toEqual(c.byModel);
  });

  it("adds only what a cumulative report changed: repeats and lower reports add nothing", async () => {
    const { agent, costs } = await setup();
    await sendHeartbeat(agent, { usage: [], usageDaily: [report()] });
    await sendHeartbeat(agent, { usage: [], usageDaily: [report()] });
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 10, outputTokens: 1, calls: 1, missingCostEntries: 1 })] });
    expect((await costs()).totals).toMatchObject({ costUsd: 1.5, inputTokens: 1_000_000, calls: 2 });
    // Twice the tokens since: twice the spend.
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 2_000_000, outputTokens: 200_000, calls: 4, missingCostEntries: 4 })] });
    expect((await costs()).totals).toMatchObject({ costUsd: 3, inputTokens: 2_000_000, calls: 4 });
    // The gateway gives a figure of its own: it replaces the estimate (the calls it said it could not price stay counted).
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 2_000_000, outputTokens: 200_000, calls: 4, costUsd: 2.8 })] });
    expect((await costs()).totals).toMatchObject({ costUsd: 2.8, reportedUsd: 2.8, estimatedUsd: 0, unpricedCalls: 4 });
  });

  it("prices protocol v1 deltas (provider/model) the same way", async () => {
    const { agent, costs } = await setup();
    await sendHeartbeat(agent, { usage: [{ model: "anthropic/claude-haiku-4-5", inputTokens: 1_000_000, outputTokens: 0, costUsd: 0 }] });
    await sendHeartbeat(agent, { usage: [{ model: "anthropic/claude-haiku-4-5", inputTokens: 1_000_000, outputTokens: 0, costUsd: 0, calls: 5 }, { model: "mystery", inputTokens: 5, outputTokens: 5, costUsd: 0 }] });
    const c = await costs();
    expect(c.byModel.map((m) => [m.provider, m.model, m.estimatedUsd, m.unpricedCalls, m.calls])).toEqual([
      ["anthropic", "claude-haiku-4-5", 2, 0, 6],
      ["", "mystery", 0, 1, 1],
    ]);
  });

  it("reprices stored usage when the team sets its own price, from the day it takes effect, and back when it is removed", async () => {
    const { owner, agent, costs } = await setup();
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ day: yesterday() }), report()] });
    expect((await costs()).totals.costUsd).toBe(3);
    const set = await call<{ price: { id: string; source: string }; repriced: { days: number } }>("POST", "/api/prices", {
      cookie: owner.cookie,
      body: { provider: "anthropic", model: "claude-haiku-4-5", effectiveFrom: today(), inputPerMtok: 0.5, outputPerMtok: 2.5, note: "Negotiated" },
    });
    expect(set.status).toBe(201);
    expect(set.body).toMatchObject({ price: { source: "team" }, repriced: { days: 1 } });
    const c = await costs();
    expect(c.daily.map((d) => [d.day, d.costUsd])).toEqual([[yesterday(), 1.5], [today(), 0.75]]);
    // New usage is priced at the team's price as it arrives.
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 2_000_000, outputTokens: 200_000, calls: 3, missingCostEntries: 3 })] });
    expect((await costs()).totals.costUsd).toBe(3);
    expect((await call("DELETE", `/api/prices/${set.body.price.id}`, { cookie: owner.cookie })).status).toBe(204);
    const back = await costs();
    expect(back.totals.costUsd).toBe(4.5);
    // The per-agent rollups, daily and monthly, moved with the rest.
    expect(back.topAgents.map((a) => a.costUsd)).toEqual([4.5]);
    expect((await costs(`?from=${today()}&to=${today()}`)).topAgents.map((a) => a.costUsd)).toEqual([3]);
  });

  it("ranks agents over any days the same from whole weeks, months and loose days as from the days themselves", async () => {
    const { owner, fleet, agent, costs } = await setup();
    const other = await pairAgent(owner, (await createAgent(owner, fleet.id, { name: "prod-us-1" })).id);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    // A distinct power of two per day and agent: any day read twice or missed shows in the sum.
    const week = (base: number) => Array.from({ length: 8 }, (_, n) => report({ day: daysAgo(n), costUsd: 2 ** (n + base), missingCostEntries: 0 }));
    expect((await sendHeartbeat(agent, { usage: [], usageDaily: week(0) })).status).toBe(200);
    expect((await sendHeartbeat(other, { usage: [], usageDaily: week(8).map((r) => ({ ...r, model: "claude-sonnet-4-5" })) })).status).toBe(200);
    for (const [from, to] of [[7, 0], [7, 1], [3, 0], [6, 2], [0, 0]] as const) {
      for (const filter of ["", "&provider=anthropic&model=claude-sonnet-4-5"]) {
        const c = await costs(`?from=${daysAgo(from)}&to=${daysAgo(to)}${filter}`);
        const perDay = c.daily.reduce((t, d) => t + d.costUsd, 0);
        expect(c.topAgents.reduce((t, a) => t + a.costUsd, 0)).toBeCloseTo(perDay, 6);
        const expected = (base: number) => Array.from({ length: from - to + 1 }, (_, i) => 2 ** (to + i + base)).reduce((a, b) => a + b, 0);
        expect(c.topAgents.map((a) => [a.name, a.costUsd])).toEqual(
          filter ? [["prod-us-1", expected(8)]] : [["prod-us-1", expected(8)], ["prod-eu-2", expected(0)]],
        );
      }
    }
    // Each coarser rollup holds exactly the sums of the finest one.
    const sql = await db();
    for (const unit of ["week", "month"]) {
      const [diff] = await sql<{ n: number }[]>`
        select count(*)::int as n from (
          select agent_id, date_trunc(${unit}, day)::date as period, provider, model, sum(reported_cost + estimated_cost) as cost, sum(calls) as calls
          from cost_agent_model_daily where team_id = ${owner.teamId} group by 1, 2, 3, 4
          except
          select agent_id, ${sql(unit)}, provider, model, reported_cost + estimated_cost, calls
          from ${sql(`cost_agent_model_${unit}ly`)} where team_id = ${owner.teamId}
        ) d`;
      expect(diff?.n).toBe(0);
      const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(`cost_agent_${unit}ly`)} where team_id = ${owner.teamId}`;
      expect(rows?.n).toBeGreaterThan(0);
    }
  });

  it("lists the catalogue with today's price, the team's tier and availability", async () => {
    const { owner } = await setup();
    const list = await call<{ models: { model: string; tier: string; price: { inputPerMtok: number; source: string } }[] }>("GET", "/api/models?provider=anthropic&q=haiku-4-5", { cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(list.body.models).toEqual([expect.objectContaining({ model: "claude-haiku-4-5", tier: "fast", unavailable: false, price: expect.objectContaining({ inputPerMtok: 1, outputPerMtok: 5, source: "catalogue" }) })]);
    const patched = await call("PATCH", "/api/models", { cookie: owner.cookie, body: { provider: "anthropic", model: "claude-haiku-4-5", tier: "balanced", unavailable: true } });
    expect(patched.body).toMatchObject({ model: { tier: "balanced", unavailable: true, customised: true } });
    const history = await call<{ prices: unknown[] }>("GET", "/api/prices?provider=anthropic&model=claude-haiku-4-5", { cookie: owner.cookie });
    expect(history.body.prices).toEqual([expect.objectContaining({ source: "catalogue", inputPerMtok: 1 })]);
  });

  it("exports the figures as CSV, formulas defused", async () => {
    const { owner, agent } = await setup();
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ provider: "local", model: "=HYPERLINK(\"x\")" })] });
    const res = await call<string>("GET", "/api/costs/export?by=day", { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("day,provider,model,fleet_id,fleet,cost_usd,reported_usd,estimated_usd,unpriced_calls,input_tokens,output_tokens,calls");
    expect(lines[1]).toContain(`local,"'=HYPERLINK(""x"")"`);
    const agents = await call<string>("GET", "/api/costs/export?by=agent", { cookie: owner.cookie });
    expect(agents.body).toContain("prod-eu-2");
  });

  it("refuses bad input and other teams' scopes, and viewers' price edits", async () => {
    const { owner, fleet } = await setup();
    const other = await createUser("other-costs");
    const theirFleet = await createFleet(other, "Theirs");
    const theirAgent = await createAgent(other, theirFleet.id);
    const viewer = await addMember(owner.teamId, "viewer");
    const price = { provider: "anthropic", model: "claude-haiku-4-5", inputPerMtok: 1, outputPerMtok: 1 };
    for (const bad of [{ ...price, inputPerMtok: -1 }, { ...price, outputPerMtok: 1e9 }, { ...price, effectiveFrom: "2026-13-45" }, { ...price, model: "" }, { ...price, inputPerMtok: "1" }]) {
      const res = await call("POST", "/api/prices", { cookie: owner.cookie, body: bad });
      expect(res.status).toBe(422);
    }
    expect((await call("GET", `/api/costs?fleetId=${theirFleet.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/api/costs?agentId=${theirAgent.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/api/costs?from=2026-02-01&to=2026-01-01`, { cookie: owner.cookie })).status).toBe(422);
    expect((await call("GET", `/api/costs?fleetId=${fleet.id}`, { cookie: viewer.cookie })).status).toBe(200);
    expect((await call("POST", "/api/prices", { cookie: viewer.cookie, body: price })).status).toBe(403);
    const theirs = await call<{ price: { id: string } }>("POST", "/api/prices", { cookie: other.cookie, body: price });
    expect(theirs.status).toBe(201);
    expect((await call("DELETE", `/api/prices/${theirs.body.price.id}`, { cookie: owner.cookie })).status).toBe(404);
    // Their price is theirs alone.
    const mine = await call<{ prices: { source: string }[] }>("GET", "/api/prices?provider=anthropic&model=claude-haiku-4-5", { cookie: owner.cookie });
    expect(mine.body.prices.every((p) => p.source === "catalogue")).toBe(true);
    expect((await call("GET", "/api/costs", {})).status).toBe(401);
  });
});
