import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMember, createFleet, createUser, type TestUser } from "../factories";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { call } from "../helpers/api";
import { INJECTIONS } from "../helpers/samples";
import { snapshot } from "../helpers/snapshot";

// The model kill switch: one transaction revises every policy deciding the model of the agents in
// scope (created where missing), queues clear_session_models per agent as one batch, and the view
// counts an agent confirmed only once its gateway reports the backup. Revert restores what no one
// changed since. Real PostgreSQL, signed heartbeats.

type Rotation = { id: string; createdAt: string; agentCount: number; backup: string; note: string; batchId: string; revertedAt: string | null; counts: { confirmed: number; pending: number; failed: number; total: number }; pins: { done: number; pending: number; failed: number; cleared: number } };
type PolicyWrite = { policyId: string | null; level: string; targetId: string; created: boolean; beforeRevision: number; afterRevision: number | null; revertRevision?: number | null };
type RotationAgent = { id: string; state: string; gatewayModel: string | null; confirmedAt: string | null; message: string | null; pins: string; pinsMessage: string | null };

const BACKUP = "openai/gpt-5-mini";
const PRIMARY = "anthropic/claude-sonnet-4-5";

let owner: TestUser;
let maintainer: TestUser;
let viewer: TestUser;
let other: TestUser;
let fleetA: { id: string; name: string };
let fleetB: { id: string; name: string };
let otherFleet: { id: string };
let a: PairedAgent[];
let b: PairedAgent[];
let otherAgent: string;

const rotate = (user: TestUser, body: unknown) => call<{ rotation: Rotation; error?: { code: string; message: string; details?: unknown } }>("POST", "/api/rotations", { cookie: user.cookie, body });
const preview = (user: TestUser, body: unknown) =>
  call<{ agents: number; scopeLabel: string; policies: PolicyWrite[]; problems: { path: string; message: string; policyId: string | null }[] }>("POST", "/api/rotations/preview", { cookie: user.cookie, body });
