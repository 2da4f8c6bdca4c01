import { createHash, createHmac, randomUUID } from "node:crypto";
import postgres from "postgres";
import { createServer } from "node:http";
import { beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetLimits } from "@/lib/rate-limit";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { serveHeartbeat } from "@/lib/server/heartbeat/front";
import { loadAgentKey } from "@/lib/server/heartbeat/keys";
import { BEATS_PER_NOTICE, writeBatch } from "@/lib/server/heartbeat/write-batch";
import { call } from "../helpers/api";
import { createAgent, heartbeatBody, newKeyPair, pairAgent, sendHeartbeat, signHeartbeat, type PairedAgent } from "../helpers/agent";
import { createFleet, createUser, type TestUser } from "../factories";

type Transport = "router" | "front";

/** The production server's front for heartbeats (scripts/server.mjs), on a loopback port of its own. */
let frontUrl: Promise<string> | null = null;
function startFront(): Promise<string> {
  frontUrl ??= new Promise((resolve) => {
    const server = createServer((req, res) => void serveHeartbeat(req, res));
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.unref();
      resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/heartbeat`);
    });
  });
  return frontUrl;
}

/** A raw heartbeat through the App Router handler, or over real HTTP through the front. */
async function post(raw: string, authorization?: string, via: Transport = "router") {
  if (via === "router") return call("POST", "/api/heartbeat", { rawBody: raw, headers: authorization ? { authorization } : {} });
  const res = await fetch(await startFront(), { method: "POST", body: raw, headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function agentState(id: string) {
  const sql = await db();
  const [row] = await sql`
    select a.last_seq::int, a.status, a.last_seen_at, (select count(*)::int from heartbeats h where h.agent_id = a.id) as history,
      (select count(*)::int from used_jtis j where j.agent_id = a.id) as jtis,
      (select coalesce(sum(input_tokens), 0)::int from usage_hourly u where u.agent_id = a.id) as tokens
    from agents a where a.id = ${id}`;
  return row;
}

describe("heartbeat", () => {
  let owner: TestUser;
  let fleetId: string;
  let agent: PairedAgent;
  let bystander: PairedAgent;
  beforeAll(async () => {
    owner = await createUser();
    fleetId = (await createFleet(owner, "Ingest")).id;
    agent = await pairAgent(owner, (await createAgent(owner, fleetId)).id);
    bystander = await pairAgent(owner, (await createAgent(owner, fleetId)).id);
  });

  it("commits state, history and hourly usage, and answers after commit", async () => {
    const res = await sendHeartbeat(agent);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, agentStatus: "online", nextHeartbeatS: 30, commands: [] });
    await sendHeartbeat(agent);
    const state = await agentState(agent.id);
    expect(state).toMatchObject({ last_seq: 2, status: "online", history: 2, jtis: 2, tokens: 2400 });
    const sql = await db();
    const [row] = await sql`select seq::int, status, gateway_reachable, gateway_healthy, gateway_rtt_ms, cpu_pct, mem_used_pct,
      mem_pressure_pct, disk_read_bps, disk_write_bps, load1, custom from heartbeats where agent_id = ${agent.id} order by seq desc limit 1`;
    expect(row).toEqual({ seq: 2, status: "ok", gateway_reachable: true, gateway_healthy: true, gateway_rtt_ms: 3.2, cpu_pct: 12.5, mem_used_pct: 61.2,
      mem_pressure_pct: 0.4, disk_read_bps: 1200, disk_write_bps: 5300, load1: 0.3, custom: { queue_length: 3 } });
    const got = await call<{ agent: { gateway: { rttMs: number }; metrics: { cpuPct: number }; lastSeq: number } }>("GET", `/api/agents/${agent.id}`, { cookie: owner.cookie });
    expect(got.body.agent).toMatchObject({ lastSeq: 2, gateway: { rttMs: 3.2 }, metrics: { cpuPct: 12.5 } });
  });

  it("marks an agent with an unhealthy gateway degraded, and publishes the change with pg_notify", async () => {
    const listener = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    const events: string[] = [];
    await listener.listen("fleet_events", (payload) => events.push(payload));
    const res = await sendHeartbeat(agent, { gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: false, rttMs: 2 } });
    expect(res.body.agentStatus).toBe("degraded");
    await expect.poll(() => events.map((e) => JSON.parse(e) as { agentId: string; to: string })).toContainEqual(
      expect.objectContaining({ agentId: agent.id, to: "degraded", from: "online" }),
    );
    await sendHeartbeat(agent);
    await listener.end();
  });

  it("publishes a batch's heartbeats in notices under 8,000 bytes, one team per notice, losing none", async () => {
    const other = await createUser();
    const otherFleet = (await createFleet(other, "Elsewhere")).id;
    const pairMany = (user: TestUser, fleet: string, n: number) => Promise.all(Array.from({ length: n }, async () => pairAgent(user, (await createAgent(user, fleet)).id)));
    const agents = [...(await pairMany(owner, fleetId, BEATS_PER_NOTICE + 5)), ...(await pairMany(other, otherFleet, 2))];
    const items = await Promise.all(agents.map(async (a) => {
      const key = await loadAgentKey(a.id, true);
      if (!key) throw new Error("no key");
      return { agent: key, jti: randomUUID(), expiresAt: new Date(Date.now() + 60_000), body: HeartbeatBody.parse(heartbeatBody(1)), status: "online" as const };
    }));
    const listener = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    const notices: string[] = [];
    await listener.listen("fleet_events", (payload) => notices.push(payload));
    const outcomes = await writeBatch(await db(), items);
    expect([...outcomes.values()].map((o) => o.kind)).toEqual(agents.map(() => "ok"));
    type Notice = { type: string; teamId: string; items: { agentId: string; seq: number; status: string }[] };
    const ours = () => notices.map((n) => JSON.parse(n) as Notice).filter((n) => n.type === "agent.heartbeats" && n.items.some((i) => agents.some((a) => a.id === i.agentId)));
    await expect.poll(() => ours().flatMap((n) => n.items).length).toBe(agents.length);
    await listener.end();
    for (const n of notices) expect(Buffer.byteLength(n)).toBeLessThan(8000);
    const byTeam = ours().map((n) => [n.teamId, n.items.length]);
    expect(byTeam.sort()).toEqual([[owner.teamId, 5], [owner.teamId, BEATS_PER_NOTICE], [other.teamId, 2]].sort());
    expect(ours().flatMap((n) => n.items.map((i) => i.agentId)).sort()).toEqual(agents.map((a) => a.id).sort());
    expect(ours().flatMap((n) => n.items).every((i) => i.seq === 1 && i.status === "online")).toBe(true);
  });

  it("answers through the production server's front exactly as through the route handler", async () => {
    const send = async (via: Transport) => {
      agent.seq += 1;
      const raw = JSON.stringify(heartbeatBody(agent.seq));
      return post(raw, `Bearer ${await signHeartbeat(agent, raw)}`, via);
    };
    const [router, front] = [await send("router"), await send("front")];
    expect(front.status).toBe(200);
    expect(front.body).toEqual(router.body);
    for (const header of ["cache-control", "content-type", "x-content-type-options", "x-frame-options", "referrer-policy"]) expect(front.headers.get(header), header).toBeTruthy();
    expect((await agentState(agent.id))?.last_seq).toBe(agent.seq);
  });

  it("processes heartbeats on the request thread when the ingest worker cannot start", async () => {
    // Under vitest the worker's entry is a .ts file Node cannot load: the worker exits before it is ready.
    const previous = process.env.HEARTBEAT_WORKER;
    process.env.HEARTBEAT_WORKER = "on";
    vi.resetModules();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const offload = await import("@/lib/server/heartbeat/offload");
      const send = async (a: PairedAgent) => {
        a.seq += 1;
        const raw = JSON.stringify(heartbeatBody(a.seq));
        return offload.ingestHeartbeat(`Bearer ${await signHeartbeat(a, raw)}`, Buffer.from(raw));
      };
      // Both wait in the worker's queue until it has failed to start, then are processed here.
      const [first, second] = await Promise.all([send(agent), send(bystander)]);
      expect(first).toMatchObject({ ok: true, agentStatus: "online" });
      expect(second).toMatchObject({ ok: true });
      expect(await send(agent)).toMatchObject({ ok: true });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("no ingest worker thread"), expect.anything());
      expect((await agentState(agent.id))?.last_seq).toBe(agent.seq);
      expect((await agentState(bystander.id))?.last_seq).toBe(bystander.seq);
    } finally {
      warn.mockRestore();
      error.mockRestore();
      if (previous === undefined) delete process.env.HEARTBEAT_WORKER;
      else process.env.HEARTBEAT_WORKER = previous;
      vi.resetModules();
    }
  });

  it("delivers commands until acknowledged, then records the result", async () => {
    const queued = await call<{ command: { id: string } }>("POST", `/api/agents/${agent.id}/commands`, { cookie: owner.cookie, body: { type: "restart", args: {} } });
    expect(queued.status).toBe(201);
    const first = await sendHeartbeat(agent);
    expect(first.body.commands).toEqual([{ id: queued.body.command.id, type: "restart", args: {} }]);
    expect((await sendHeartbeat(agent)).body.commands).toHaveLength(1);
    const acked = await sendHeartbeat(agent, { acks: [{ commandId: queued.body.command.id, status: "done", message: "restarted" }] });
    expect(acked.body.commands).toEqual([]);
    const list = await call<{ commands: { status: string; resultMessage: string }[] }>("GET", `/api/agents/${agent.id}/commands`, { cookie: owner.cookie });
    expect(list.body.commands[0]).toMatchObject({ status: "done", resultMessage: "restarted" });
  });

  it("sends the fleet's policy only to agents whose policy version differs from it", async () => {
    const created = await call<{ policy: { id: string } }>("POST", "/api/policies", { cookie: owner.cookie, body: { scope: "fleet", targetId: fleetId } });
    const put = await call<{ revision: { id: number } }>("PUT", `/api/policies/${created.body.policy.id}`, {
      cookie: owner.cookie,
      body: { document: { allowedModels: ["anthropic/claude-sonnet-4-5"] }, baseRevision: 0 },
    });
    const version = put.body.revision.id;
    const behind = await sendHeartbeat(agent, { policyVersion: 0 });
    expect(behind.body.policy).toEqual({ version, allowedModels: ["anthropic/claude-sonnet-4-5"] });
    expect((await sendHeartbeat(agent, { policyVersion: version })).body.policy).toBeUndefined();
  });

  describe.each<Transport>(["router", "front"])("refuses bad and hostile requests with the contract's status, writing nothing (%s)", (via) => {
    // The bystander sends a heartbeat with every case: far more often than its per-minute limit.
    beforeEach(() => resetLimits());
    const valid = () => JSON.stringify(heartbeatBody(agent.seq + 1));
    const cases: Array<[string, number, () => Promise<[string, string | undefined]>]> = [
      ["missing token", 401, async () => [valid(), undefined]],
      ["malformed token", 401, async () => [valid(), "Bearer not.a.jwt"]],
      ["alg none", 401, async () => {
        const raw = valid();
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        const claims = { sub: agent.id, aud: "clawfleet", iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, jti: randomUUID(), body_sha256: createHash("sha256").update(raw).digest("base64url") };
        return [raw, `Bearer ${b64({ alg: "none" })}.${b64(claims)}.`];
      }],
      ["HS256 signed with the public key", 401, async () => {
        const raw = valid();
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        const claims = { sub: agent.id, aud: "clawfleet", iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, jti: randomUUID(), body_sha256: createHash("sha256").update(raw).digest("base64url") };
        const input = `${b64({ alg: "HS256" })}.${b64(claims)}`;
        const sig = createHmac("sha256", JSON.stringify(agent.publicJwk)).update(input).digest("base64url");
        return [raw, `Bearer ${input}.${sig}`];
      }],
      ["another agent's key", 401, async () => { const raw = valid(); return [raw, `Bearer ${await signHeartbeat(agent, raw, { key: bystander.privateKey })}`]; }],
      ["a key never registered", 401, async () => { const raw = valid(); return [raw, `Bearer ${await signHeartbeat(agent, raw, { key: newKeyPair().privateKey })}`]; }],
      ["expired", 401, async () => { const raw = valid(); const iat = Math.floor(Date.now() / 1000) - 400; return [raw, `Bearer ${await signHeartbeat(agent, raw, { iat, exp: iat + 300 })}`]; }],
      ["exp more than 300 s after iat", 401, async () => { const raw = valid(); const iat = Math.floor(Date.now() / 1000); return [raw, `Bearer ${await signHeartbeat(agent, raw, { iat, exp: iat + 301 })}`]; }],
      ["iat in the future", 401, async () => { const raw = valid(); const iat = Math.floor(Date.now() / 1000) + 120; return [raw, `Bearer ${await signHeartbeat(agent, raw, { iat, exp: iat + 60 })}`]; }],
      ["wrong audience", 401, async () => { const raw = valid(); return [raw, `Bearer ${await signHeartbeat(agent, raw, { aud: "someone-else" })}`]; }],
      ["body altered after signing", 401, async () => { const raw = valid(); const token = await signHeartbeat(agent, raw); return [raw.replace('"cpuPct":12.5', '"cpuPct":99.5'), `Bearer ${token}`]; }],
      ["65 KiB body", 413, async () => { const raw = JSON.stringify({ ...heartbeatBody(agent.seq + 1), custom: { pad: "x".repeat(65 * 1024) } }); return [raw, `Bearer ${await signHeartbeat(agent, raw)}`]; }],
      ["invalid JSON", 422, async () => { const raw = '{"seq": 1,'; return [raw, `Bearer ${await signHeartbeat(agent, raw)}`]; }],
      ["wrong types", 422, async () => { const raw = JSON.stringify({ ...heartbeatBody(agent.seq + 1), seq: "forty-two", metrics: { cpuPct: "high" } }); return [raw, `Bearer ${await signHeartbeat(agent, raw)}`]; }],
      ["unknown fields", 422, async () => { const raw = JSON.stringify({ ...heartbeatBody(agent.seq + 1), admin: true }); return [raw, `Bearer ${await signHeartbeat(agent, raw)}`]; }],
      ["lower seq", 409, async () => { const raw = JSON.stringify(heartbeatBody(agent.seq - 1)); return [raw, `Bearer ${await signHeartbeat(agent, raw)}`]; }],
      ["unknown agent", 401, async () => { const raw = valid(); return [raw, `Bearer ${await signHeartbeat(agent, raw, { sub: randomUUID() })}`]; }],
    ];

    it.each(cases)("%s → %i", async (_name, status, build) => {
      const before = await agentState(agent.id);
      const [raw, authorization] = await build();
      const [res, healthy] = await Promise.all([post(raw, authorization, via), sendHeartbeat(bystander)]);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(healthy.status, "valid agents are served meanwhile").toBe(200);
      expect(await agentState(agent.id)).toEqual(before);
    });

    it("replayed jti → 409", async () => {
      agent.seq += 1;
      const raw = JSON.stringify(heartbeatBody(agent.seq));
      const token = `Bearer ${await signHeartbeat(agent, raw)}`;
      expect((await post(raw, token, via)).status).toBe(200);
      const before = await agentState(agent.id);
      const replay = await post(raw, token, via);
      expect(replay.status).toBe(409);
      expect(await agentState(agent.id)).toEqual(before);
    });
  });

  it("answers 403 once the key is revoked, and 401 once the agent is deleted", async () => {
    const victim = await pairAgent(owner, (await createAgent(owner, fleetId)).id);
    expect((await sendHeartbeat(victim)).status).toBe(200);
    expect((await call("POST", `/api/agents/${victim.id}/revoke-key`, { cookie: owner.cookie })).status).toBe(204);
    const before = await agentState(victim.id);
    expect((await sendHeartbeat(victim)).status).toBe(403);
    expect(await agentState(victim.id)).toEqual(before);
    const repaired = await pairAgent(owner, victim.id);
    expect((await sendHeartbeat(repaired)).status).toBe(200);
    expect((await call("DELETE", `/api/agents/${victim.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await sendHeartbeat(repaired)).status).toBe(401);
  });

  it("rate-limits an agent that sends far too often without slowing the others", async () => {
    resetLimits();
    const noisy = await pairAgent(owner, (await createAgent(owner, fleetId)).id);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await sendHeartbeat(noisy)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await sendHeartbeat(noisy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit")).toMatch(/limit=20/);
    expect((await sendHeartbeat(bystander)).status).toBe(200);
  });

  it("survives a few hundred random mutations of a valid request: no 5xx, nothing invalid accepted", async () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const raw = JSON.stringify(heartbeatBody(agent.seq + 1));
    const token = await signHeartbeat(agent, raw);
    const before = await agentState(agent.id);
    const mutate = (s: string) => {
      const i = rand(s.length);
      switch (rand(4)) {
        case 0: return s.slice(0, i) + String.fromCharCode(32 + rand(95)) + s.slice(i + 1);
        case 1: return s.slice(0, i) + s.slice(i + 1);
        case 2: return s.slice(0, i) + String.fromCharCode(32 + rand(95)) + s.slice(i);
        default: return s.slice(0, i);
      }
    };
    const statuses = new Map<number, number>();
    for (let n = 0; n < 300; n++) {
      const onBody = rand(2) === 0;
      const body = onBody ? mutate(raw) : raw;
      const jwt = onBody ? token : mutate(token);
      if (body === raw && jwt === token) continue;
      const res = await post(body, `Bearer ${jwt}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `mutation ${n}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `mutation ${n}`).toBeLessThan(500);
    }
    expect(await agentState(agent.id)).toEqual(before);
    expect([...statuses.keys()].every((s) => [401, 403, 409, 413, 422].includes(s))).toBe(true);
  });
});

