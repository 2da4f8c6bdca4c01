import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { getSecretInTeam } from "./rows";

/** Deletes a secret: its value is erased and the row stays as a tombstone with a new version, so agents in scope converge on its removal. */
export async function deleteSecret(ctx: TeamContext, secretId: string): Promise<void> {
  assertCan(ctx, "secret:write");
  const sql = await db();
  await sql.begin(async (tx) => {
    const row = await getSecretInTeam(tx, ctx.team.id, secretId, true);
    const [deleted] = await tx<{ version: string }[]>`
      update secrets set ciphertext = null, mask_hint = null, deleted_at = now(), updated_at = now(), updated_by = ${ctx.user.id},
        version = nextval('secret_versions')
      where id = ${row.id} returning version`;
    await audit(tx, ctx, {
      action: "secret.delete",
      targetType: "secret",
      targetId: row.id,
      before: { name: row.name, scope: row.scope_type, targetId: row.target_id, version: Number(row.version) },
      after: { version: Number(deleted?.version) },
    });
  });
}
