import type { Tx } from "@/lib/db/client";
import { needsRotation, rotateSecret } from "@/lib/crypto/secrets";
import { secretAad } from "./rows";

/**
 * Re-seals team secrets still under an older key with the active one (nightly, with the purge), so
 * a retired key can leave ENCRYPTION_KEYS. The value does not change, so neither does its version.
 */
export async function rotateTeamSecrets(tx: Tx): Promise<number> {
  const rows = await tx<{ id: string; team_id: string; scope_type: string; target_id: string; name: string; ciphertext: string }[]>`
    select id, team_id, scope_type, target_id, name, ciphertext from secrets where deleted_at is null for update`;
  let rotated = 0;
  for (const row of rows) {
    if (!needsRotation(row.ciphertext)) continue;
    await tx`update secrets set ciphertext = ${rotateSecret(row.ciphertext, secretAad(row))} where id = ${row.id}`;
    rotated++;
  }
  return rotated;
}