describe("pairing", () => {
  it("uses each code once, only within its ten minutes, and never stores a private key", async () => {
    const owner = await createUser();
    const fleet = await createFleet(owner, "Pairing");
    const agent = await createAgent(owner, fleet.id);
    const code = await call<{ code: string; command: string; installCommand: string; expiresAt: string }>("POST", `/api/agents/${agent.id}/pairing-codes`, { cookie: owner.cookie });
    expect(code.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(code.body.command).toBe(`clawfleet pair --url http://127.0.0.1:3000 --code ${code.body.code}`);
    expect(code.body.installCommand).toBe(`curl -fsSL http://127.0.0.1:3000/install.sh | sh -s -- --code ${code.body.code}`);
    expect(Date.parse(code.body.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const body = (c: string) => ({ code: c, publicKeyJwk: newKeyPair().publicJwk, host: { hostname: "h", os: "linux", arch: "x64" } });
    const paired = await call<{ agentId: string; audience: string; heartbeatIntervalS: number }>("POST", "/api/agents/pair", { body: body(code.body.code.toLowerCase()) });
    expect(paired.status).toBe(200);
    expect(paired.body).toMatchObject({ agentId: agent.id, audience: "clawfleet", heartbeatIntervalS: 30 });
    expect((await call("POST", "/api/agents/pair", { body: body(code.body.code) })).status).toBe(404);

    const late = await call<{ code: string }>("POST", `/api/agents/${agent.id}/pairing-codes`, { cookie: owner.cookie });
    const sql = await db();
    await sql`update pairing_codes set expires_at = now() - interval '1 second' where agent_id = ${agent.id} and used_at is null`;
    expect((await call("POST", "/api/agents/pair", { body: body(late.body.code) })).status).toBe(404);
    const keys = await sql`select public_key_jwk from agent_keys where agent_id = ${agent.id}`;
    expect(keys.map((k) => Object.keys(k.public_key_jwk as object).sort())).toEqual([["crv", "kty", "x"]]);
  });
});
