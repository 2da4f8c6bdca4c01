import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBus } from "@/lib/server/events/bus";
import { call } from "../helpers/api";
import { createAgent, pairAgent, sendHeartbeat, type PairedAgent } from "../helpers/agent";
import { openStream } from "../helpers/sse";
import { createFleet, createUser, type TestUser } from "../factories";

describe("GET /api/stream (Server-Sent Events)", () => {
  let owner: TestUser;
  let stranger: TestUser;
  let agent: PairedAgent;
  let strangerAgent: PairedAgent;
  beforeAll(async () => {
    owner = await createUser();
    stranger = await createUser();
    agent = await pairAgent(owner, (await createAgent(owner, (await createFleet(owner, "Live")).id)).id);
    strangerAgent = await pairAgent(stranger, (await createAgent(stranger, (await createFleet(stranger, "Other")).id)).id);
  });
  afterAll(() => expect(eventBus().subscribers()).toBe(0));

  it("relays committed heartbeats and status changes of the viewer's team only", async () => {
    const mine = await openStream(owner.cookie);
    const theirs = await openStream(stranger.cookie);
    expect(mine.res.status).toBe(200);
    expect(mine.res.headers.get("content-type")).toContain("text/event-stream");
    await sendHeartbeat(agent);
    await sendHeartbeat(strangerAgent);
    await sendHeartbeat(agent, { gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: false, rttMs: 5 } });
    await expect.poll(() => mine.events.filter((e) => e.event === "agent.heartbeat").length).toBe(2);
    await expect.poll(() => mine.events.some((e) => e.event === "agent.status" && e.data.to === "degraded")).toBe(true);
    const beat = mine.events.find((e) => e.event === "agent.heartbeat");
    expect(beat?.data).toMatchObject({ agentId: agent.id, teamId: owner.teamId, seq: agent.seq - 1, status: "online", cpuPct: 12.5, healthy: true });
    expect(beat?.id).toMatch(/^[0-9a-f]{8}\.\d+$/);
    const statuses = mine.events.filter((e) => e.event === "agent.status").map((e) => e.data);
    expect(statuses).toEqual([
      expect.objectContaining({ agentId: agent.id, from: "pending", to: "online", name: expect.any(String) }),
      expect.objectContaining({ agentId: agent.id, from: "online", to: "degraded" }),
    ]);
    await expect.poll(() => theirs.events.filter((e) => e.event === "agent.heartbeat").length).toBe(1);
    expect(theirs.events.every((e) => e.data.teamId === stranger.teamId)).toBe(true);
    expect(mine.events.every((e) => e.data.teamId === owner.teamId)).toBe(true);
    await Promise.all([mine.close(), theirs.close()]);
    await sendHeartbeat(agent); // back to online, so the next test starts from a steady state
  });

  it("resumes after Last-Event-ID with exactly the missed events, and asks an unknown one to reload", async () => {
    const first = await openStream(owner.cookie);
    await sendHeartbeat(agent);
    await expect.poll(() => first.events.length).toBe(1);
    expect(first.events[0]?.event).toBe("agent.heartbeat");
    const lastId = first.events[0]?.id ?? "";
    await first.close();
    await sendHeartbeat(agent);
    await sendHeartbeat(agent);
    const resumed = await openStream(owner.cookie, { "last-event-id": lastId });
    await expect.poll(() => resumed.events.length).toBe(2);
    expect(resumed.events.map((e) => e.data.seq)).toEqual([agent.seq - 1, agent.seq]);
    await resumed.close();
    const stale = await openStream(owner.cookie, { "last-event-id": "deadbeef.5" });
    await expect.poll(() => stale.events.map((e) => e.event)).toEqual(["resync"]);
    await stale.close();
  });

  it("answers without a session 401 and for another team 404, in the contract's shape", async () => {
    expect((await call("GET", "/api/stream")).status).toBe(401);
    const res = await call("GET", "/api/stream", { cookie: owner.cookie, teamId: stranger.teamId });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("stops listening for a browser that went away", async () => {
    const before = eventBus().subscribers();
    const stream = await openStream(owner.cookie);
    expect(eventBus().subscribers()).toBe(before + 1);
    await stream.close();
    expect(eventBus().subscribers()).toBe(before);
  });
});
