import { createPublicKey, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { db } from "@/lib/db/client";
import { perTurn } from "../per-turn";

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

type KeyLookup = { agentId: string; resolve: (row: KeyRow | null) => void; reject: (error: unknown) => void };

/** Look-ups asked for in the same turn of the event loop go to the database as one query. */
const lookUp = perTurn<KeyLookup>((lookups) => {
  fetchKeyRows([...new Set(lookups.map((l) => l.agentId))]).then(
    (rows) => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const l of lookups) l.resolve(byId.get(l.agentId) ?? null);
    },
    (error: unknown) => {
      for (const l of lookups) l.reject(error);
    },
  );
});

const fetchKeyRow = (agentId: string) => new Promise<KeyRow | null>((resolve, reject) => lookUp({ agentId, resolve, reject }));

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
