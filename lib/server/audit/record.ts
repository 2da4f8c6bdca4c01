import type { TeamContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";

export type AuditEvent = {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditActor = Pick<TeamContext, "user" | "token" | "ip"> & { team: { id: string } };

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function audit(tx: Tx, ctx: AuditActor, event: AuditEvent): Promise<void> {
  const actorType = ctx.token ? "token" : "user";
  const actorLabel = ctx.token ? `${ctx.user.email} (token)` : ctx.user.email;
  await tx`
    insert into audit_log (team_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, ip)
    values (${ctx.team.id}, ${actorType}, ${ctx.user.id}, ${actorLabel}, ${event.action}, ${event.targetType},
      ${event.targetId ?? null}, ${event.before === undefined ? null : tx.json(event.before as never)},
      ${event.after === undefined ? null : tx.json(event.after as never)}, ${ctx.ip})`;
}

/** Writes one audit row for a change no person made (a payment provider's webhook, a job), in the caller's transaction. */
export async function auditSystem(tx: Tx, teamId: string, actorLabel: string, event: AuditEvent): Promise<void> {
  await tx`
    insert into audit_log (team_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after)
    values (${teamId}, 'system', null, ${actorLabel}, ${event.action}, ${event.targetType}, ${event.targetId ?? null},
      ${event.before === undefined ? null : tx.json(event.before as never)}, ${event.after === undefined ? null : tx.json(event.after as never)})`;
}

export type AuditRow = { targetId: string; before?: unknown; after?: unknown };

/** Writes one audit row per target in one statement (bulk actions), inside the caller's transaction. */
export async function auditEach(tx: Tx, ctx: AuditActor, action: string, targetType: string, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const actorType = ctx.token ? "token" : "user";
  const actorLabel = ctx.token ? `${ctx.user.email} (token)` : ctx.user.email;
  const encode = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await tx`
    insert into audit_log (team_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, ip)
    select ${ctx.team.id}, ${actorType}, ${ctx.user.id}, ${actorLabel}, ${action}, ${targetType}, t, b::jsonb, a::jsonb, ${ctx.ip}
    from unnest(${rows.map((r) => r.targetId)}::text[], ${rows.map((r) => encode(r.before))}::text[], ${rows.map((r) => encode(r.after))}::text[]) as v(t, b, a)`;
}
