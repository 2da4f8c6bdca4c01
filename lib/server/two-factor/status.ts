import { db, type Sql, type Tx } from "@/lib/db/client";
import type { TwoFactorStatus } from "@/lib/schemas/two-factor";

/** Whether the person has a second factor: a confirmed authenticator app or a passkey. */
export async function hasSecondFactor(tx: Tx | Sql, userId: string): Promise<boolean> {
  const [row] = await tx<{ on: boolean }[]>`
    select exists(select 1 from user_totp where user_id = ${userId} and confirmed_at is not null)
      or exists(select 1 from passkeys where user_id = ${userId}) as on`;
  return row?.on ?? false;
}

/** True when a team of the person requires two-factor and the person has none yet. */
export async function twoFactorMissing(userId: string): Promise<boolean> {
  const sql = await db();
  const [row] = await sql<{ required: boolean }[]>`
    select exists(select 1 from memberships m join teams t on t.id = m.team_id where m.user_id = ${userId} and t.require_two_factor) as required`;
  return (row?.required ?? false) && !(await hasSecondFactor(sql, userId));
}

/** What the account page shows: which factors are on, recovery codes left, and which teams require it. */
export async function getTwoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const sql = await db();
  const [row] = await sql<{ totp: boolean; passkeys: number; codes: number }[]>`
    select exists(select 1 from user_totp where user_id = ${userId} and confirmed_at is not null) as totp,
      (select count(*)::int from passkeys where user_id = ${userId}) as passkeys,
      (select count(*)::int from recovery_codes where user_id = ${userId} and used_at is null) as codes`;
  const teams = await sql<{ id: string; name: string }[]>`
    select t.id, t.name from memberships m join teams t on t.id = m.team_id
    where m.user_id = ${userId} and t.require_two_factor order by t.name, t.id`;
  const totp = row?.totp ?? false;
  const passkeys = row?.passkeys ?? 0;
  return { enabled: totp || passkeys > 0, totp, passkeys, recoveryCodesLeft: row?.codes ?? 0, requiredBy: teams };
}
