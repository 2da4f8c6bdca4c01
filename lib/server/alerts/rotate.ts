import type { Tx } from "@/lib/db/client";
import { needsRotation, rotateSecret } from "@/lib/crypto/secrets";
import { channelAad } from "./channel-admin";

/**
 * Re-seals channel secrets still under an older key with the active one, so a retired key can be
 * dropped from ENCRYPTION_KEYS once this has run (nightly, with the purge).
 */
export async function rotateChannelSecrets(tx: Tx): Promise<number> {
  const rows = await tx<{ id: string; config_encrypted: string }[]>`select id, config_encrypted from alert_channels for update`;
  let rotated = 0;
  for (const row of rows) {
    if (!needsRotation(row.config_encrypted)) continue;
    const aad = channelAad(row.id);
    await tx`update alert_channels set config_encrypted = ${rotateSecret(row.config_encrypted, aad)} where id = ${row.id}`;
    rotated++;
  }
  return rotated;
}
