import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { ModelUpdateInput } from "@/lib/schemas/prices";
import { audit } from "../audit/record";
import { modelRows, toModel } from "./list-models";

/** Sets the team's tier for a model, or marks it unavailable (savings advice never recommends it). */
export async function updateModel(ctx: TeamContext, input: ModelUpdateInput) {
  assertCan(ctx, "price:manage");
  const sql = await db();
  const teamId = ctx.team.id;
  return sql.begin(async (tx) => {
    const [before] = await tx<{ name: string | null; tier: string | null; unavailable: boolean; match_prefixes: string[] }[]>`
      select name, tier, unavailable, match_prefixes from model_catalogue
      where provider = ${input.provider} and model = ${input.model} and (team_id is null or team_id = ${teamId})
      order by (team_id is null) limit 1`;
    if (!before) throw notFound("Model");
    await tx`
      insert into model_catalogue (team_id, provider, model, name, tier, unavailable, match_prefixes)
      values (${teamId}, ${input.provider}, ${input.model}, ${before.name}, ${input.tier === undefined ? before.tier : input.tier === "none" ? null : input.tier},
        ${input.unavailable ?? before.unavailable}, ${before.match_prefixes})
      on conflict (coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), provider, model) do update set
        tier = excluded.tier, unavailable = excluded.unavailable, updated_at = now()`;
    const [row] = await tx`select * from (${modelRows(tx, teamId)}) m where m.provider = ${input.provider} and m.model = ${input.model}`;
    if (!row) throw notFound("Model");
    const model = toModel(row as Parameters<typeof toModel>[0]);
    await audit(tx, ctx, { action: "model.update", targetType: "model", targetId: null, before: { provider: input.provider, model: input.model, tier: before.tier, unavailable: before.unavailable }, after: { provider: model.provider, model: model.model, tier: model.tier, unavailable: model.unavailable } });
    return { model };
  });
}
