import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { call } from "./api";
import type { TestUser } from "../factories";

export type PairedAgent = { id: string; fleetId: string; privateKey: KeyObject; publicJwk: Record<string, unknown>; seq: number };

export async function createAgent(user: TestUser, fleetId: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await call<{ agent: { id: string } }>("POST", "/api/agents", {
    cookie: user.cookie,
    teamId: user.teamId,
    body: { fleetId, name: `agent-${randomUUID().slice(0, 6)}`, region: "eu-west", ...extra },
  });
  if (res.status !== 201) throw new Error(`agent create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.agent;
}

export function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  return { privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x } };
}

/** Creates a pairing code as the user and pairs a fresh Ed25519 key with it, as `clawfleet pair` does. */
export async function pairAgent(user: TestUser, agentId: string): Promise<PairedAgent> {
  const code = await call<{ code: string }>("POST", `/api/agents/${agentId}/pairing-codes`, { cookie: user.cookie, teamId: user.teamId });
  if (code.status !== 201) throw new Error(`pairing code failed: ${code.status}`);
  const keys = newKeyPair();
  const res = await call<{ agentId: string; fleetId: string }>("POST", "/api/agents/pair", {
    body: { code: code.body.code, publicKeyJwk: keys.publicJwk, host: { hostname: "box-1", os: "linux", arch: "x64" } },
  });
  if (res.status !== 200) throw new Error(`pair failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.agentId, fleetId: res.body.fleetId, ...keys, seq: 0 };
}

export function heartbeatBody(seq: number, extra: Record<string, unknown> = {}) {
  return {
    seq,
    sentAt: new Date().toISOString(),
    status: "ok",
    gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 3.2, version: "2026.9.6" },
    host: { hostname: "box-1", os: "linux", arch: "x64", uptimeS: 86400 },
    metrics: { cpuPct: 12.5, memUsedPct: 61.2, memPressurePct: 0.4, diskReadBps: 1200, diskWriteBps: 5300, load1: 0.3 },
    usage: [{ model: "anthropic/claude-sonnet-4-5", inputTokens: 1200, outputTokens: 340, costUsd: 0.0087 }],
    custom: { queue_length: 3 },
    policyVersion: 0,
    acks: [],
    ...extra,
  };
}

type SignOptions = { key?: KeyObject; sub?: string; aud?: string; iat?: number; exp?: number; jti?: string; bodyHash?: string; alg?: string };

export async function signHeartbeat(agent: PairedAgent, raw: string, o: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = o.iat ?? now;
  return new SignJWT({ body_sha256: o.bodyHash ?? createHash("sha256").update(raw).digest("base64url") })
    .setProtectedHeader({ alg: o.alg ?? "EdDSA" })
    .setSubject(o.sub ?? agent.id)
    .setAudience(o.aud ?? "clawfleet")
    .setIssuedAt(iat)
    .setExpirationTime(o.exp ?? iat + 60)
    .setJti(o.jti ?? randomUUID())
    .sign(o.key ?? agent.privateKey);
}

/** Sends the agent's next heartbeat (seq + 1), correctly signed. */
export async function sendHeartbeat(agent: PairedAgent, extra: Record<string, unknown> = {}) {
  agent.seq += 1;
  const raw = JSON.stringify(heartbeatBody(agent.seq, extra));
  const token = await signHeartbeat(agent, raw);
  return call<{ ok: boolean; agentStatus: string; nextHeartbeatS: number; commands: { id: string; type: string; args: unknown }[]; policy?: unknown }>(
    "POST",
    "/api/heartbeat",
    { rawBody: raw, headers: { authorization: `Bearer ${token}` } },
  );
}
