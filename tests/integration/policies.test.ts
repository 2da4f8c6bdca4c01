import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { deliverNow, slackReceiver } from "../helpers/receiver";
import { addMember, createFleet, createUser, type TestUser } from "../factories";

// Policies at team, fleet and agent level: merged per field (agent over fleet over team) with
// provenance, revisions written with optimistic concurrency and refused with the path of any
// contradiction, delivered through signed heartbeats and followed until every agent converges.
process.env.ALLOW_PRIVATE_WEBHOOKS = "1";

type Policy = { id: string; scope: string; targetId: string; currentRevision: number; document: Record<string, unknown> };
type Revision = { id: number; note: string; author: string; document: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string; agentId?: string }[] & { currentRevision?: number } } };
type AgentPolicy = {
  effective: { revision: number; document: Record<string, unknown>; provenance: Record<string, { level: string; policyId: string; revision: number }> };
  appliedRevision: number;
  state: string;
  policyStatus: { version: number; status: string; message?: string } | null;
  guard: { refusals: number; spendTodayUsd: number; lastRefusals: { tool: string; reason: string }[] } | null;
};
type Convergence = { revision: number; counts: { current: number; pending: number; failed: number; total: number }; agents: { id: string; state: string; message: string | null; appliedRevision: number; effectiveRevision: number }[] };

