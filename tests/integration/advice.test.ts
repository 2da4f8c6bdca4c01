import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { addMember, createFleet, createUser, type TestUser } from "../factories";

// Savings advice: cheaper models of the same tier for an agent's model, priced on the agent's own
// token mix, never a model the team marked unavailable; applied as set_model, or dismissed for 30 days.

type Advice = {
  agentId: string; agentName: string; fromModel: string; toModel: string; tier: string; savingPct: number;
  currentMonthlyUsd: number; proposedMonthlyUsd: number; savingMonthlyUsd: number; mix: { inputTokens: number; cacheReadTokens: number; days: number };
};
const today = () => new Date().toISOString().slice(0, 10);

async function setup() {
  const owner = await createUser("advice");
  const fleet = await createFleet(owner, "Prod");
  const agent = await pairAgent(owner, (await createAgent(owner, fleet.id, { name: "prod-eu-2" })).id);
  // Claude Sonnet 4.5 ($3 in, $15 out, $0.30 cache read per million): 1M in, 100k out, 2M cache reads today.
  const hb = await sendHeartbeat(agent, {
    usage: [],
    usageDaily: [{ day: today(), provider: "anthropic", model: "claude-sonnet-4-5-20250929", inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 2_000_000, costUsd: 0, calls: 40, missingCostEntries: 40 }],
  });
  expect(hb.status).toBe(200);
  const list = async (user: TestUser = owner) => {
    const res = await call<{ advice: Advice[] }>("GET", "/api/advice", { cookie: user.cookie });
    expect(res.status).toBe(200);
    return res.body.advice;
  };
  const setModel = (body: Record<string, unknown>) => call("PATCH", "/api/models", { cookie: owner.cookie, body: { provider: "anthropic", ...body } });
  return { owner, agent, list, setModel };
}

describe("savings advice", () => {
  it("prices a same-tier model on the agent's own mix, and never one the team marked unavailable", async () => {
    const { list, setModel, agent } = await setup();
    // Claude Sonnet 5 ($2 in, $10 out, $0.20 cache read) is in the same tier: per day 3 + 1.5 + 0.6 = $5.10
    // against 2 + 1 + 0.4 = $3.40, one day of usage taken as a 30-day month.
    const fromModel = "anthropic/claude-sonnet-4-5-20250929";
    expect(await list()).toEqual([
      expect.objectContaining({
        agentId: agent.id, agentName: "prod-eu-2", fromModel, toModel: "anthropic/claude-sonnet-5", tier: "balanced",
        currentMonthlyUsd: 153, proposedMonthlyUsd: 102, savingMonthlyUsd: 51, savingPct: 33, mix: expect.objectContaining({ inputTokens: 1_000_000, cacheReadTokens: 2_000_000, days: 1 }),
      }),
    ]);
    // The tier map is the team's to edit: Haiku 4.5 ($1, $5, $0.10) moved into the tier is the better saving.
    expect((await setModel({ model: "claude-haiku-4-5", tier: "balanced" })).status).toBe(200);
    const advice = await list();
    expect(advice.map((a) => [a.toModel, a.proposedMonthlyUsd, a.savingMonthlyUsd, a.savingPct])).toEqual([
      ["anthropic/claude-haiku-4-5", 51, 102, 67],
      ["anthropic/claude-sonnet-5", 102, 51, 33],
    ]);
    expect((await setModel({ model: "claude-haiku-4-5", unavailable: true })).status).toBe(200);
    expect((await list()).map((a) => a.toModel)).toEqual(["anthropic/claude-sonnet-5"]);
    expect((await setModel({ model: "claude-sonnet-5", unavailable: true })).status).toBe(200);
    expect(await list()).toEqual([]);
  });

  it("dismisses for 30 days, for that agent and pair of models only", async () => {
    const { owner, list, setModel, agent } = await setup();
    await setModel({ model: "claude-haiku-4-5", tier: "balanced" });
    const body = { agentId: agent.id, fromModel: "anthropic/claude-sonnet-4-5-20250929", toModel: "anthropic/claude-haiku-4-5" };
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await call("POST", "/api/advice/dismiss", { cookie: viewer.cookie, body })).status).toBe(403);
    const res = await call<{ dismissedUntil: string }>("POST", "/api/advice/dismiss", { cookie: owner.cookie, body });
    expect(res.status).toBe(200);
    const days = (Date.parse(res.body.dismissedUntil) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await list()).map((a) => a.toModel)).toEqual(["anthropic/claude-sonnet-5"]);
    // Thirty days on, it is back.
    const sql = await db();
    await sql`update advice_dismissals set until = now() - interval '1 second' where agent_id = ${agent.id}`;
    expect((await list()).map((a) => a.toModel)).toEqual(["anthropic/claude-haiku-4-5", "anthropic/claude-sonnet-5"]);
    const other = await createUser("other");
    expect((await call("POST", "/api/advice/dismiss", { cookie: other.cookie, body })).status).toBe(404);
  });

  it("applies as set_model (audited), delivered by the next heartbeat and done when the agent acknowledges it", async () => {
    const { owner, setModel, agent } = await setup();
    await setModel({ model: "claude-haiku-4-5", tier: "balanced" });
    const body = { agentId: agent.id, fromModel: "anthropic/claude-sonnet-4-5-20250929", toModel: "anthropic/claude-haiku-4-5" };
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await call("POST", "/api/advice/apply", { cookie: viewer.cookie, body })).status).toBe(403);
    expect((await call("POST", "/api/advice/apply", { cookie: owner.cookie, body: { ...body, toModel: "anthropic/claude-opus-4-1" } })).status).toBe(409);
    expect((await call("POST", "/api/advice/apply", { cookie: owner.cookie, body: { ...body, toModel: "not a model" } })).status).toBe(422);
    const other = await createUser("other");
    expect((await call("POST", "/api/advice/apply", { cookie: other.cookie, body })).status).toBe(404);

    const maintainer = await addMember(owner.teamId, "maintainer");
    const res = await call<{ command: { id: string; type: string; args: { model: string }; status: string } }>("POST", "/api/advice/apply", { cookie: maintainer.cookie, body });
    expect(res.status).toBe(201);
    expect(res.body.command).toMatchObject({ type: "set_model", args: { model: "anthropic/claude-haiku-4-5" }, status: "pending" });
    const sql = await db();
    const audit = await sql<{ action: string; actor_id: string }[]>`select action, actor_id from audit_log where team_id = ${owner.teamId} and target_id = ${agent.id} order by id`;
    const applied = audit.filter((a) => a.actor_id === maintainer.id);
    expect(applied.map((a) => a.action)).toEqual(["agent.command.set_model", "advice.apply"]);

    const delivered = await sendHeartbeat(agent as PairedAgent);
    expect(delivered.body.commands).toEqual([{ id: res.body.command.id, type: "set_model", args: { model: "anthropic/claude-haiku-4-5" } }]);
    await sendHeartbeat(agent, { acks: [{ commandId: res.body.command.id, status: "done", message: "model set" }] });
    const commands = await call<{ commands: { id: string; status: string }[] }>("GET", `/api/agents/${agent.id}/commands`, { cookie: owner.cookie });
    expect(commands.body.commands.find((c) => c.id === res.body.command.id)?.status).toBe("done");
  });
});
