import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { EVENTS_CHANNEL } from "@/lib/server/events/notify";
import { runJob } from "@/lib/server/jobs/run-job";
import { addMember, createFleet, createUser, type TestUser } from "../factories";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { call } from "../helpers/api";
import { INJECTIONS } from "../helpers/samples";
import { snapshot } from "../helpers/snapshot";

// Bulk actions: one batch, its commands or items, one audit row for it and one per agent, all
// resolved inside the caller's team; progress moves as agents acknowledge with signed heartbeats.

type Counts = { done: number; pending: number; failed: number; expired: number };
type Batch = { id: string; action: string; total: number; counts: Counts; finished: boolean; selection: { kind: string; filter?: Record<string, string> } };
type Item = { agentId: string; agentName: string; status: string; message: string; commandId: string | null };

let owner: TestUser;
let maintainer: TestUser;
let viewer: TestUser;
let other: TestUser;
let fleetA: { id: string };
let fleetB: { id: string };
let otherFleet: { id: string };
let paired: PairedAgent[];
let unpaired: string[];
let otherAgent: string;

async function bulk(user: TestUser, body: unknown) {
  return call<{ batch: Batch; error?: { code: string } }>("POST", "/api/agents/bulk", { cookie: user.cookie, body });
}

async function progress(user: TestUser, batchId: string, query = "") {
  const res = await call<{ batch: Batch; items: Item[]; nextCursor: string | null }>("GET", `/api/batches/${batchId}${query}`, { cookie: user.cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function auditCount(teamId: string, filter: { action: string; batchId: string }) {
  const sql = await db();
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from audit_log where team_id = ${teamId} and action = ${filter.action}
      and (target_id = ${filter.batchId} or after->>'batchId' = ${filter.batchId})`;
  return row?.n ?? 0;
}

beforeAll(async () => {
  owner = await createUser("bulk-owner");
  maintainer = await addMember(owner.teamId, "maintainer");
  viewer = await addMember(owner.teamId, "viewer");
  other = await createUser("bulk-other");
  fleetA = await createFleet(owner, "Bulk A");
  fleetB = await createFleet(owner, "Bulk B");
  otherFleet = await createFleet(other, "Theirs");
  paired = [];
  for (let i = 0; i < 4; i++) {
    const agent = await createAgent(owner, fleetA.id, { name: `eu-${i}`, region: "eu-west" });
    paired.push(await pairAgent(owner, agent.id));
  }
  unpaired = [(await createAgent(owner, fleetA.id, { name: "us-0", region: "us-east" })).id, (await createAgent(owner, fleetB.id, { name: "us-1", region: "us-east", tags: ["gpu"] })).id];
  otherAgent = (await createAgent(other, otherFleet.id, { region: "eu-west" })).id;
});

describe("POST /api/agents/bulk", () => {
  it("restart: one command per paired agent with the batch id, unpaired ones failed at once, and the audit rows", async () => {
    const ids = [...paired.map((a) => a.id), ...unpaired];
    const res = await bulk(maintainer, { action: "restart", selection: { ids } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { batch } = res.body;
    expect(batch).toMatchObject({ action: "restart", total: 6, counts: { done: 0, pending: 4, failed: 2, expired: 0 }, finished: false, selection: { kind: "ids" } });
    const sql = await db();
    const commands = await sql<{ agent_id: string; type: string; status: string }[]>`select agent_id, type, status from commands where batch_id = ${batch.id}`;
    expect(commands.map((c) => c.agent_id).sort()).toEqual(paired.map((a) => a.id).sort());
    expect(new Set(commands.map((c) => `${c.type}:${c.status}`))).toEqual(new Set(["restart:pending"]));
    expect(await auditCount(owner.teamId, { action: "batch.create", batchId: batch.id })).toBe(1);
    expect(await auditCount(owner.teamId, { action: "agent.command.restart", batchId: batch.id })).toBe(6);
    const { items } = await progress(viewer, batch.id, "?status=failed");
    expect(items.map((i) => i.agentId).sort()).toEqual([...unpaired].sort());
    expect(items[0]?.message).toMatch(/not paired/i);
    // Leave the agents free of open commands for the cases below.
    await sql`update commands set status = 'done' where batch_id = ${batch.id}`;
  });

  it("set_model on a filter takes exactly the agents the list shows for it, and progress follows the agents' acknowledgements live", async () => {
    const list = await call<{ agents: { id: string }[] }>("GET", "/api/agents?region=eu-west&limit=200", { cookie: owner.cookie });
    const shown = list.body.agents.map((a) => a.id).sort();
    expect(shown).toHaveLength(4);
    const sql = await db();
    const notices: Array<{ type: string; batchId?: string; items?: Array<{ agentId: string; status: string }> }> = [];
    const listener = await sql.listen(EVENTS_CHANNEL, (payload) => notices.push(JSON.parse(payload) as (typeof notices)[number]));
    try {
      const res = await bulk(owner, { action: "set_model", args: { model: "openai/gpt-5-mini" }, selection: { filter: { region: "eu-west" }, expectedCount: 4 } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { batch } = res.body;
      expect(batch.selection).toEqual({ kind: "filter", filter: { region: "eu-west" } });
      const queued = await sql<{ agent_id: string }[]>`select agent_id from commands where batch_id = ${batch.id}`;
      expect(queued.map((c) => c.agent_id).sort()).toEqual(shown);

      const [a0, a1] = paired;
      if (!a0 || !a1) throw new Error("no agents");
      const delivered = await sendHeartbeat(a0);
      const command = delivered.body.commands.find((c) => c.type === "set_model");
      expect(command?.args).toEqual({ model: "openai/gpt-5-mini" });
      expect((await progress(owner, batch.id)).batch.counts).toEqual({ done: 0, pending: 4, failed: 0, expired: 0 });

      await sendHeartbeat(a0, { acks: [{ commandId: command?.id, status: "done", message: "model set" }] });
      expect((await progress(owner, batch.id)).batch.counts).toEqual({ done: 1, pending: 3, failed: 0, expired: 0 });
      const second = (await sendHeartbeat(a1)).body.commands.find((c) => c.type === "set_model");
      await sendHeartbeat(a1, { acks: [{ commandId: second?.id, status: "failed", message: "unknown model" }] });
      const after = await progress(owner, batch.id);
      expect(after.batch.counts).toEqual({ done: 1, pending: 2, failed: 1, expired: 0 });
      expect(after.items.find((i) => i.agentId === a1.id)).toMatchObject({ status: "failed", message: "unknown model" });
      expect(after.items.find((i) => i.agentId === a0.id)).toMatchObject({ status: "done", message: "model set" });

      await expect.poll(() => notices.filter((n) => n.type === "batch.changed" && n.batchId === batch.id).flatMap((n) => n.items ?? []), { timeout: 5000 }).toEqual([
        { agentId: a0.id, status: "done" },
        { agentId: a1.id, status: "failed" },
      ]);
      expect(notices.some((n) => n.type === "batch.changed" && n.batchId === batch.id && !n.items)).toBe(true);

      // Past the expiry, what is still open counts as expired, not pending.
      await sql`update batches set expires_at = now() - interval '1 second' where id = ${batch.id}`;
      const expired = await progress(owner, batch.id);
      expect(expired.batch.counts).toEqual({ done: 1, pending: 0, failed: 1, expired: 2 });
      expect(expired.batch.finished).toBe(true);
      // An agent that reports after the expiry never receives the command, and hears it expired.
      const late = paired[2];
      if (!late) throw new Error("no agent");
      const answer = await sendHeartbeat(late);
      expect(answer.body.commands.filter((c) => c.type === "set_model")).toEqual([]);
      const lateItem = (await progress(owner, batch.id)).items.find((i) => i.agentId === late.id);
      expect(lateItem).toMatchObject({ status: "expired", message: "Expired before the agent acknowledged it" });
      await expect.poll(() => notices.some((n) => n.batchId === batch.id && (n.items ?? []).some((i) => i.agentId === late.id && i.status === "expired")), { timeout: 5000 }).toBe(true);
      // An agent that never comes back: the stale check's job expires its command in the table too
      // (it no longer counts against the agent's waiting commands) and tells the batch's viewers.
      const gone = paired[3];
      if (!gone) throw new Error("no agent");
      const open = async () => (await sql<{ n: number }[]>`select count(*)::int as n from commands where batch_id = ${batch.id} and status in ('pending', 'delivered')`)[0]?.n;
      expect(await open()).toBe(1);
      const job = await runJob("check-stale", { force: true });
      expect(job.result).toMatchObject({ expiredCommands: expect.any(Number) });
      expect(await open()).toBe(0);
      const [goneRow] = await sql<{ status: string; result_message: string }[]>`select status, result_message from commands where batch_id = ${batch.id} and agent_id = ${gone.id}`;
      expect(goneRow).toEqual({ status: "expired", result_message: "Expired before the agent acknowledged it" });
      await expect.poll(() => notices.some((n) => n.batchId === batch.id && (n.items ?? []).some((i) => i.agentId === gone.id && i.status === "expired")), { timeout: 5000 }).toBe(true);
      expect((await progress(owner, batch.id)).batch.counts).toEqual({ done: 1, pending: 0, failed: 1, expired: 2 });
    } finally {
      await listener.unlisten();
    }
  });

  it("apply_config queues the config object as given", async () => {
    const config = { agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5" } } }, "gateway.port": null };
    const res = await bulk(owner, { action: "apply_config", args: { config }, selection: { ids: [paired[2]?.id] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sql = await db();
    const [row] = await sql<{ type: string; args: unknown }[]>`select type, args from commands where batch_id = ${res.body.batch.id}`;
    expect(row).toEqual({ type: "apply_config", args: { config } });
    await sql`update commands set status = 'done' where batch_id = ${res.body.batch.id}`;
  });

  it("pause and resume change every agent at once (done), with status events", async () => {
    const ids = [paired[0]?.id ?? "", unpaired[0] ?? ""];
    const paused = await bulk(owner, { action: "pause", selection: { ids } });
    expect(paused.status).toBe(201);
    expect(paused.body.batch).toMatchObject({ total: 2, counts: { done: 2, pending: 0, failed: 0, expired: 0 }, finished: true });
    const sql = await db();
    const statuses = async () => (await sql<{ id: string; status: string }[]>`select id, status from agents where id = any(${ids}::uuid[]) order by id`).map((r) => r.status);
    expect(await statuses()).toEqual(["paused", "paused"]);
    expect(await auditCount(owner.teamId, { action: "agent.update", batchId: paused.body.batch.id })).toBe(2);
    const again = await bulk(owner, { action: "pause", selection: { ids } });
    expect((await progress(owner, again.body.batch.id)).items.map((i) => i.message)).toEqual(["Already paused", "Already paused"]);

    const resumed = await bulk(owner, { action: "resume", selection: { ids } });
    expect(resumed.body.batch.counts.done).toBe(2);
    const after = await sql<{ id: string; status: string }[]>`select id, status from agents where id = any(${ids}::uuid[])`;
    expect(after.find((r) => r.id === paired[0]?.id)?.status).toBe("stale");
    expect(after.find((r) => r.id === unpaired[0])?.status).toBe("pending");
    const [events] = await sql<{ n: number }[]>`select count(*)::int as n from agent_events where agent_id = ${paired[0]?.id ?? ""} and to_status = 'paused'`;
    expect(events?.n).toBeGreaterThanOrEqual(1);
  });

  it("snooze creates a silence per agent and keeps the reason as typed", async () => {
    const reason = INJECTIONS[10] ?? "";
    const ids = unpaired;
    const res = await bulk(owner, { action: "snooze", args: { minutes: 240, reason }, selection: { ids } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const silences = await call<{ silences: { scopeId: string; reason: string }[] }>("GET", "/api/silences", { cookie: owner.cookie });
    const mine = silences.body.silences.filter((s) => ids.includes(s.scopeId));
    expect(mine).toHaveLength(2);
    expect(mine.every((s) => s.reason === reason)).toBe(true);
    expect(await auditCount(owner.teamId, { action: "silence.create", batchId: res.body.batch.id })).toBe(2);
  });

  it("move puts the agents in another fleet of the team; another team's fleet is not found and nothing is written", async () => {
    const ids = [paired[3]?.id ?? ""];
    const before = await snapshot([owner.teamId, other.teamId], [owner.id, other.id]);
    const refused = await bulk(owner, { action: "move", args: { fleetId: otherFleet.id }, selection: { ids } });
    expect(refused.status).toBe(404);
    expect(await snapshot([owner.teamId, other.teamId], [owner.id, other.id])).toBe(before);
    const res = await bulk(owner, { action: "move", args: { fleetId: fleetB.id }, selection: { ids } });
    expect(res.status).toBe(201);
    const agent = await call<{ agent: { fleetId: string } }>("GET", `/api/agents/${ids[0]}`, { cookie: owner.cookie });
    expect(agent.body.agent.fleetId).toBe(fleetB.id);
  });

  it("another team's ids answer 404 and write nothing, alone or among the team's own", async () => {
    const before = await snapshot([owner.teamId, other.teamId], [owner.id, other.id]);
    for (const ids of [[otherAgent], [paired[0]?.id, otherAgent], ["00000000-0000-4000-8000-000000000000"]]) {
      const res = await bulk(owner, { action: "restart", selection: { ids } });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await snapshot([owner.teamId, other.teamId], [owner.id, other.id])).toBe(before);
    const theirFleet = await bulk(owner, { action: "pause", selection: { filter: { fleetId: otherFleet.id } } });
    expect(theirFleet.status).toBe(404);
    expect(await snapshot([owner.teamId, other.teamId], [owner.id, other.id])).toBe(before);
    // A filter is resolved inside the team: the other team's eu-west agent is never part of it.
    const viaFilter = await bulk(other, { action: "pause", selection: { filter: { region: "eu-west" } } });
    expect(viaFilter.body.batch.total).toBe(1);
    const sql = await db();
    const [own] = await sql<{ n: number }[]>`select count(*)::int as n from agents where team_id = ${owner.teamId} and status = 'paused'`;
    expect(own?.n).toBe(0);
  });

  it("refuses more than the cap with a clear 422, a stale expected count with 409, and viewers with 403; nothing written", async () => {
    const big = await createUser("bulk-big");
    const fleet = await createFleet(big, "Huge");
    const sql = await db();
    await sql`insert into agents (team_id, fleet_id, name) select ${big.teamId}, ${fleet.id}, 'bulk-' || g from generate_series(1, 10001) g`;
    const before = await snapshot([big.teamId, owner.teamId], [big.id, owner.id]);
    const over = await bulk(big, { action: "pause", selection: { filter: {} } });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ error: { code: "invalid_request", message: expect.stringContaining("10,000") } });
    const tooManyIds = await bulk(big, { action: "pause", selection: { ids: Array.from({ length: 1001 }, () => paired[0]?.id) } });
    expect(tooManyIds.status).toBe(422);
    const stale = await bulk(owner, { action: "pause", selection: { filter: { region: "eu-west" }, expectedCount: 3 } });
    expect(stale.status).toBe(409);
    const none = await bulk(owner, { action: "pause", selection: { filter: { region: "mars" } } });
    expect(none.status).toBe(422);
    const byViewer = await bulk(viewer, { action: "restart", selection: { ids: [paired[0]?.id] } });
    expect(byViewer.status).toBe(403);
    expect(await snapshot([big.teamId, owner.teamId], [big.id, owner.id])).toBe(before);
    // Exactly at the cap it goes through, in one statement per step.
    await sql`delete from agents where team_id = ${big.teamId} and name = 'bulk-1'`;
    const atCap = await bulk(big, { action: "pause", selection: { filter: {}, expectedCount: 10000 } });
    expect(atCap.status, JSON.stringify(atCap.body)).toBe(201);
    expect(atCap.body.batch.counts.done).toBe(10000);
    expect(await auditCount(big.teamId, { action: "agent.update", batchId: atCap.body.batch.id })).toBe(10000);
  }, 120_000);
});

describe("GET /api/batches and /api/batches/{id}", () => {
  it("pages a batch's agents by name and lists batches newest first; another team's batch is not found", async () => {
    const ids = [...paired.map((a) => a.id), ...unpaired];
    const { batch } = (await bulk(owner, { action: "snooze", args: { minutes: 60 }, selection: { ids } })).body;
    const first = await progress(viewer, batch.id, "?limit=4");
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).not.toBeNull();
    const second = await progress(viewer, batch.id, `?limit=4&cursor=${first.nextCursor ?? ""}`);
    expect(second.nextCursor).toBeNull();
    const names = [...first.items, ...second.items].map((i) => i.agentName);
    expect(names).toHaveLength(6);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const list = await call<{ batches: Batch[] }>("GET", "/api/batches?limit=3", { cookie: viewer.cookie });
    expect(list.body.batches[0]?.id).toBe(batch.id);
    expect((await call("GET", `/api/batches/${batch.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call("GET", "/api/batches/not-a-uuid", { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/api/batches/${batch.id}?cursor=bogus`, { cookie: owner.cookie })).status).toBe(422);
  });
});
