import { notFound } from "@/lib/api/errors";
import { isUuid } from "@/lib/auth/context";
import type { Sql, Tx } from "@/lib/db/client";
import { readPolicyDocument, type LevelDocument, type PolicyLevel } from "@/lib/policies/merge";
import type { Policy, PolicyRevision } from "@/lib/schemas/policies";

export type PolicyRow = {
  id: string;
  team_id: string;
  scope_type: PolicyLevel;
  target_id: string;
  target_name: string | null;
  current_revision: string | number;
  document: unknown;
  created_at: Date;
  updated_at: Date;
};

export const POLICY_SELECT = `p.id, p.team_id, p.scope_type, p.target_id, p.current_revision, p.created_at, p.updated_at,
  coalesce((select r.document from policy_revisions r where r.id = p.current_revision), '{}'::jsonb) as document,
  case p.scope_type when 'team' then (select t.name from teams t where t.id = p.target_id)
    when 'fleet' then (select f.name from fleets f where f.id = p.target_id and f.team_id = p.team_id)
    else (select a.name from agents a where a.id = p.target_id and a.team_id = p.team_id) end as target_name`;

export const toPolicy = (r: PolicyRow): Policy => ({
  id: r.id,
  scope: r.scope_type,
  targetId: r.target_id,
  targetName: r.target_name,
  currentRevision: Number(r.current_revision),
  document: readPolicyDocument(r.document),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Fetch-or-404 within the caller's team (locked for a new revision). */
export async function getPolicyInTeam(sql: Sql | Tx, teamId: string, policyId: string, lock = false): Promise<PolicyRow> {
  if (!isUuid(policyId)) throw notFound("Policy");
  const [row] = await sql<PolicyRow[]>`
    select ${sql.unsafe(POLICY_SELECT)} from policies p where p.id = ${policyId} and p.team_id = ${teamId}
    ${lock ? sql`for update of p` : sql``}`;
  if (!row) throw notFound("Policy");
  return row;
}

export type RevisionRow = { id: string | number; policy_id: string; document: unknown; note: string; author_label: string; created_at: Date };

export const toRevision = (r: RevisionRow): PolicyRevision => ({
  id: Number(r.id),
  policyId: r.policy_id,
  document: readPolicyDocument(r.document),
  note: r.note,
  author: r.author_label,
  createdAt: r.created_at.toISOString(),
});

/**
 * The current documents of an agent's levels (team, fleet, agent, in that order), as SQL over an
 * agents row `a`: a JSON array of {level, policyId, revision, document}.
 */
export const LEVELS_OF_AGENT = `(select coalesce(json_agg(json_build_object('level', p.scope_type, 'policyId', p.id, 'revision', p.current_revision,
    'document', r.document) order by case p.scope_type when 'team' then 0 when 'fleet' then 1 else 2 end), '[]')
  from policies p join policy_revisions r on r.id = p.current_revision
  where p.team_id = a.team_id and p.target_id in (a.team_id, a.fleet_id, a.id))`;

/**
 * The effective revision of an agents row `a`: the greatest current revision of its levels, or its
 * last fleet move (`policy_epoch`, from the same sequence) when that is later (0: none).
 */
export const EFFECTIVE_REVISION = `greatest(coalesce((select max(p.current_revision) from policies p
  where p.team_id = a.team_id and p.target_id in (a.team_id, a.fleet_id, a.id)), 0), a.policy_epoch)`;

/** The revision an agent is compared with: its levels' newest, or its last fleet move when later. */
export const effectiveRevision = (levelsRevision: number, epoch: number | string): number => Math.max(levelsRevision, Number(epoch));

type LevelJson = { level: PolicyLevel; policyId: string; revision: number | string; document: unknown };
export const toLevels = (json: LevelJson[]): LevelDocument[] =>
  json.map((l) => ({ level: l.level, policyId: l.policyId, revision: Number(l.revision), document: readPolicyDocument(l.document) }));
