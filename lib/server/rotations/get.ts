import { notFound } from "@/lib/api/errors";
import { isUuid, type TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { PolicyLevel } from "@/lib/policies/merge";
import { ROTATION_VIEW_MAX_AGENTS, type Rotation, type RotationAgent, type RotationDetailQuery, type RotationPolicyWrite } from "@/lib/schemas/rotations";

/**
 * Each covered agent of rotation `r` with where it stands: confirmed once its gateway reports the
 * backup as primary (read back, not assumed), failed when it failed a revision at or after the
 * rotation's or its clear_session_models command failed or expired, else pending.
 */
const AGENT_STATES = `
  select ra.rotation_id, a.id, a.name, a.fleet_id, a.status::text as status, a.gateway_model, a.gateway_model_since,
    pin.status as pin_status, pin.message as pin_message, coalesce(substring(pin.message from '^cleared ([0-9]+)')::int, 0) as cleared,
    case when (a.policy_status->>'status') = 'failed' and (a.policy_status->>'version')::bigint >= r.first_revision then 'failed'
      when pin.status in ('failed', 'expired') then 'failed'
      when a.gateway_model = r.backup_model then 'confirmed' else 'pending' end as state,
    case when (a.policy_status->>'status') = 'failed' and (a.policy_status->>'version')::bigint >= r.first_revision
      then 'The gateway refused the policy: ' || coalesce(a.policy_status->>'message', 'no reason given')
      when pin.status in ('failed', 'expired') then 'Clearing session pins: ' || coalesce(pin.message, pin.status) end as message
  from model_rotation_agents ra
  join agents a on a.id = ra.agent_id
  cross join lateral (
    select coalesce((select case when c.status in ('pending', 'delivered') and b.expires_at <= now() then 'expired'
          when c.status = 'delivered' then 'pending' else c.status end
        from commands c join batches b on b.id = c.batch_id where c.batch_id = r.batch_id and c.agent_id = a.id order by c.created_at desc limit 1),
      (select i.status from batch_items i where i.batch_id = r.batch_id and i.agent_id = a.id), 'none') as status,
      coalesce((select c.result_message from commands c where c.batch_id = r.batch_id and c.agent_id = a.id order by c.created_at desc limit 1),
        (select i.message from batch_items i where i.batch_id = r.batch_id and i.agent_id = a.id)) as message
  ) pin
  where ra.rotation_id = r.id`;

/** Rotations with their counts, as SQL over model_rotations `r`. */
export const rotationSummary = (sql: Sql | Tx) => sql`
  select r.id, r.scope, r.scope_label, r.backup_model, r.fallbacks, r.note, r.agent_count, r.batch_id, r.created_at, r.reverted_at,
    cu.email as created_by, ru.email as reverted_by, s.*
  from model_rotations r
  left join users cu on cu.id = r.created_by
  left join users ru on ru.id = r.reverted_by
  cross join lateral (
    select count(*) filter (where x.state = 'confirmed')::int as confirmed, count(*) filter (where x.state = 'pending')::int as pending,
      count(*) filter (where x.state = 'failed')::int as failed, count(*)::int as total,
      count(*) filter (where x.pin_status = 'done')::int as pins_done, count(*) filter (where x.pin_status = 'pending')::int as pins_pending,
      count(*) filter (where x.pin_status in ('failed', 'expired'))::int as pins_failed, coalesce(sum(x.cleared), 0)::int as pins_cleared
    from (${sql.unsafe(AGENT_STATES)}) x
  ) s`;

export type RotationRow = {
  id: string; scope: Record<string, unknown>; scope_label: string; backup_model: string; fallbacks: string[]; note: string; agent_count: number;
  batch_id: string | null; created_at: Date; reverted_at: Date | null; created_by: string | null; reverted_by: string | null;
  confirmed: number; pending: number; failed: number; total: number; pins_done: number; pins_pending: number; pins_failed: number; pins_cleared: number;
};

export const toRotation = (r: RotationRow): Rotation => ({
  id: r.id,
  scope: r.scope,
  scopeLabel: r.scope_label,
  backup: r.backup_model,
  fallbacks: r.fallbacks,
  note: r.note,
  agentCount: r.agent_count,
  batchId: r.batch_id,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  revertedAt: r.reverted_at?.toISOString() ?? null,
  revertedBy: r.reverted_by,
  counts: { confirmed: r.confirmed, pending: r.pending, failed: r.failed, total: r.total },
  pins: { done: r.pins_done, pending: r.pins_pending, failed: r.pins_failed, cleared: r.pins_cleared },
});

/** Fetch-or-404 within the caller's team. */
export async function getRotationSummary(sql: Sql | Tx, teamId: string, rotationId: string): Promise<Rotation> {
  if (!isUuid(rotationId)) throw notFound("Rotation");
  const [row] = await sql<RotationRow[]>`${rotationSummary(sql)} where r.id = ${rotationId} and r.team_id = ${teamId}`;
  if (!row) throw notFound("Rotation");
  return toRotation(row);
}

type PolicyWriteRow = { policy_id: string; scope_type: PolicyLevel; target_id: string; target_name: string | null; created: boolean; before_revision: string; after_revision: string; revert_revision: string | null; current_revision: string };

/** The policies a rotation wrote, with their current revision. */
export async function rotationPolicies(sql: Sql | Tx, rotationId: string): Promise<(RotationPolicyWrite & { currentRevision: number; beforeDocument?: unknown })[]> {
  const rows = await sql<(PolicyWriteRow & { before_document: unknown })[]>`
    select rp.policy_id, p.scope_type, p.target_id, rp.created, rp.before_revision, rp.before_document, rp.after_revision, rp.revert_revision, p.current_revision,
      case p.scope_type when 'team' then (select t.name from teams t where t.id = p.target_id)
        when 'fleet' then (select f.name from fleets f where f.id = p.target_id) else (select a.name from agents a where a.id = p.target_id) end as target_name
    from model_rotation_policies rp join policies p on p.id = rp.policy_id
    where rp.rotation_id = ${rotationId}
    order by case p.scope_type when 'team' then 0 when 'fleet' then 1 else 2 end, target_name, p.id`;
  return rows.map((r) => ({
    policyId: r.policy_id, level: r.scope_type, targetId: r.target_id, targetName: r.target_name, created: r.created,
    beforeRevision: Number(r.before_revision), afterRevision: Number(r.after_revision), revertRevision: r.revert_revision === null ? null : Number(r.revert_revision),
    currentRevision: Number(r.current_revision), beforeDocument: r.before_document,
  }));
}

type AgentRow = { id: string; name: string; fleet_id: string; status: string; state: RotationAgent["state"]; gateway_model: string | null; gateway_model_since: Date | null; message: string | null; pin_status: RotationAgent["pins"]; pin_message: string | null };

/** One rotation, its policies and its agents (failed first), optionally only those in one state. */
export async function getRotation(ctx: TeamContext, rotationId: string, query: RotationDetailQuery) {
  assertCan(ctx, "policy:read");
  const sql = await db();
  const rotation = await getRotationSummary(sql, ctx.team.id, rotationId);
  const rows = await sql<AgentRow[]>`
    select x.* from model_rotations r cross join lateral (${sql.unsafe(AGENT_STATES)}) x
    where r.id = ${rotation.id} and r.team_id = ${ctx.team.id} ${query.state ? sql`and x.state = ${query.state}` : sql``}
    order by case x.state when 'failed' then 0 when 'pending' then 1 else 2 end, lower(x.name), x.id
    limit ${ROTATION_VIEW_MAX_AGENTS}`;
  const agents = rows.map((r): RotationAgent => ({
    id: r.id, name: r.name, fleetId: r.fleet_id, status: r.status, state: r.state, gatewayModel: r.gateway_model,
    gatewayModelSince: r.gateway_model_since?.toISOString() ?? null,
    confirmedAt: r.state === "confirmed" ? (r.gateway_model_since?.toISOString() ?? null) : null,
    message: r.message, pins: r.pin_status, pinsMessage: r.pin_message,
  }));
  const policies = (await rotationPolicies(sql, rotation.id)).map(({ beforeDocument: _d, currentRevision: _c, ...p }) => p);
  return { rotation, policies, agents };
}
