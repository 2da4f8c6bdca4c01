import { db } from "@/lib/db/client";

/** A fingerprint of everything the given teams and users own (sessions: which exist and whether revoked), to prove nothing changed. */
export async function snapshot(teamIds: string[], userIds: string[]): Promise<string> {
  const sql = await db();
  const [row] = await sql<{ fingerprint: string }[]>`
    select md5(concat_ws('|',
      (select string_agg(t::text, ',' order by t.id) from teams t where t.id = any(${teamIds}::uuid[])),
      (select string_agg(m::text, ',' order by m.team_id, m.user_id) from memberships m where m.team_id = any(${teamIds}::uuid[])),
      (select string_agg(i::text, ',' order by i.id) from invitations i where i.team_id = any(${teamIds}::uuid[])),
      (select string_agg(concat_ws(':', k.id, k.name, k.role, k.revoked_at), ',' order by k.id) from api_tokens k where k.team_id = any(${teamIds}::uuid[])),
      (select string_agg(f::text, ',' order by f.id) from fleets f where f.team_id = any(${teamIds}::uuid[])),
      (select string_agg(a::text, ',' order by a.id) from agents a where a.team_id = any(${teamIds}::uuid[])),
      (select string_agg(c::text, ',' order by c.id) from commands c where c.team_id = any(${teamIds}::uuid[])),
      (select string_agg(p.id::text || coalesce(p.used_at::text, ''), ',' order by p.id) from pairing_codes p where p.team_id = any(${teamIds}::uuid[])),
      (select string_agg(k.id::text || coalesce(k.revoked_at::text, ''), ',' order by k.id) from agent_keys k where k.team_id = any(${teamIds}::uuid[])),
      (select string_agg(l.id::text, ',' order by l.id) from audit_log l where l.team_id = any(${teamIds}::uuid[])),
      (select string_agg(c::text, ',' order by c.id) from alert_channels c where c.team_id = any(${teamIds}::uuid[])),
      (select string_agg(r::text, ',' order by r.id) from alert_rules r where r.team_id = any(${teamIds}::uuid[])),
      (select string_agg(al::text, ',' order by al.id) from alerts al where al.team_id = any(${teamIds}::uuid[])),
      (select string_agg(s::text, ',' order by s.id) from silences s where s.team_id = any(${teamIds}::uuid[])),
      (select string_agg(n::text, ',' order by n.id) from notifications n where n.team_id = any(${teamIds}::uuid[])),
      (select string_agg(p::text, ',' order by p.id) from model_prices p where p.team_id = any(${teamIds}::uuid[])),
      (select string_agg(c::text, ',' order by c.id) from model_catalogue c where c.team_id = any(${teamIds}::uuid[])),
      (select string_agg(b::text, ',' order by b.team_id) from billing_subscriptions b where b.team_id = any(${teamIds}::uuid[])),
      (select string_agg(b::text, ',' order by b.id) from budgets b where b.team_id = any(${teamIds}::uuid[])),
      (select string_agg(d::text, ',' order by d.agent_id, d.from_model, d.to_model) from advice_dismissals d where d.team_id = any(${teamIds}::uuid[])),
      (select string_agg(b::text, ',' order by b.id) from batches b where b.team_id = any(${teamIds}::uuid[])),
      (select string_agg(i::text, ',' order by i.batch_id, i.agent_id) from batch_items i where i.team_id = any(${teamIds}::uuid[])),
      (select string_agg(p::text, ',' order by p.id) from policies p where p.team_id = any(${teamIds}::uuid[])),
      (select string_agg(s::text, ',' order by s.id) from secrets s where s.team_id = any(${teamIds}::uuid[])),
      (select string_agg(r::text, ',' order by r.id) from policy_revisions r where r.team_id = any(${teamIds}::uuid[])),
      (select string_agg(r::text, ',' order by r.id) from model_rotations r where r.team_id = any(${teamIds}::uuid[])),
      (select string_agg(p::text, ',' order by p.rotation_id, p.policy_id) from model_rotation_policies p where p.team_id = any(${teamIds}::uuid[])),
      (select string_agg(x::text, ',' order by x.rotation_id, x.agent_id) from model_rotation_agents x where x.team_id = any(${teamIds}::uuid[])),
      (select string_agg(u::text, ',' order by u.id) from users u where u.id = any(${userIds}::uuid[])),
      (select string_agg(s.id::text || coalesce(s.revoked_at::text, ''), ',' order by s.id) from sessions s where s.user_id = any(${userIds}::uuid[])),
      (select string_agg(r::text, ',' order by r.id) from password_resets r where r.user_id = any(${userIds}::uuid[])),
      (select string_agg(t::text, ',' order by t.user_id) from user_totp t where t.user_id = any(${userIds}::uuid[])),
      (select string_agg(c::text, ',' order by c.id) from recovery_codes c where c.user_id = any(${userIds}::uuid[])),
      (select string_agg(p::text, ',' order by p.id) from passkeys p where p.user_id = any(${userIds}::uuid[])),
      (select string_agg(p::text, ',' order by p.id) from pending_sign_ins p where p.user_id = any(${userIds}::uuid[]))
    )) as fingerprint`;
  return row?.fingerprint ?? "";
}
