import { describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat } from "../helpers/agent";
import { createFleet, createUser } from "../factories";

// The gateway's own usage (heartbeat `usageDaily`, cumulative per UTC day and model): kept as the
// largest figure ever reported, so retries, spooled heartbeats and restarts never count twice or lose
// a count; shown per day and model with the cost as the gateway priced it.

const today = () => new Date().toISOString().slice(0, 10);
const report = (over: Record<string, unknown> = {}) => ({
  day: today(), provider: "standin", model: "standin-model", inputTokens: 1200, outputTokens: 300, cacheReadTokens: 100, cacheWriteTokens: 0,
  costUsd: 0.0081, missingCostEntries: 0, calls: 1, ...over,
});
type Usage = { usage: Record<string, unknown>[]; totals: Record<string, number>; usageError: string | null };

async function setup() {
  const owner = await createUser("usage");
  const fleet = await createFleet(owner, "Usage");
  const agent = await pairAgent(owner, (await createAgent(owner, fleet.id, { name: "spender" })).id);
  const read = async () => (await call<Usage>("GET", `/api/agents/${agent.id}/usage`, { cookie: owner.cookie })).body;
  return { owner, agent, read };
}

describe("the gateway's usage per day and model", () => {
  it("keeps the largest cumulative figures: repeats and lower reports change nothing", async () => {
    const { agent, read } = await setup();
    expect((await sendHeartbeat(agent, { usage: [], usageDaily: [report()] })).status).toBe(200);
    const first = await read();
    expect(first.usage).toEqual([{ ...report(), source: "gateway" }]);
    // The same report again (a retried or spooled heartbeat), and a lower one (a cache still filling).
    await sendHeartbeat(agent, { usage: [], usageDaily: [report()] });
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 10, outputTokens: 5, costUsd: 0.0001, calls: 0 })] });
    expect((await read()).usage).toEqual(first.usage);
    // More turns since: the figures grow.
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ inputTokens: 2400, outputTokens: 600, costUsd: 0.0162, calls: 2 }), report({ model: "other", costUsd: 0.5, missingCostEntries: 3, calls: 4 })] });
    const grown = await read();
    expect(grown.usage.map((u) => [u.model, u.inputTokens, u.costUsd, u.missingCostEntries, u.calls])).toEqual([
      ["other", 1200, 0.5, 3, 4],
      ["standin-model", 2400, 0.0162, 0, 2],
    ]);
    expect(grown.totals).toMatchObject({ costUsd: 0.5162, inputTokens: 3600, missingCostEntries: 3 });
    expect(grown.usageError).toBeNull();
  });

  it("shows why the agent could not read usage, until it can again", async () => {
    const { agent, read } = await setup();
    await sendHeartbeat(agent, { usage: [], usageError: "no gateway token in /home/x/.openclaw/openclaw.json (gateway.auth.token)" });
    expect((await read()).usageError).toContain("no gateway token");
    await sendHeartbeat(agent, { usage: [] });
    expect((await read()).usageError).toBeNull();
  });

  it("lists older agents' reported deltas by day too, marked as reported", async () => {
    const { agent, read } = await setup();
    await sendHeartbeat(agent);
    await sendHeartbeat(agent);
    const { usage } = await read();
    expect(usage).toEqual([expect.objectContaining({ model: "anthropic/claude-sonnet-4-5", inputTokens: 2400, outputTokens: 680, costUsd: 0.0174, source: "agent" })]);
  });

  it("fires a daily spend rule from the gateway's figures as the heartbeat arrives", async () => {
    const { owner, agent } = await setup();
    expect((await call("POST", "/api/alerts/rules", { cookie: owner.cookie, body: { name: "Spend", kind: "daily_spend", threshold: 1 } })).status).toBe(201);
    const alerts = async () => (await call<{ alerts: { state: string; detail: string }[] }>("GET", `/api/alerts?agentId=${agent.id}`, { cookie: owner.cookie })).body.alerts;
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ costUsd: 0.6 })] });
    // Repeating the same cumulative figure does not add up to more.
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ costUsd: 0.6 })] });
    expect(await alerts()).toEqual([]);
    await sendHeartbeat(agent, { usage: [], usageDaily: [report({ costUsd: 0.6 }), report({ model: "second", costUsd: 0.5 })] });
    expect(await alerts()).toEqual([expect.objectContaining({ state: "open", detail: "Spent $1.10 today (limit $1)" })]);
  });

  it.each([
    ["two entries for one model", [report(), report()]],
    ["a day far from today", [report({ day: "2020-01-01" })]],
    ["a malformed day", [report({ day: "yesterday" })]],
    ["negative tokens", [report({ inputTokens: -1 })]],
    ["a model name with control characters", [report({ model: "a\u0007b" })]],
    ["an unknown field", [{ ...report(), extra: 1 }]],
  ])("refuses %s with 422, writing nothing", async (_name, usageDaily) => {
    const { agent, read } = await setup();
    const res = await sendHeartbeat(agent, { usage: [], usageDaily });
    expect(res.status).toBe(422);
    expect((await read()).usage).toEqual([]);
  });

  it("answers another team's agent with 404 and a bad window with 422", async () => {
    const { owner, agent } = await setup();
    const other = await createUser("other");
    expect((await call("GET", `/api/agents/${agent.id}/usage`, { cookie: other.cookie })).status).toBe(404);
    for (const days of ["0", "1000", "x"]) expect((await call("GET", `/api/agents/${agent.id}/usage?days=${days}`, { cookie: owner.cookie })).status).toBe(422);
  });
});
