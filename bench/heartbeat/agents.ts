import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";

/**
 * `policyVersion` and `secretsVersion`: what the agent runs (its effective ones, so the server has
 * nothing to deliver); `boxKey`: its X25519 public key, sent on every heartbeat as clawfleet does.
 */
export type SimAgent = { id: string; key: KeyObject; seq: number; policyVersion?: number; secretsVersion?: number; boxKey?: string };

/** A JSON call to the server as a browser would make it (Origin, session cookie); answers the body and the cookie to keep. */
export async function api<T>(url: string, method: string, path: string, body?: unknown, cookie?: string): Promise<{ json: T; cookie: string }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: url, ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { json: (await res.json()) as T, cookie: set || cookie || "" };
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k)))));
  }
  return out;
}

/** Signs up, creates a fleet and N agents, and pairs each with a real Ed25519 key through the public API. */
export async function createPairedAgents(url: string, count: number): Promise<SimAgent[]> {
  return (await createPairedFleet(url, count)).agents;
}

/** As createPairedAgents, with fields for every agent (interval, grace…) and the owner's session cookie. */
export async function createPairedFleet(url: string, count: number, fields: Record<string, unknown> = {}): Promise<{ cookie: string; agents: SimAgent[] }> {
  const email = `bench-${randomUUID().slice(0, 8)}@example.test`;
  const { cookie } = await api(url, "POST", "/api/auth/signup", { email, password: "benchmark password 1" });
  const { json: fleet } = await api<{ fleet: { id: string } }>(url, "POST", "/api/fleets", { name: `Bench ${Date.now()}` }, cookie);
  const agents = await inBatches(count, 25, async (i) => {
    const { json: created } = await api<{ agent: { id: string } }>(url, "POST", "/api/agents", { fleetId: fleet.fleet.id, name: `sim-${i}`, region: ["us-east", "eu-west", "ap-south"][i % 3], ...fields }, cookie);
    const { json: code } = await api<{ code: string }>(url, "POST", `/api/agents/${created.agent.id}/pairing-codes`, {}, cookie);
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const x = publicKey.export({ format: "jwk" }).x;
    await api(url, "POST", "/api/agents/pair", { code: code.code, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x }, host: { hostname: `sim-${i}`, os: "linux", arch: "x64" } });
    const agent: SimAgent = { id: created.agent.id, key: privateKey, seq: 0 };
    return agent;
  });
  // A team and a fleet policy, as a real team has: every heartbeat looks them up; agents report the
  // effective revision (the greater of the two), as clawfleet does once it has applied it.
  const policyVersion = Math.max(
    await writePolicy(url, cookie, { scope: "team" }, { allowedModels: ["anthropic/*", "openai/*"], execMode: "ask" }),
    await writePolicy(url, cookie, { scope: "fleet", targetId: fleet.fleet.id }, { model: { primary: "anthropic/claude-sonnet-4-5" }, dailySpendCapUsd: 50 }),
  );
  // A team and a fleet secret likewise: every heartbeat checks the agent's secrets version.
  const secret = async (body: Record<string, unknown>) => (await api<{ secret: { version: number } }>(url, "POST", "/api/secrets", body, cookie)).json.secret.version;
  const secretsVersion = Math.max(
    await secret({ name: "ANTHROPIC_API_KEY", value: "sk-bench-team-0123456789", scope: "team" }),
    await secret({ name: "OPENAI_API_KEY", value: "sk-bench-fleet-0123456789", scope: "fleet", targetId: fleet.fleet.id }),
  );
  for (const agent of agents) {
    agent.policyVersion = policyVersion;
    agent.secretsVersion = secretsVersion;
    agent.boxKey = String(generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }).x);
  }
  return { cookie, agents };
}

/** Creates a level's policy with one revision; answers the revision. */
async function writePolicy(url: string, cookie: string, level: Record<string, unknown>, document: Record<string, unknown>): Promise<number> {
  const { json: created } = await api<{ policy: { id: string } }>(url, "POST", "/api/policies", level, cookie);
  const { json: written } = await api<{ revision: { id: number } }>(url, "PUT", `/api/policies/${created.policy.id}`, { document, baseRevision: 0 }, cookie);
  return written.revision.id;
}

/** A JSON POST as the signed-in owner. */
export async function postAs<T>(url: string, cookie: string, path: string, body: unknown): Promise<T> {
  return (await api<T>(url, "POST", path, body, cookie)).json;
}

export type SignedRequest = { agentId: string; seq: number; body: string; authorization: string };

/** The agent's next heartbeat, signed as clawfleet signs it (`extra` replaces or adds body fields). */
export async function nextHeartbeat(agent: SimAgent, extra: Record<string, unknown> = {}): Promise<SignedRequest> {
  agent.seq += 1;
  const body = JSON.stringify({
    seq: agent.seq,
    sentAt: new Date().toISOString(),
    status: "ok",
    gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 2 + Math.random() * 5, version: "2026.9.6" },
    host: { hostname: "sim", os: "linux", arch: "x64", uptimeS: 1000 + agent.seq },
    metrics: { cpuPct: Math.random() * 100, memUsedPct: 40 + Math.random() * 40, memPressurePct: Math.random(), diskReadBps: 1000, diskWriteBps: 5000, load1: Math.random() * 2 },
    usage: [{ model: "anthropic/claude-sonnet-4-5", inputTokens: 1200, outputTokens: 340, costUsd: 0.0087 }],
    policyVersion: agent.policyVersion ?? 0,
    ...(agent.boxKey ? { boxKey: agent.boxKey, secretsVersion: agent.secretsVersion ?? 0 } : {}),
    acks: [],
    ...extra,
  });
  const jwt = await new SignJWT({ body_sha256: createHash("sha256").update(body).digest("base64url") })
    .setProtectedHeader({ alg: "EdDSA" })
    .setSubject(agent.id)
    .setAudience("clawfleet")
    .setIssuedAt()
    .setExpirationTime("120s")
    .setJti(randomUUID())
    .sign(agent.key);
  return { agentId: agent.id, seq: agent.seq, body, authorization: `Bearer ${jwt}` };
}
