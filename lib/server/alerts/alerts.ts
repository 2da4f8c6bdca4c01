import { AppError, notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Alert, SilenceCreateInput } from "@/lib/schemas/alerts";
import { audit } from "../audit/record";
import { publishAlertChanges } from "./evaluate";

type AlertRow = {
  id: string; rule_id: string; rule_name: string; severity: string; agent_id: string | null; agent_name: string | null; state: Alert["state"];
  detail: string; silenced: boolean; opened_at: Date; acknowledged_at: Date | null; acked_by: string | null; resolved_at: Date | null; resolved_by_email: string | null;
};
const toAlert = (r: AlertRow): Alert => ({
  id: r.id, ruleId: r.rule_id, ruleName: r.rule_name, severity: r.severity, agentId: r.agent_id, agentName: r.agent_name, state: r.state, detail: r.detail,
  silenced: r.silenced, openedAt: r.opened_at.toISOString(), acknowledgedAt: r.acknowledged_at?.toISOString() ?? null, acknowledgedBy: r.acked_by,
  resolvedAt: r.resolved_at?.toISOString() ?? null, resolvedBy: r.resolved_at ? (r.resolved_by_email ?? "automatically") : null,
});

const select = (sql: Sql | Tx) => sql`
  select al.id, al.rule_id, r.name as rule_name, r.severity, al.agent_id, a.name as agent_name, al.state, al.detail, al.silenced, al.opened_at,
    al.acknowledged_at, ua.email as acked_by, al.resolved_at, ur.email as resolved_by_email
  from alerts al join alert_rules r on r.id = al.rule_id left join agents a on a.id = al.agent_id
  left join users ua on ua.id = al.acknowledged_by left join users ur on ur.id = al.resolved_by`;

/** The team's alerts, newest first; `active` means open or acknowledged. */
export async function listAlerts(ctx: TeamContext, q: { state?: string; agentId?: string; limit: number }): Promise<Alert[]> {
  assertCan(ctx, "alert:read");
  const sql = await db();
  const rows = await sql<AlertRow[]>`
    ${select(sql)} where al.team_id = ${ctx.team.id}
      ${q.state === "active" ? sql`and al.state <> 'resolved'` : q.state ? sql`and al.state = ${q.state}` : sql``}
      ${q.agentId ? sql`and al.agent_id = ${q.agentId}` : sql``}
    order by al.opened_at desc, al.id desc limit ${q.limit}`;
  return rows.map(toAlert);
}

/** Acknowledges (someone is on it) or resolves by hand; both audited and published. */
export async function respondToAlert(ctx: TeamContext, id: string, action: "ack" | "resolve"): Promise<Alert> {
  assertCan(ctx, "alert:respond");
  if (!isUuid(id)) throw notFound("Alert");
  const sql = await db();
  return sql.begin(async (tx) => {
    const [before] = await tx<AlertRow[]>`${select(tx)} where al.id = ${id} and al.team_id = ${ctx.team.id} for update of al`;
    if (!before) throw notFound("Alert");
    if (before.state === "resolved") throw new AppError("conflict", "This alert is resolved already");
    if (action === "ack") {
      if (before.state === "acknowledged") throw new AppError("conflict", "This alert is acknowledged already");
      await tx`update alerts set state = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${ctx.user.id} where id = ${id}`;
    } else {
      await tx`update alerts set state = 'resolved', resolved_at = now(), resolved_by = ${ctx.user.id}, trigger_pending = false,
        resolve_pending = notified_at is not null where id = ${id}`;
    }
    await audit(tx, ctx, { action: `alert.${action}`, targetType: "alert", targetId: id, before: { state: before.state }, after: { state: action === "ack" ? "acknowledged" : "resolved" } });
    await publishAlertChanges(tx, [{ id, team_id: ctx.team.id, state: action === "ack" ? "acknowledged" : "resolved" }]);
    const [after] = await tx<AlertRow[]>`${select(tx)} where al.id = ${id}`;
    if (!after) throw notFound("Alert");
    return toAlert(after);
  });
}

/** Snoozes notifications for an agent or a fleet (maintenance); alerts are still recorded, marked silenced. */
export async function createSilence(ctx: TeamContext, input: SilenceCreateInput) {
  assertCan(ctx, "alert:manage");
  const sql = await db();
  return sql.begin(async (tx) => {
    const table = input.scopeType === "agent" ? "agents" : "fleets";
    const [found] = await tx<{ n: number }[]>`select count(*)::int as n from ${tx(table)} where id = ${input.scopeId} and team_id = ${ctx.team.id}`;
    if (!found?.n) throw notFound(input.scopeType === "agent" ? "Agent" : "Fleet");
    const [row] = await tx<{ id: string; starts_at: Date; ends_at: Date }[]>`
      insert into silences (team_id, scope_type, scope_id, ends_at, reason, created_by)
      values (${ctx.team.id}, ${input.scopeType}, ${input.scopeId}, now() + make_interval(mins => ${input.minutes}), ${input.reason}, ${ctx.user.id})
      returning id, starts_at, ends_at`;
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, { action: "silence.create", targetType: input.scopeType, targetId: input.scopeId, after: { minutes: input.minutes, reason: input.reason } });
    return { id: row.id, scopeType: input.scopeType, scopeId: input.scopeId, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), reason: input.reason };
  });
}

/** Silences in force now for the team (or one agent or fleet). */
export async function listSilences(ctx: TeamContext, scopeId?: string) {
  assertCan(ctx, "alert:read");
  const sql = await db();
  const rows = await sql<{ id: string; scope_type: string; scope_id: string; starts_at: Date; ends_at: Date; reason: string }[]>`
    select id, scope_type, scope_id, starts_at, ends_at, reason from silences
    where team_id = ${ctx.team.id} and ends_at > now() ${scopeId ? sql`and scope_id = ${scopeId}` : sql``} order by ends_at`;
  return rows.map((r) => ({ id: r.id, scopeType: r.scope_type, scopeId: r.scope_id, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(), reason: r.reason }));
}

export async function endSilence(ctx: TeamContext, id: string): Promise<void> {
  assertCan(ctx, "alert:manage");
  if (!isUuid(id)) throw notFound("Silence");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [row] = await tx<{ scope_type: string; scope_id: string }[]>`update silences set ends_at = greatest(starts_at + interval '1 second', now()) where id = ${id} and team_id = ${ctx.team.id} and ends_at > now() returning scope_type, scope_id`;
    if (!row) throw notFound("Silence");
    await audit(tx, ctx, { action: "silence.end", targetType: row.scope_type, targetId: row.scope_id });
  });
}