describe("policies", () => {
  let owner: TestUser;
  let fleetA: string;
  let fleetB: string;
  let agent: PairedAgent;
  let second: PairedAgent;
  let teamPolicy: Policy;
  let fleetPolicy: Policy;
  let agentPolicy: Policy;

  const create = (body: Record<string, unknown>, user = owner) => call<{ policy: Policy } & ErrorBody>("POST", "/api/policies", { cookie: user.cookie, body });
  const put = (id: string, body: Record<string, unknown>, user = owner) =>
    call<{ policy: Policy; revision: Revision } & ErrorBody>("PUT", `/api/policies/${id}`, { cookie: user.cookie, body });
  const effective = async (id: string) => (await call<AgentPolicy>("GET", `/api/agents/${id}/policy`, { cookie: owner.cookie })).body;
  const convergence = async (id: string) => (await call<Convergence>("GET", `/api/policies/${id}/convergence`, { cookie: owner.cookie })).body;
  const revisionCount = async () => Number((await (await db())`select count(*)::int as n from policy_revisions where team_id = ${owner.teamId}`)[0]?.n);

  beforeAll(async () => {
    owner = await createUser("policies");
    fleetA = (await createFleet(owner, "Alpha")).id;
    fleetB = (await createFleet(owner, "Beta")).id;
    agent = await pairAgent(owner, (await createAgent(owner, fleetA, { name: "alpha-1" })).id);
    second = await pairAgent(owner, (await createAgent(owner, fleetA, { name: "alpha-2" })).id);
    teamPolicy = (await create({ scope: "team" })).body.policy;
    fleetPolicy = (await create({ scope: "fleet", targetId: fleetA })).body.policy;
    agentPolicy = (await create({ scope: "agent", targetId: agent.id })).body.policy;
  });

  it("creates one policy per level, each empty until its first revision", async () => {
    expect(teamPolicy).toMatchObject({ scope: "team", targetId: owner.teamId, currentRevision: 0, document: {} });
    const again = await create({ scope: "fleet", targetId: fleetA });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ policyId: fleetPolicy.id });
    expect((await create({ scope: "fleet" })).status).toBe(422);
    const list = await call<{ policies: Policy[] }>("GET", "/api/policies", { cookie: owner.cookie });
    expect(list.body.policies.map((p) => p.scope)).toEqual(["team", "fleet", "agent"]);
  });

  it("merges per field, agent over fleet over team, and says where each value comes from", async () => {
    const team = await put(teamPolicy.id, { document: { allowedModels: ["anthropic/*", "openai/gpt-5-mini"], execMode: "ask", toolCallCostCapsUsd: { "*": 1 }, dailySpendCapUsd: 50 }, baseRevision: 0 });
    expect(team.status).toBe(200);
    const fleet = await put(fleetPolicy.id, { document: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5-mini"] }, tools: { deny: ["exec"] }, toolCallCostCapsUsd: { browser: 0.5 } }, baseRevision: 0 });
    const own = await put(agentPolicy.id, { document: { execMode: "deny", model: { fallbacks: [] } }, baseRevision: 0, note: "locked down" });
    expect(own.status).toBe(200);
    const [t, f, a] = [team.body.revision.id, fleet.body.revision.id, own.body.revision.id];
    expect(t).toBeLessThan(f);
    expect(f).toBeLessThan(a);

    const got = await effective(agent.id);
    expect(got.effective.revision).toBe(a);
    expect(got.effective.document).toEqual({
      model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: [] },
      allowedModels: ["anthropic/*", "openai/gpt-5-mini"],
      tools: { deny: ["exec"] },
      execMode: "deny",
      toolCallCostCapsUsd: { "*": 1, browser: 0.5 },
      dailySpendCapUsd: 50,
    });
    const from = (field: string) => [got.effective.provenance[field]?.level, got.effective.provenance[field]?.revision];
    expect(from("model.primary")).toEqual(["fleet", f]);
    expect(from("model.fallbacks")).toEqual(["agent", a]);
    expect(from("execMode")).toEqual(["agent", a]);
    expect(from("allowedModels")).toEqual(["team", t]);
    expect(from("toolCallCostCapsUsd.*")).toEqual(["team", t]);
    expect(from("toolCallCostCapsUsd.browser")).toEqual(["fleet", f]);
    // The other agent of the fleet has no override: the fleet's fallbacks and the team's exec mode.
    const other = await effective(second.id);
    expect(other.effective.revision).toBe(f);
    expect(other.effective.document).toMatchObject({ execMode: "ask", model: { fallbacks: ["openai/gpt-5-mini"] } });
  });

  it("refuses every contradiction with its path, writing nothing", async () => {
    const base = (await call<{ policy: Policy }>("GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie })).body.policy.currentRevision;
    const before = await revisionCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ allowedModels: ["anthropic/*"], model: { primary: "openai/gpt-5" } }, "model.primary"],
      [{ model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["anthropic/claude-haiku-4-5", "anthropic/claude-sonnet-4-5"] } }, "model.fallbacks[1]"],
      [{ model: { fallbacks: ["openai/gpt-5-mini", "openai/gpt-5-mini"] } }, "model.fallbacks[1]"],
      [{ tools: { allow: ["web", "exec"], deny: ["exec"] } }, "tools.deny[0]"],
      [{ tools: { allow: ["web", "web"] } }, "tools.allow[1]"],
      [{ allowedModels: ["anthropic/*", "anthropic/*"] }, "allowedModels[1]"],
      [{ model: { fallbacks: ["not a model"] } }, "model.fallbacks[0]"],
      [{ execMode: "sometimes" }, "execMode"],
      [{ toolCallCostCapsUsd: { exec: -1 } }, "toolCallCostCapsUsd.exec"],
    ];
    for (const [document, path] of cases) {
      const res = await put(fleetPolicy.id, { document, baseRevision: base });
      expect(res.status, path).toBe(422);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details?.map((d) => d.path), JSON.stringify(document)).toContain(path);
    }
    // The same checks in a dry run, which writes nothing either.
    const dry = await call<ErrorBody>("POST", `/api/policies/${fleetPolicy.id}/dry-run`, { cookie: owner.cookie, body: { document: { tools: { allow: ["a"], deny: ["a"] } } } });
    expect(dry.status).toBe(422);
    expect(dry.body.error.details?.[0]?.path).toBe("tools.deny[0]");
    expect(await revisionCount()).toBe(before);
  });

  it("refuses a level whose revision would contradict an agent's merged policy, naming the agent", async () => {
    const current = (await call<{ policy: Policy }>("GET", `/api/policies/${teamPolicy.id}`, { cookie: owner.cookie })).body.policy;
    // The fleet's primary is anthropic/claude-sonnet-4-5: a team allow list without it contradicts every agent of the fleet.
    const res = await put(teamPolicy.id, { document: { ...current.document, allowedModels: ["openai/*"] }, baseRevision: current.currentRevision });
    expect(res.status).toBe(422);
    const details = res.body.error.details ?? [];
    expect(details.map((d) => d.path)).toContain("model.primary");
    expect(details.map((d) => d.agentId)).toEqual(expect.arrayContaining([agent.id, second.id]));
    expect(details.find((d) => d.agentId === agent.id)?.message).toContain("alpha-1");
  });

  it("writes revisions with optimistic concurrency: a stale baseRevision answers 409", async () => {
    const current = (await call<{ policy: Policy }>("GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie })).body.policy;
    const first = await put(fleetPolicy.id, { document: { ...current.document, sandboxMode: "all" }, baseRevision: current.currentRevision, note: "sandbox" });
    expect(first.status).toBe(200);
    const stale = await put(fleetPolicy.id, { document: { ...current.document, sandboxMode: "off" }, baseRevision: current.currentRevision });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ currentRevision: first.body.revision.id });
    expect((await call<{ policy: Policy }>("GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie })).body.policy.document).toMatchObject({ sandboxMode: "all" });
  });

  it("keeps the history with author, note and what changed, audited; diffs any two revisions", async () => {
    const detail = await call<{ policy: Policy; revisions: (Omit<Revision, "document"> & { changes: { field: string; before: unknown; after: unknown }[] })[] }>(
      "GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie },
    );
    const [latest, first] = [detail.body.revisions[0], detail.body.revisions.at(-1)];
    expect(detail.body.revisions).toHaveLength(2);
    expect(latest).toMatchObject({ note: "sandbox", author: owner.email, changes: [{ field: "sandboxMode", before: null, after: "all" }] });
    expect(first?.changes.map((c) => c.field)).toEqual(["model.primary", "model.fallbacks", "tools.deny", "toolCallCostCapsUsd.browser"]);

    const one = await call<{ revision: Revision }>("GET", `/api/policies/${fleetPolicy.id}/revisions/${first?.id}`, { cookie: owner.cookie });
    expect(one.body.revision.document).toMatchObject({ tools: { deny: ["exec"] } });
    expect((await call("GET", `/api/policies/${teamPolicy.id}/revisions/${first?.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/api/policies/${fleetPolicy.id}/revisions/abc`, { cookie: owner.cookie })).status).toBe(404);

    const diff = await call<{ changes: { field: string; before: unknown; after: unknown }[] }>("GET", `/api/policies/${fleetPolicy.id}/diff?from=${latest?.id}&to=${first?.id}`, { cookie: owner.cookie });
    expect(diff.body.changes).toEqual([{ field: "sandboxMode", before: "all", after: null }]);
    expect((await call("GET", `/api/policies/${fleetPolicy.id}/diff?from=1&to=x`, { cookie: owner.cookie })).status).toBe(422);

    const audit = await (await db())<{ action: string; after: { revision: number; note: string } }[]>`
      select action, after from audit_log where team_id = ${owner.teamId} and target_id = ${fleetPolicy.id} order by created_at, id`;
    expect(audit.map((r) => r.action)).toEqual(["policy.create", "policy.revise", "policy.revise"]);
    expect(audit[2]?.after).toMatchObject({ revision: latest?.id, note: "sandbox" });
  });

  it("dry-runs a document: which agents would change and how, writing nothing", async () => {
    const current = (await call<{ policy: Policy }>("GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie })).body.policy;
    const before = await revisionCount();
    const res = await call<{ agents: { id: string; changes: { field: string; before: unknown; after: unknown }[] }[]; unchanged: number; changes: { field: string }[] }>(
      "POST", `/api/policies/${fleetPolicy.id}/dry-run`, { cookie: owner.cookie, body: { document: { ...current.document, execMode: "allowlist", model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["anthropic/claude-haiku-4-5"] } } } },
    );
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c) => c.field)).toEqual(["model.fallbacks", "execMode"]);
    // alpha-1 overrides execMode and its fallbacks: nothing changes for it. alpha-2 gets both.
    expect(res.body.unchanged).toBe(1);
    expect(res.body.agents).toEqual([
      { id: second.id, name: "alpha-2", fleetId: fleetA, changes: [{ field: "model.fallbacks", before: ["openai/gpt-5-mini"], after: ["anthropic/claude-haiku-4-5"] }, { field: "execMode", before: "ask", after: "allowlist" }] },
    ]);
    expect(await revisionCount()).toBe(before);
  });

  it("delivers the merged policy through signed heartbeats while the agent's version differs, and follows convergence", async () => {
    const target = await effective(agent.id);
    const behind = await sendHeartbeat(agent, { policyVersion: 0 });
    expect(behind.status).toBe(200);
    expect(behind.body.policy).toEqual({ version: target.effective.revision, ...target.effective.document });
    expect((await sendHeartbeat(agent, { policyVersion: target.effective.revision })).body.policy).toBeUndefined();

    const conv = await convergence(fleetPolicy.id);
    expect(conv.counts).toEqual({ current: 1, pending: 1, failed: 0, total: 2 });
    expect(conv.agents.map((a) => [a.id, a.state])).toEqual([[second.id, "pending"], [agent.id, "current"]]);
    expect((await effective(agent.id)).state).toBe("current");
  });

  it("shows a failed attempt with the gateway's reason while the previous revision stays in force", async () => {
    const target = (await effective(second.id)).effective.revision;
    const got = await sendHeartbeat(second, { policyVersion: 0 });
    expect((got.body.policy as { version: number }).version).toBe(target);
    const failed = await sendHeartbeat(second, { policyVersion: 0, policyStatus: { version: target, status: "failed", message: "config.patch: tools.exec.mode: invalid value" } });
    expect(failed.status).toBe(200);
    const state = await effective(second.id);
    expect(state).toMatchObject({ state: "failed", appliedRevision: 0, policyStatus: { version: target, status: "failed", message: "config.patch: tools.exec.mode: invalid value" } });
    const conv = await convergence(fleetPolicy.id);
    expect(conv.counts).toMatchObject({ current: 1, failed: 1, pending: 0 });
    expect(conv.agents[0]).toMatchObject({ id: second.id, state: "failed", message: "config.patch: tools.exec.mode: invalid value", appliedRevision: 0, effectiveRevision: target });
    // Applied later: current.
    await sendHeartbeat(second, { policyVersion: target, policyStatus: { version: target, status: "applied" } });
    expect((await convergence(fleetPolicy.id)).counts).toMatchObject({ current: 2, failed: 0 });
  });

  it("sends an agent moved to another fleet that fleet's policy, though its number is lower", async () => {
    const betaPolicy = (await create({ scope: "fleet", targetId: fleetB })).body.policy;
    const beta = await put(betaPolicy.id, { document: { sandboxMode: "non-main" }, baseRevision: 0 });
    const alphaCurrent = (await call<{ policy: Policy }>("GET", `/api/policies/${fleetPolicy.id}`, { cookie: owner.cookie })).body.policy;
    // A newer alpha revision, so that beta's is the lower number.
    const alpha = await put(fleetPolicy.id, { document: { ...alphaCurrent.document, sandboxMode: "off" }, baseRevision: alphaCurrent.currentRevision });
    expect(alpha.body.revision.id).toBeGreaterThan(beta.body.revision.id);
    const onAlpha = await sendHeartbeat(second, { policyVersion: 0 });
    const alphaVersion = (onAlpha.body.policy as { version: number }).version;
    expect(alphaVersion).toBe(alpha.body.revision.id);
    expect((await sendHeartbeat(second, { policyVersion: alphaVersion })).body.policy).toBeUndefined();

    expect((await call("PATCH", `/api/agents/${second.id}`, { cookie: owner.cookie, body: { fleetId: fleetB } })).status).toBe(200);
    const moved = await sendHeartbeat(second, { policyVersion: alphaVersion });
    const team = (await call<{ policy: Policy }>("GET", `/api/policies/${teamPolicy.id}`, { cookie: owner.cookie })).body.policy;
    const { version: movedVersion, ...movedDocument } = moved.body.policy as { version: number };
    expect(movedVersion).toBeGreaterThan(Math.max(alphaVersion, team.currentRevision));
    expect(movedDocument).toEqual({ ...team.document, sandboxMode: "non-main" });
    expect((await effective(second.id)).effective.revision).toBe(movedVersion);
    expect((await sendHeartbeat(second, { policyVersion: movedVersion })).body.policy).toBeUndefined();
  });

  it("sends a moved agent its new merged policy even when the team's revision is the newest on both sides", async () => {
    const gamma = (await createFleet(owner, "Wander from")).id;
    const delta = (await createFleet(owner, "Wander to")).id;
    const gammaPolicy = (await create({ scope: "fleet", targetId: gamma })).body.policy;
    expect((await put(gammaPolicy.id, { document: { tools: { deny: ["browser"] } }, baseRevision: 0 })).status).toBe(200);
    // The team's revision is written last, so it is the agent's effective revision in Gamma and in Delta.
    const team = (await call<{ policy: Policy }>("GET", `/api/policies/${teamPolicy.id}`, { cookie: owner.cookie })).body.policy;
    const newest = await put(teamPolicy.id, { document: { ...team.document, dailySpendCapUsd: 42 }, baseRevision: team.currentRevision });
    expect(newest.status).toBe(200);
    const wanderer = await pairAgent(owner, (await createAgent(owner, gamma, { name: "wanderer" })).id);
    const inGamma = (await sendHeartbeat(wanderer, { policyVersion: 0 })).body.policy as { version: number; tools?: unknown };
    expect(inGamma.version).toBe(newest.body.revision.id);
    expect(inGamma.tools).toEqual({ deny: ["browser"] });
    expect((await sendHeartbeat(wanderer, { policyVersion: inGamma.version })).body.policy).toBeUndefined();

    // Bulk "move to fleet" as well as the agent's own PATCH make the move a change the agent receives.
    const bulk = await call("POST", "/api/agents/bulk", { cookie: owner.cookie, body: { action: "move", args: { fleetId: delta }, selection: { ids: [wanderer.id] } } });
    expect(bulk.status).toBeLessThan(300);
    const inDelta = (await sendHeartbeat(wanderer, { policyVersion: inGamma.version })).body.policy as { version: number; tools?: unknown; dailySpendCapUsd?: number };
    expect(inDelta.version).toBeGreaterThan(inGamma.version);
    expect(inDelta.tools).toBeUndefined();
    expect(inDelta.dailySpendCapUsd).toBe(42);
    const delivered = await convergence(teamPolicy.id);
    expect(delivered.agents.find((a) => a.id === wanderer.id)).toMatchObject({ state: "pending", effectiveRevision: inDelta.version });
    expect((await sendHeartbeat(wanderer, { policyVersion: inDelta.version })).body.policy).toBeUndefined();
    expect((await convergence(teamPolicy.id)).agents.find((a) => a.id === wanderer.id)).toMatchObject({ state: "current" });

    expect((await call("PATCH", `/api/agents/${wanderer.id}`, { cookie: owner.cookie, body: { fleetId: gamma } })).status).toBe(200);
    const back = (await sendHeartbeat(wanderer, { policyVersion: inDelta.version })).body.policy as { version: number; tools?: unknown };
    expect(back.version).toBeGreaterThan(inDelta.version);
    expect(back.tools).toEqual({ deny: ["browser"] });
    // A PATCH that leaves the fleet as it is changes nothing.
    expect((await call("PATCH", `/api/agents/${wanderer.id}`, { cookie: owner.cookie, body: { fleetId: gamma, name: "wanderer 2" } })).status).toBe(200);
    expect((await sendHeartbeat(wanderer, { policyVersion: back.version })).body.policy).toBeUndefined();
  });

  it("refuses to move an agent into a fleet whose policy would contradict the agent's own, leaving it where it was", async () => {
    const mover = await createAgent(owner, fleetA, { name: "mover" });
    const own = (await create({ scope: "agent", targetId: mover.id })).body.policy;
    expect((await put(own.id, { document: { tools: { deny: ["exec"] } }, baseRevision: 0 })).status).toBe(200);
    const gamma = (await createFleet(owner, "Gamma")).id;
    const gammaPolicy = (await create({ scope: "fleet", targetId: gamma })).body.policy;
    expect((await put(gammaPolicy.id, { document: { tools: { allow: ["exec", "web"] } }, baseRevision: 0 })).status).toBe(200);
    const moved = await call<ErrorBody>("PATCH", `/api/agents/${mover.id}`, { cookie: owner.cookie, body: { fleetId: gamma } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details?.map((d) => d.path)).toEqual(["tools.deny[0]"]);
    const [row] = await (await db())<{ fleet_id: string }[]>`select fleet_id from agents where id = ${mover.id}`;
    expect(row?.fleet_id).toBe(fleetA);

    // A bulk move takes the others and leaves this one where it was, its item failed with the path.
    const follower = await createAgent(owner, fleetA, { name: "follower" });
    const bulk = await call<{ batch: { id: string } }>("POST", "/api/agents/bulk", { cookie: owner.cookie, body: { action: "move", args: { fleetId: gamma }, selection: { ids: [mover.id, follower.id] } } });
    expect(bulk.status).toBe(201);
    const fleets = await (await db())<{ id: string; fleet_id: string }[]>`select id, fleet_id from agents where id in (${mover.id}, ${follower.id})`;
    expect(Object.fromEntries(fleets.map((r) => [r.id, r.fleet_id]))).toEqual({ [mover.id]: fleetA, [follower.id]: gamma });
    const items = await (await db())<{ agent_id: string; status: string; message: string }[]>`select agent_id, status, message from batch_items where batch_id = ${bulk.body.batch.id}`;
    expect(items.find((i) => i.agent_id === mover.id)).toMatchObject({ status: "failed", message: expect.stringContaining("tools.deny[0]") });
    expect(items.find((i) => i.agent_id === follower.id)).toMatchObject({ status: "done", message: "Moved to Gamma" });
  });

  it("clears a level with an empty revision, keeping the history", async () => {
    const current = (await call<{ policy: Policy }>("GET", `/api/policies/${agentPolicy.id}`, { cookie: owner.cookie })).body.policy;
    const cleared = await put(agentPolicy.id, { document: {}, baseRevision: current.currentRevision, note: "back to the fleet's" });
    expect(cleared.status).toBe(200);
    const got = await effective(agent.id);
    expect(got.effective.revision).toBe(cleared.body.revision.id);
    expect(got.effective.provenance.execMode?.level).toBe("team");
    const history = await call<{ revisions: unknown[] }>("GET", `/api/policies/${agentPolicy.id}`, { cookie: owner.cookie });
    expect(history.body.revisions).toHaveLength(2);
  });

  it("lets viewers read but not write", async () => {
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await call("GET", `/api/policies/${fleetPolicy.id}`, { cookie: viewer.cookie })).status).toBe(200);
    expect((await put(fleetPolicy.id, { document: {}, baseRevision: 0 }, viewer)).status).toBe(403);
    const maintainer = await addMember(owner.teamId, "maintainer");
    const current = (await call<{ policy: Policy }>("GET", `/api/policies/${agentPolicy.id}`, { cookie: owner.cookie })).body.policy;
    expect((await put(agentPolicy.id, { document: { execMode: "auto" }, baseRevision: current.currentRevision }, maintainer)).status).toBe(200);
  });

  describe("guard reports and refusal alerts", () => {
    let slack: Awaited<ReturnType<typeof slackReceiver>>;
    beforeAll(async () => {
      slack = await slackReceiver();
    });
    afterAll(async () => slack.close());

    it("stores the guard's report and alerts on new refusals through the team's channels", async () => {
      const channel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: owner.cookie, body: { name: "#guard", type: "slack", config: { url: `${slack.url}/services/guard` } } });
      const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", {
        cookie: owner.cookie,
        body: { name: "Refusals", kind: "policy_refusal", scope: { type: "fleet", value: fleetA }, severity: "warning", squelchMinutes: 0, channelIds: [channel.body.channel.id] },
      });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      const guard = (refusals: number) => ({
        revision: 1,
        refusals,
        spendTodayUsd: 3.25,
        lastRefusals: refusals === 0 ? [] : [{ at: new Date().toISOString(), tool: "exec", reason: "exec is denied by policy" }],
      });
      await sendHeartbeat(agent, { guard: guard(0) });
      await deliverNow(owner.teamId);
      expect(slack.hits).toHaveLength(0);

      await sendHeartbeat(agent, { guard: guard(2) });
      const stored = await effective(agent.id);
      expect(stored.guard).toMatchObject({ refusals: 2, spendTodayUsd: 3.25, lastRefusals: [{ tool: "exec", reason: "exec is denied by policy" }] });
      await deliverNow(owner.teamId);
      expect(slack.hits).toHaveLength(1);
      expect(String(slack.hits[0]?.body.text)).toContain("2 tool calls refused: exec (exec is denied by policy)");

      // The same count again is nothing new; a heartbeat without a report keeps the last one.
      await sendHeartbeat(agent, { guard: guard(2) });
      await sendHeartbeat(agent);
      await deliverNow(owner.teamId);
      expect(slack.hits).toHaveLength(1);
      expect((await effective(agent.id)).guard?.refusals).toBe(2);
      const alerts = await (await db())`select detail from alerts where rule_id = ${rule.body.rule.id}`;
      expect(alerts).toHaveLength(1);
    });
  });
});
