import { AppError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { SignupInput, TeamSummary, User } from "@/lib/schemas/auth";
import { audit } from "../audit/record";
import { createSession, type NewSession } from "./sessions";

type UserRow = { id: string; email: string; name: string; created_at: Date };
export const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() });

/** Creates the account, its personal team (owner) and a session, all in one transaction. */
export async function signUp(input: SignupInput, meta: { ip: string; userAgent: string }) {
  if (env().SIGNUP === "closed") throw new AppError("forbidden", "Sign-up is closed on this server; ask for an invitation");
  const passwordHash = await hashPassword(input.password);
  const sql = await db();
  return sql.begin(async (tx) => {
    const name = input.name ?? "";
    const [user] = await tx<UserRow[]>`
      insert into users (email, name, password_hash) values (${input.email}, ${name}, ${passwordHash})
      on conflict do nothing
      returning id, email, name, created_at`;
    if (!user) throw new AppError("conflict", "An account with this e-mail already exists; log in instead");
    const summary = await createPersonalTeam(tx, user, meta.ip);
    const session: NewSession = await createSession(tx, user.id, meta);
    return { user: toUser(user), team: summary, session };
  });
}

/** A new person's own team, with them as owner, audited as its creation (inside the caller's transaction). */
export async function createPersonalTeam(tx: Tx, user: { id: string; email: string; name: string }, ip: string): Promise<TeamSummary> {
  const teamName = user.name ? `${user.name}'s team` : "Personal";
  const [team] = await tx<{ id: string; name: string }[]>`
    insert into teams (name, personal) values (${teamName.slice(0, 100)}, true) returning id, name`;
  if (!team) throw new AppError("internal", "Team was not created");
  await tx`insert into memberships (team_id, user_id, role) values (${team.id}, ${user.id}, 'owner')`;
  await audit(tx, { user, ip, team }, { action: "team.create", targetType: "team", targetId: team.id, after: { name: team.name } });
  return { id: team.id, name: team.name, role: "owner", personal: true };
}
