import { notFound } from "@/lib/api/errors";
import { isUuid } from "@/lib/auth/context";
import type { Sql, Tx } from "@/lib/db/client";
import type { Secret } from "@/lib/schemas/secrets";

export type SecretRow = {
  id: string;
  team_id: string;
  scope_type: Secret["scope"];
  target_id: string;
  target_name: string | null;
  name: string;
  mask_hint: string | null;
  description: string;
  version: string | number;
  created_at: Date;
  updated_at: Date;
  updated_by_label: string | null;
};

export const SECRET_SELECT = `s.id, s.team_id, s.scope_type, s.target_id, s.name, s.mask_hint, s.description, s.version, s.created_at, s.updated_at,
  (select u.email from users u where u.id = s.updated_by) as updated_by_label,
  case s.scope_type when 'team' then (select t.name from teams t where t.id = s.target_id)
    when 'fleet' then (select f.name from fleets f where f.id = s.target_id and f.team_id = s.team_id)
    else (select a.name from agents a where a.id = s.target_id and a.team_id = s.team_id) end as target_name`;

export const toSecret = (r: SecretRow): Secret => ({
  id: r.id,
  name: r.name,
  scope: r.scope_type,
  targetId: r.target_id,
  targetName: r.target_name,
  mask: `…${r.mask_hint ?? ""}`,
  description: r.description,
  version: Number(r.version),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by_label,
});

/** The value's last four characters, only when it has at least twelve (a shorter tail gives too much away). */
export function maskHint(value: string): string | null {
  const chars = [...value];
  return chars.length >= 12 ? chars.slice(-4).join("") : null;
}

/** What the ciphertext is bound to: the row's identity, so a blob copied to another row does not open. */
export const secretAad = (r: { id: string; team_id: string; scope_type: string; target_id: string; name: string }) =>
  `secret:${r.id}:${r.team_id}:${r.scope_type}:${r.target_id}:${r.name}`;

/** Fetch-or-404 of a live secret within the caller's team (locked for a change). */
export async function getSecretInTeam(sql: Sql | Tx, teamId: string, secretId: string, lock = false): Promise<SecretRow> {
  if (!isUuid(secretId)) throw notFound("Secret");
  const [row] = await sql<SecretRow[]>`
    select ${sql.unsafe(SECRET_SELECT)} from secrets s where s.id = ${secretId} and s.team_id = ${teamId} and s.deleted_at is null
    ${lock ? sql`for update of s` : sql``}`;
  if (!row) throw notFound("Secret");
  return row;
}

/**
 * The effective secrets version of an agents row (alias `a`): the greatest version among its team's, its
 * fleet's and its own secrets (tombstones included) and its epoch (moved when it changes fleet).
 * Each level is one backward probe of secrets_version_idx.
 */
export const effectiveSecretsVersion = (a = "a") => `greatest(${a}.secrets_epoch,
  (select max(s.version) from secrets s where s.team_id = ${a}.team_id and s.target_id = ${a}.team_id),
  (select max(s.version) from secrets s where s.team_id = ${a}.team_id and s.target_id = ${a}.fleet_id),
  (select max(s.version) from secrets s where s.team_id = ${a}.team_id and s.target_id = ${a}.id))`;
