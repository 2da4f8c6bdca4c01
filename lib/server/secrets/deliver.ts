import { decryptSecret } from "@/lib/crypto/secrets";
import { sealSecrets } from "@/lib/crypto/sealed-secrets";
import type { Sql } from "@/lib/db/client";
import type { SealedSecrets } from "@/lib/schemas/secrets-delivery";
import { effectiveSecretsVersion, secretAad } from "./rows";

type Level = { id: string; team_id: string; scope_type: string; target_id: string; name: string; ciphertext: string };
type Row = { id: string; box_key: string | null; version: string | number; secrets: Level[] };

/**
 * Each agent's effective secrets (every live secret of its team, fleet and itself, by name: agent
 * over fleet over team), opened from the keyring and sealed to the agent's own box key. Only
 * agents the heartbeat found behind come here, so an agent that is up to date costs nothing more.
 */
export async function secretsToDeliver(sql: Sql, agentIds: string[]): Promise<Map<string, SealedSecrets>> {
  const out = new Map<string, SealedSecrets>();
  if (agentIds.length === 0) return out;
  const rows = await sql<Row[]>`
    select a.id, a.box_key, ${sql.unsafe(effectiveSecretsVersion())} as version,
      coalesce((select json_agg(e order by e.name) from (
        select distinct on (s.name) s.id, s.team_id, s.scope_type, s.target_id, s.name, s.ciphertext from secrets s
        where s.team_id = a.team_id and s.target_id in (a.team_id, a.fleet_id, a.id) and s.deleted_at is null
        order by s.name, case s.scope_type when 'agent' then 0 when 'fleet' then 1 else 2 end) e), '[]') as secrets
    from agents a where a.id = any(${agentIds}::uuid[]) and a.box_key is not null`;
  for (const row of rows) {
    const version = Number(row.version);
    if (!row.box_key || version < 1) continue;
    const secrets = row.secrets.map((s) => ({ name: s.name, value: decryptSecret(s.ciphertext, secretAad(s)) }));
    out.set(row.id, sealSecrets({ version, agentId: row.id, secrets }, row.box_key));
  }
  return out;
}
