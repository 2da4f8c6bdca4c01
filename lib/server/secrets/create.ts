import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import type { Secret, SecretCreateInput } from "@/lib/schemas/secrets";
import { getAgentInTeam } from "../agents/get";
import { audit } from "../audit/record";
import { getFleetInTeam } from "../fleets/get";
import { getSecretInTeam, maskHint, secretAad, toSecret } from "./rows";

/** Stores a secret encrypted under the keyring; one live secret per name and level (409 names the existing one). */
export async function createSecret(ctx: TeamContext, input: SecretCreateInput): Promise<Secret> {
  assertCan(ctx, "secret:write");
  const sql = await db();
  return sql.begin(async (tx) => {
    let targetId = ctx.team.id;
    if (input.scope === "fleet") targetId = (await getFleetInTeam(tx, ctx.team.id, input.targetId ?? "")).id;
    if (input.scope === "agent") targetId = (await getAgentInTeam(tx, ctx.team.id, input.targetId ?? "")).id;
    const id = randomUUID();
    const ciphertext = encryptSecret(input.value, secretAad({ id, team_id: ctx.team.id, scope_type: input.scope, target_id: targetId, name: input.name }));
    const [created] = await tx<{ id: string; version: string }[]>`
      insert into secrets (id, team_id, scope_type, target_id, name, ciphertext, mask_hint, description, created_by, updated_by)
      values (${id}, ${ctx.team.id}, ${input.scope}, ${targetId}, ${input.name}, ${ciphertext}, ${maskHint(input.value)}, ${input.description},
        ${ctx.user.id}, ${ctx.user.id})
      on conflict (team_id, target_id, name) where deleted_at is null do nothing returning id, version`;
    if (!created) {
      const [existing] = await tx<{ id: string }[]>`
        select id from secrets where team_id = ${ctx.team.id} and target_id = ${targetId} and name = ${input.name} and deleted_at is null`;
      throw new AppError("conflict", `This level has a secret named ${input.name} already; rotate it instead`, { secretId: existing?.id ?? null });
    }
    await audit(tx, ctx, {
      action: "secret.create",
      targetType: "secret",
      targetId: id,
      after: { name: input.name, scope: input.scope, targetId, version: Number(created.version), valueChanged: true },
    });
    return toSecret(await getSecretInTeam(tx, ctx.team.id, id));
  });
}