async function view(user: TestUser, id: string, query = "") {
  const res = await call<{ rotation: Rotation; policies: PolicyWrite[]; agents: RotationAgent[] }>("GET", `/api/rotations/${id}${query}`, { cookie: user.cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function policyOf(user: TestUser, scope: string, targetId?: string) {
  const body = targetId ? { scope, targetId } : { scope };
  const made = await call<{ policy: { id: string }; error?: { details: { policyId: string } } }>("POST", "/api/policies", { cookie: user.cookie, body });
  return made.status === 201 ? made.body.policy.id : (made.body.error?.details.policyId ?? "");
}
async function put(user: TestUser, policyId: string, document: unknown) {
  const current = await call<{ policy: { currentRevision: number } }>("GET", `/api/policies/${policyId}`, { cookie: user.cookie });
  const res = await call<{ revision: { id: number } }>("PUT", `/api/policies/${policyId}`, { cookie: user.cookie, body: { document, baseRevision: current.body.policy.currentRevision } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.revision.id;
}
const documentOf = async (user: TestUser, policyId: string) =>
  (await call<{ policy: { document: Record<string, unknown>; currentRevision: number } }>("GET", `/api/policies/${policyId}`, { cookie: user.cookie })).body.policy;
/** What the agent's next heartbeat hears, as the agent would apply it: the merged policy and its commands. */
const beat = (agent: PairedAgent, extra: Record<string, unknown> = {}) => sendHeartbeat(agent, extra);
const gateway = (model: string) => ({ gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 3, version: "2026.9.6", model } });
async function closeOpenCommands() {
  const sql = await db();
  await sql`update commands set status = 'done' where team_id = ${owner.teamId} and status in ('pending', 'delivered')`;
}

beforeAll(async () => {
  owner = await createUser("rot-owner");
  maintainer = await addMember(owner.teamId, "maintainer");
  viewer = await addMember(owner.teamId, "viewer");
  other = await createUser("rot-other");
  fleetA = await createFleet(owner, "Rot A");
  fleetB = await createFleet(owner, "Rot B");
  otherFleet = await createFleet(other, "Theirs");
  a = [];
  b = [];
  for (let i = 0; i < 3; i++) a.push(await pairAgent(owner, (await createAgent(owner, fleetA.id, { name: `a-${i}`, tags: i === 0 ? ["canary"] : [] })).id));
  for (let i = 0; i < 2; i++) b.push(await pairAgent(owner, (await createAgent(owner, fleetB.id, { name: `b-${i}`, tags: ["canary"] })).id));
  otherAgent = (await createAgent(other, otherFleet.id)).id;
  for (const agent of [...a, ...b]) await beat(agent, gateway(PRIMARY));
});

describe("model rotations", () => {
  it("team scope: revises the team policy and every lower level that sets the model, queues pin clearing, and confirms agents only by read-back", async () => {
    const team = await policyOf(owner, "team");
    await put(owner, team, { model: { primary: PRIMARY }, execMode: "ask" });
    const fleetPolicy = await policyOf(owner, "fleet", fleetA.id);
    await put(owner, fleetPolicy, { model: { primary: "anthropic/claude-opus-4", fallbacks: [PRIMARY] }, sandboxMode: "all" });
    const fleetBPolicy = await policyOf(owner, "fleet", fleetB.id);
    await put(owner, fleetBPolicy, { execMode: "deny" });

    const seen = await preview(viewer, { scope: { type: "team" }, backup: BACKUP });
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body.agents).toBe(5);
    expect(seen.body.problems).toEqual([]);
    expect(seen.body.policies.map((p) => p.policyId).sort()).toEqual([team, fleetPolicy].sort());

    const res = await rotate(maintainer, { scope: { type: "team" }, backup: BACKUP, expectedAgents: 5, note: "provider outage" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { rotation } = res.body;
    expect(rotation).toMatchObject({ agentCount: 5, backup: BACKUP, note: "provider outage", counts: { confirmed: 0, pending: 5, failed: 0, total: 5 }, pins: { pending: 5 } });
    // Other settings stay; the model is the backup with no fallbacks at both levels.
    expect((await documentOf(owner, team)).document).toEqual({ model: { primary: BACKUP, fallbacks: [] }, execMode: "ask" });
    expect((await documentOf(owner, fleetPolicy)).document).toEqual({ model: { primary: BACKUP, fallbacks: [] }, sandboxMode: "all" });
    expect((await documentOf(owner, fleetBPolicy)).document).toEqual({ execMode: "deny" });

    const [first, second] = a;
    if (!first || !second) throw new Error("no agents");
    const heard = await beat(first, gateway(PRIMARY));
    expect(heard.body.policy).toMatchObject({ model: { primary: BACKUP, fallbacks: [] }, execMode: "ask", sandboxMode: "all" });
    const clear = heard.body.commands.find((c) => c.type === "clear_session_models");
    expect(clear?.args).toEqual({ keep: BACKUP });
    // The policy arrived, but until the gateway says so the agent is pending.
    expect((await view(owner, rotation.id)).rotation.counts).toMatchObject({ confirmed: 0, pending: 5 });
    const version = (heard.body.policy as { version: number }).version;
    await beat(first, { ...gateway(BACKUP), policyVersion: version, policyStatus: { version, status: "applied" }, acks: [{ commandId: clear?.id, status: "done", message: "cleared 2 pinned sessions (0 kept on the backup)" }] });
    // A gateway that refused the revision fails the agent, with the gateway's reason.
    const refused = await beat(second, gateway(PRIMARY));
    const v2 = (refused.body.policy as { version: number }).version;
    await beat(second, { ...gateway(PRIMARY), policyVersion: 0, policyStatus: { version: v2, status: "failed", message: "unknown model openai/gpt-5-mini" } });

    const after = await view(viewer, rotation.id);
    expect(after.rotation.counts).toEqual({ confirmed: 1, pending: 3, failed: 1, total: 5 });
    expect(after.rotation.pins).toMatchObject({ done: 1, cleared: 2 });
    expect(after.agents[0]).toMatchObject({ id: second.id, state: "failed", message: expect.stringContaining("unknown model") });
    const confirmed = after.agents.find((x) => x.id === first.id);
    expect(confirmed).toMatchObject({ state: "confirmed", gatewayModel: BACKUP, pins: "done" });
    expect(Date.parse(confirmed?.confirmedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(rotation.createdAt));
    expect((await view(owner, rotation.id, "?state=confirmed")).agents.map((x) => x.id)).toEqual([first.id]);
    const agentPage = await call<{ agent: { gateway: { model: string }; gatewayModelSince: string } }>("GET", `/api/agents/${first.id}`, { cookie: viewer.cookie });
    expect(agentPage.body.agent.gateway.model).toBe(BACKUP);
    expect(agentPage.body.agent.gatewayModelSince).toBe(confirmed?.confirmedAt);

    const sql = await db();
    const audits = await sql<{ action: string; n: number }[]>`
      select action, count(*)::int as n from audit_log where team_id = ${owner.teamId} and created_at >= ${new Date(Date.parse(rotation.createdAt) - 1000)}
        and action in ('rotation.create', 'policy.revise', 'batch.create', 'agent.command.clear_session_models')
        and (action <> 'policy.revise' or after->>'note' like 'Model kill switch%') group by action order by action`;
    expect(Object.fromEntries(audits.map((r) => [r.action, r.n]))).toEqual({ "agent.command.clear_session_models": 5, "batch.create": 1, "policy.revise": 2, "rotation.create": 1 });

    // Revert: both policies get their documents back; the list shows it reverted.
    const reverted = await call<{ rotation: Rotation; restored: PolicyWrite[]; skipped: PolicyWrite[] }>("POST", `/api/rotations/${rotation.id}/revert`, { cookie: owner.cookie });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.restored.map((p) => p.policyId).sort()).toEqual([team, fleetPolicy].sort());
    expect(reverted.body.skipped).toEqual([]);
    expect((await documentOf(owner, team)).document).toEqual({ model: { primary: PRIMARY }, execMode: "ask" });
    expect((await documentOf(owner, fleetPolicy)).document).toEqual({ model: { primary: "anthropic/claude-opus-4", fallbacks: [PRIMARY] }, sandboxMode: "all" });
    expect(reverted.body.rotation.revertedAt).not.toBeNull();
    const again = await call<{ error: { code: string } }>("POST", `/api/rotations/${rotation.id}/revert`, { cookie: owner.cookie });
    expect(again.status).toBe(409);
    const list = await call<{ rotations: Rotation[] }>("GET", "/api/rotations", { cookie: viewer.cookie });
    expect(list.body.rotations[0]).toMatchObject({ id: rotation.id, revertedAt: reverted.body.rotation.revertedAt });
    const [revertAudit] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where team_id = ${owner.teamId} and action = 'rotation.revert' and target_id = ${rotation.id}`;
    expect(revertAudit?.n).toBe(1);
    await closeOpenCommands();
  });

  it("fleet scope: creates the fleet's policy when missing and revises agent policies in it that set the model; revert leaves a policy changed since and lists it", async () => {
    const [b0, b1] = b;
    if (!b0 || !b1) throw new Error("no agents");
    const sql = await db();
    await sql`delete from policies where team_id = ${owner.teamId} and target_id = ${fleetB.id}`;
    const agentPolicy = await policyOf(owner, "agent", b0.id);
    await put(owner, agentPolicy, { model: { fallbacks: ["anthropic/claude-haiku-4"] } });
    const untouched = await policyOf(owner, "agent", b1.id);
    await put(owner, untouched, { execMode: "full" });
    const res = await rotate(owner, { scope: { type: "fleet", fleetId: fleetB.id }, backup: BACKUP, fallbacks: ["anthropic/claude-haiku-4"], expectedAgents: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { policies } = await view(owner, res.body.rotation.id);
    expect(policies).toHaveLength(2);
    const created = policies.find((p) => p.level === "fleet");
    expect(created).toMatchObject({ targetId: fleetB.id, created: true, beforeRevision: 0 });
    expect((await documentOf(owner, created?.policyId ?? "")).document).toEqual({ model: { primary: BACKUP, fallbacks: ["anthropic/claude-haiku-4"] } });
    expect((await documentOf(owner, agentPolicy)).document).toEqual({ model: { primary: BACKUP, fallbacks: ["anthropic/claude-haiku-4"] } });
    expect((await documentOf(owner, untouched)).document).toEqual({ execMode: "full" });

    // Someone edits the agent policy after the rotation: revert leaves it.
    await put(owner, agentPolicy, { model: { primary: "anthropic/claude-opus-4" } });
    const reverted = await call<{ restored: PolicyWrite[]; skipped: (PolicyWrite & { currentRevision: number })[] }>("POST", `/api/rotations/${res.body.rotation.id}/revert`, { cookie: maintainer.cookie });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.restored.map((p) => p.policyId)).toEqual([created?.policyId]);
    expect(reverted.body.skipped.map((p) => p.policyId)).toEqual([agentPolicy]);
    expect((await documentOf(owner, created?.policyId ?? "")).document).toEqual({});
    expect((await documentOf(owner, agentPolicy)).document).toEqual({ model: { primary: "anthropic/claude-opus-4" } });
    await closeOpenCommands();
  });

  it("tag and selection scopes write each agent's own policy (created if missing), resolved inside the team", async () => {
    const tagged = await rotate(owner, { scope: { type: "tag", tag: "canary" }, backup: BACKUP, expectedAgents: 3 });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(201);
    const tagView = await view(owner, tagged.body.rotation.id);
    expect(tagView.policies.map((p) => p.level)).toEqual(["agent", "agent", "agent"]);
    expect(tagView.policies.map((p) => p.targetId).sort()).toEqual([a[0]?.id, ...b.map((x) => x.id)].sort());
    await closeOpenCommands();

    const ids = [a[1]?.id, a[2]?.id];
    const selected = await rotate(owner, { scope: { type: "selection", selection: { ids } }, backup: BACKUP, expectedAgents: 2 });
    expect(selected.status, JSON.stringify(selected.body)).toBe(201);
    const selView = await view(owner, selected.body.rotation.id);
    expect(selView.policies.every((p) => p.level === "agent" && p.created)).toBe(true);
    expect(selView.agents.map((x) => x.id).sort()).toEqual([...ids].sort());
    await closeOpenCommands();

    const filtered = await rotate(owner, { scope: { type: "selection", selection: { filter: { fleetId: fleetA.id } } }, backup: BACKUP, expectedAgents: 3 });
    expect(filtered.status, JSON.stringify(filtered.body)).toBe(201);
    expect(filtered.body.rotation.agentCount).toBe(3);
    await closeOpenCommands();
  });

  it("answers 409 with the new count when the scope changed since the dialog, and 422 naming the policy and path of a contradiction; nothing is written", async () => {
    const before = await snapshot([owner.teamId], []);
    const stale = await rotate(owner, { scope: { type: "team" }, backup: BACKUP, expectedAgents: 4 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.details).toEqual({ agents: 5 });

    const fleetPolicy = await policyOf(owner, "fleet", fleetA.id);
    await put(owner, fleetPolicy, { allowedModels: ["anthropic/*", "openai/*"] });
    const mid = await snapshot([owner.teamId], []);
    const contradicted = await rotate(owner, { scope: { type: "team" }, backup: "google/gemini-2.5-flash", expectedAgents: 5 });
    expect(contradicted.status).toBe(422);
    const details = contradicted.body.error?.details as { path: string; message: string; policyId: string | null }[];
    expect(details).toContainEqual(expect.objectContaining({ path: "allowedModels", policyId: fleetPolicy }));
    const seen = await preview(owner, { scope: { type: "team" }, backup: "google/gemini-2.5-flash" });
    expect(seen.body.problems).toContainEqual(expect.objectContaining({ path: "allowedModels", policyId: fleetPolicy }));
    const fallbackIsBackup = await rotate(owner, { scope: { type: "fleet", fleetId: fleetB.id }, backup: BACKUP, fallbacks: [BACKUP], expectedAgents: 2 });
    expect(fallbackIsBackup.status).toBe(422);
    expect(fallbackIsBackup.body.error?.details).toContainEqual(expect.objectContaining({ path: "model.fallbacks[0]" }));
    expect(await snapshot([owner.teamId], [])).toBe(mid);
    await put(owner, fleetPolicy, {});
    expect(before).not.toBe(mid);
  });

  it("viewers read but may not rotate or revert; other teams' ids answer 404; bad input never 500s", async () => {
    const before = await snapshot([owner.teamId, other.teamId], []);
    expect((await rotate(viewer, { scope: { type: "team" }, backup: BACKUP, expectedAgents: 5 })).status).toBe(403);
    const [latest] = (await call<{ rotations: Rotation[] }>("GET", "/api/rotations", { cookie: owner.cookie })).body.rotations;
    expect((await call("POST", `/api/rotations/${latest?.id}/revert`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call("GET", `/api/rotations/${latest?.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call("POST", `/api/rotations/${latest?.id}/revert`, { cookie: other.cookie })).status).toBe(404);
    expect((await rotate(owner, { scope: { type: "fleet", fleetId: otherFleet.id }, backup: BACKUP, expectedAgents: 1 })).status).toBe(404);
    expect((await rotate(owner, { scope: { type: "selection", selection: { ids: [a[0]?.id, otherAgent] } }, backup: BACKUP, expectedAgents: 2 })).status).toBe(404);
    expect((await preview(owner, { scope: { type: "fleet", fleetId: otherFleet.id }, backup: BACKUP })).status).toBe(404);
    for (const body of [{}, { scope: { type: "team" } }, { scope: { type: "team" }, backup: "not a model", expectedAgents: 1 }, { scope: { type: "galaxy" }, backup: BACKUP, expectedAgents: 1 }, { scope: { type: "tag", tag: "Not A Tag!" }, backup: BACKUP, expectedAgents: 1 }, [1, 2], "x"]) {
      const res = await rotate(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error?.code).toBe("invalid_request");
    }
    expect((await call("GET", "/api/rotations/not-a-uuid", { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/api/rotations/${latest?.id}?state=nope`, { cookie: owner.cookie })).status).toBe(422);
    const huge = await call("POST", "/api/rotations", { cookie: owner.cookie, rawBody: JSON.stringify({ scope: { type: "team" }, backup: BACKUP, expectedAgents: 5, note: "x".repeat(70_000) }), headers: { "content-type": "application/json" } });
    expect(huge.status).toBe(413);
    expect(await snapshot([owner.teamId, other.teamId], [])).toBe(before);
  });

  it("keeps any text in the note verbatim", async () => {
    for (const note of [...INJECTIONS.slice(0, 4), "Ausfall 🔥 «προμηθευτής» 供应商\nzweite Zeile"]) {
      const res = await rotate(owner, { scope: { type: "selection", selection: { ids: [b[0]?.id] } }, backup: BACKUP, expectedAgents: 1, note });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.rotation.note).toBe(note);
      expect((await view(owner, res.body.rotation.id)).rotation.note).toBe(note);
      await closeOpenCommands();
    }
    const sql = await db();
    const [fleets] = await sql<{ n: number }[]>`select count(*)::int as n from fleets where team_id = ${owner.teamId}`;
    expect(fleets?.n).toBe(2);
  });
});
