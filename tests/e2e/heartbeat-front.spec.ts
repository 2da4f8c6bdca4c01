import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { heartbeatBody } from "../helpers/agent";
import { PASSWORD, apiAs, pair, type SimAgent } from "./support";

// Heartbeats against the production server as started by `npm start`: answered by the ingest
// front ahead of the router and processed on the ingest worker thread. Every answer, refusals
// included, keeps the contract's status, error shape and headers, and nothing refused is written.

const body = (seq: number, extra: Record<string, unknown> = {}) => JSON.stringify(heartbeatBody(seq, extra));

async function sign(agent: SimAgent, raw: string, o: { key?: KeyObject; sub?: string; jti?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ body_sha256: createHash("sha256").update(raw).digest("base64url") })
    .setProtectedHeader({ alg: "EdDSA" }).setSubject(o.sub ?? agent.id).setAudience("clawfleet")
    .setIssuedAt(now).setExpirationTime(now + 60).setJti(o.jti ?? randomUUID())
    .sign(o.key ?? agent.key);
}

const post = (request: APIRequestContext, raw: string, authorization?: string) =>
  request.post("/api/heartbeat", { data: Buffer.from(raw), headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) } });

test("heartbeats through the ingest front: answers, refusals and revocation", async ({ request, baseURL }) => {
  const origin = baseURL ?? "";
  const signup = await request.post("/api/auth/signup", { data: { email: `front-${Date.now()}@example.test`, password: PASSWORD, name: "Front" }, headers: { origin } });
  expect(signup.status()).toBe(201);
  const api = apiAs(request, origin);
  const { fleet } = await api<{ fleet: { id: string } }>("POST", "/api/fleets", { name: "Front" });
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { fleetId: fleet.id, name: "front-1", region: "eu-west" });
  const sim = await pair(api, request, agent.id);
  const lastSeq = async () => (await api<{ agent: { lastSeq: number | null } }>("GET", `/api/agents/${agent.id}`)).agent.lastSeq;

  const raw = body(5);
  const token = `Bearer ${await sign(sim, raw)}`;
  const ok = await post(request, raw, token);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ ok: true, agentStatus: "online", nextHeartbeatS: 30, commands: [] });
  const headers = ok.headers();
  expect(headers).toMatchObject({ "cache-control": "no-store", "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
  expect(headers["content-type"]).toContain("application/json");

  const lower = body(4);
  const cases: Array<[string, number, string, () => Promise<[string, string | undefined]>]> = [
    ["replayed jti", 409, "conflict", async () => [raw, token]],
    ["lower seq", 409, "conflict", async () => [lower, `Bearer ${await sign(sim, lower)}`]],
    ["missing token", 401, "unauthorized", async () => [body(6), undefined]],
    ["malformed token", 401, "unauthorized", async () => [body(6), "Bearer not.a.jwt"]],
    ["a key never registered", 401, "unauthorized", async () => { const r = body(6); return [r, `Bearer ${await sign(sim, r, { key: generateKeyPairSync("ed25519").privateKey })}`]; }],
    ["unknown agent", 401, "unauthorized", async () => { const r = body(6); return [r, `Bearer ${await sign(sim, r, { sub: randomUUID() })}`]; }],
    ["body altered after signing", 401, "unauthorized", async () => { const r = body(6); return [r.replace('"cpuPct":12.5', '"cpuPct":99.5'), `Bearer ${await sign(sim, r)}`]; }],
    ["65 KiB body", 413, "payload_too_large", async () => { const r = body(6, { custom: { pad: "x".repeat(65 * 1024) } }); return [r, `Bearer ${await sign(sim, r)}`]; }],
    ["invalid JSON", 422, "invalid_request", async () => { const r = '{"seq": 6,'; return [r, `Bearer ${await sign(sim, r)}`]; }],
    ["wrong types", 422, "invalid_request", async () => { const r = body(6, { metrics: { cpuPct: "high" } }); return [r, `Bearer ${await sign(sim, r)}`]; }],
  ];
  for (const [name, status, code, build] of cases) {
    const [r, auth] = await build();
    const res = await post(request, r, auth);
    expect(res.status(), name).toBe(status);
    expect(await res.json(), name).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(res.headers()["cache-control"], name).toBe("no-store");
  }
  expect(await lastSeq(), "nothing refused was written").toBe(5);

  // Other methods are still the router's.
  expect((await request.get("/api/heartbeat")).status()).toBe(405);

  await api("POST", `/api/agents/${agent.id}/revoke-key`);
  const after = body(7);
  const revoked = await post(request, after, `Bearer ${await sign(sim, after)}`);
  expect(revoked.status()).toBe(403);
  expect(await revoked.json()).toMatchObject({ error: { code: "forbidden" } });
  expect(await lastSeq()).toBe(5);
});
