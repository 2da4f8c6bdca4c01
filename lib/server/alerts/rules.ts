import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import { RuleCreateInput, type Rule, type RuleUpdateInput } from "@/lib/schemas/alerts";
import { audit } from "../audit/record";

export type RuleRow = {
  id: string; team_id: string; name: string; enabled: boolean; kind: Rule["kind"]; threshold: number | null; metric: string | null; for_minutes: number;
  scope_type: string; scope_value: string; severity: string; squelch_minutes: number; channel_ids: string[]; created_at: Date; updated_at: Date;
};

export const toRule = (r: RuleRow): Rule => ({
  id: r.id, name: r.name, enabled: r.enabled, kind: r.kind, threshold: r.threshold, metric: r.metric, forMinutes: r.for_minutes,
  scope: { type: r.scope_type, value: r.scope_value }, severity: r.severity, squelchMinutes: r.squelch_minutes, channelIds: r.channel_ids,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

async function getRuleRow(sql: Sql | Tx, teamId: string, id: string): Promise<RuleRow> {
  if (!isUuid(id)) throw notFound("Rule");
  // A budget's rule is the budget's own: it changes with the budget (lib/server/budgets).
  const [row] = await sql<RuleRow[]>`select * from alert_rules where id = ${id} and team_id = ${teamId} and kind <> 'budget'`;
  if (!row) throw notFound("Rule");
  return row;
}

/** Channels, fleets and agents a rule names must be the team's own (another team's id is simply unknown). */
async function checkReferences(tx: Tx, teamId: string, input: Pick<RuleCreateInput, "channelIds" | "scope">) {
  const channels = await tx<{ id: string }[]>`select id from alert_channels where team_id = ${teamId} and id = any(${input.channelIds}::uuid[])`;
  if (channels.length !== new Set(input.channelIds).size) throw notFound("Channel");
  const table = input.scope.type === "fleet" ? "fleets" : input.scope.type === "agent" ? "agents" : null;
  if (table) {
    const [found] = await tx<{ n: number }[]>`select count(*)::int as n from ${tx(table)} where team_id = ${teamId} and id = ${input.scope.value}::uuid`;
    if (!found?.n) throw notFound(input.scope.type === "fleet" ? "Fleet" : "Agent");
  }
}

export async function createRule(ctx: TeamContext, input: RuleCreateInput): Promise<Rule> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    await checkReferences(tx, ctx.team.id, input);
    const [row] = await tx<RuleRow[]>`
      insert into alert_rules (team_id, name, enabled, kind, threshold, metric, for_minutes, scope_type, scope_value, severity, squelch_minutes, channel_ids)
      values (${ctx.team.id}, ${input.name}, ${input.enabled}, ${input.kind}, ${input.threshold}, ${input.metric}, ${input.forMinutes}, ${input.scope.type},
        ${input.scope.value}, ${input.severity}, ${input.squelchMinutes}, ${input.channelIds}::uuid[])
      returning *`;
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, { action: "alert_rule.create", targetType: "alert_rule", targetId: row.id, after: input });
    return toRule(row);
  });
}

export async function listRules(ctx: TeamContext): Promise<Rule[]> {
  assertCan(ctx, "alert:read");
  const sql = await db();
  return (await sql<RuleRow[]>`select * from alert_rules where team_id = ${ctx.team.id} and kind <> 'budget' order by created_at, id`).map(toRule);
}

export async function getRule(ctx: TeamContext, id: string): Promise<Rule> {
  assertCan(ctx, "alert:read");
  return toRule(await getRuleRow(await db(), ctx.team.id, id));
}

export async function updateRule(ctx: TeamContext, id: string, input: RuleUpdateInput): Promise<Rule> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    const before = toRule(await getRuleRow(tx, ctx.team.id, id));
    const { name, enabled, kind, threshold, forMinutes, scope, severity, squelchMinutes, channelIds } = before;
    // A rule changed to another kind drops its metric unless the change names one.
    const metric = (input.kind ?? kind) === "custom" ? before.metric : null;
    const merged = RuleCreateInput.parse({ name, enabled, kind, threshold, metric, forMinutes, scope, severity, squelchMinutes, channelIds, ...input });
    await checkReferences(tx, ctx.team.id, merged);
    const [row] = await tx<RuleRow[]>`
      update alert_rules set name = ${merged.name}, enabled = ${merged.enabled}, kind = ${merged.kind}, threshold = ${merged.threshold}, metric = ${merged.metric},
        for_minutes = ${merged.forMinutes}, scope_type = ${merged.scope.type}, scope_value = ${merged.scope.value}, severity = ${merged.severity},
        squelch_minutes = ${merged.squelchMinutes}, channel_ids = ${merged.channelIds}::uuid[], updated_at = now()
      where id = ${id} returning *`;
    if (!row) throw notFound("Rule");
    await audit(tx, ctx, { action: "alert_rule.update", targetType: "alert_rule", targetId: id, before, after: input });
    return toRule(row);
  });
}

export async function deleteRule(ctx: TeamContext, id: string): Promise<void> {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  await sql.begin(async (tx) => {
    const before = toRule(await getRuleRow(tx, ctx.team.id, id));
    await tx`delete from alert_rules where id = ${id}`;
    await audit(tx, ctx, { action: "alert_rule.delete", targetType: "alert_rule", targetId: id, before });
  });
}
