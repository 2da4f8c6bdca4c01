import { createPublicKey, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { db } from "@/lib/db/client";

export type AgentKey = {
  agentId: string;
  teamId: string;
  fleetId: string;
  keyId: string | null;
  key: KeyObject | null;
  revoked: boolean;
  intervalS: number;
  loadedAt: number;
};

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;
const cache = new Map<string, AgentKey>();

/**
 * The agent's active public key, cached briefly. Revocation is also checked inside the write
 * transaction, so the cache never lets a revoked key's heartbeat commit.
 */
export async function loadAgentKey(agentId: string, fresh = false): Promise<AgentKey | null> {
  const hit = cache.get(agentId);
  if (hit && !fresh && Date.now() - hit.loadedAt < TTL_MS) return hit;
  const sql = await db();
  const [row] = await sql<{ team_id: string; fleet_id: string; heartbeat_interval_s: number; key_id: string | null; jwk: JWK | null; any_key: boolean }[]>`
    select a.team_id, a.fleet_id, a.heartbeat_interval_s, k.id as key_id, k.public_key_jwk as jwk,
      exists (select 1 from agent_keys r where r.agent_id = a.id) as any_key
    from agents a left join agent_keys k on k.agent_id = a.id and k.revoked_at is null
    where a.id = ${agentId}`;
  if (!row) {
    cache.delete(agentId);
    return null;
  }
  // A Node KeyObject verifies faster through jose than a WebCrypto CryptoKey.
  const key = row.jwk ? createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: String(row.jwk.x) }, format: "jwk" }) : null;
  const entry: AgentKey = {
    agentId,
    teamId: row.team_id,
    fleetId: row.fleet_id,
    keyId: row.key_id,
    key,
    revoked: !row.key_id && row.any_key,
    intervalS: row.heartbeat_interval_s,
    loadedAt: Date.now(),
  };
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(agentId, entry);
  return entry;
}

export function forgetAgentKey(agentId: string): void {
  cache.delete(agentId);
}
