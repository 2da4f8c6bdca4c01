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

// A cached key can safely be old: a signature that fails against it makes verify.ts load the key
// again, and revocation and deletion are checked inside the write itself. The age limit only
// bounds memory held for agents that went away.
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;
const cache = new Map<string, AgentKey>();

type KeyRow = { id: string; team_id: string; fleet_id: string; heartbeat_interval_s: number; key_id: string | null; jwk: JWK | null; any_key: boolean };

/** Look-ups asked for in the same turn of the event loop go to the database as one query. */
type Waiter = { resolve: (row: KeyRow | null) => void; reject: (error: unknown) => void };
let waiting: Map<string, Waiter[]> | null = null;

function fetchKeyRow(agentId: string): Promise<KeyRow | null> {
  return new Promise((resolve, reject) => {
    if (!waiting) {
      const batch = (waiting = new Map<string, Waiter[]>());
      setImmediate(() => {
        waiting = null;
        fetchKeyRows([...batch.keys()]).then(
          (rows) => {
            const byId = new Map(rows.map((r) => [r.id, r]));
            for (const [id, waiters] of batch) for (const w of waiters) w.resolve(byId.get(id) ?? null);
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
          },
        );
      });
    }
    const waiters = waiting.get(agentId) ?? [];
    waiters.push({ resolve, reject });
    waiting.set(agentId, waiters);
  });
}

async function fetchKeyRows(ids: string[]): Promise<KeyRow[]> {
  const sql = await db();
  return sql<KeyRow[]>`
    select a.id, a.team_id, a.fleet_id, a.heartbeat_interval_s, k.id as key_id, k.public_key_jwk as jwk,
      exists (select 1 from agent_keys r where r.agent_id = a.id) as any_key
    from agents a left join agent_keys k on k.agent_id = a.id and k.revoked_at is null
    where a.id = any(${ids}::uuid[])`;
}

/** The agent's active public key, cached (see TTL_MS); `fresh` reads it from the database. */
export async function loadAgentKey(agentId: string, fresh = false): Promise<AgentKey | null> {
  const hit = cache.get(agentId);
  if (hit && !fresh && Date.now() - hit.loadedAt < TTL_MS) return hit;
  const row = await fetchKeyRow(agentId);
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
