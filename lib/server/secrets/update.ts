import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import type { Secret, SecretUpdateInput } from "@/lib/schemas/secrets";
import { audit } from "../audit/record";
import { getSecretInTeam, maskHint, secretAad, toSecret } from "./rows";

/** Rotates a secret (a new value) and/or changes its description; a new value takes a new version, which every agent in scope converges on. */
export async function updateSecret(ctx: TeamContext, secretId: string, input: SecretUpdateInput): Promise<Secret> {
  assertCan(ctx, "secret:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    const row = await getSecretInTeam(tx, ctx.team.id, secretId, true);
    const value = input.value;
    const [updated] = await tx<{ version: string }[]>`
      update secrets set
        ciphertext = ${value === undefined ? tx`ciphertext` : encryptSecret(value, secretAad(row))},
        mask_hint = ${value === undefined ? tx`mask_hint` : maskHint(value)},
        version = ${value === undefined ? tx`version` : tx`nextval('secret_versions')`},
        description = ${input.description ?? row.description},
        updated_by = ${ctx.user.id}, updated_at = now()
      where id = ${row.id} returning version`;
    await audit(tx, ctx, {
      action: value === undefined ? "secret.update" : "secret.rotate",
      targetType: "secret",
      targetId: row.id,
      before: { name: row.name, version: Number(row.version), description: row.description },
      after: { name: row.name, scope: row.scope_type, targetId: row.target_id, version: Number(updated?.version), description: input.description ?? row.description, valueChanged: value !== undefined },
    });
    return toSecret(await getSecretInTeam(tx, ctx.team.id, row.id));
  });
}
