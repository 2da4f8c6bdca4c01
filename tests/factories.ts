import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { createAgent } from "./helpers/agent";
import { call, cookiesFrom, uniqueEmail } from "./helpers/api";

export const PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export type TestUser = { id: string; email: string; cookie: string; teamId: string };

/** A new person with a personal team (owner), signed in through the real sign-up route. */
export async function createUser(tag = "user"): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const res = await call<{ user: { id: string }; team: { id: string } }>("POST", "/api/auth/signup", {
    body: { email, password: PASSWORD, name: tag },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, cookie: cookiesFrom(res.headers), teamId: res.body.team.id };
}

/** Adds a member with a role straight in the database (fast path for role tests), signed in. */
export async function addMember(teamId: string, role: Role, tag: string = role): Promise<TestUser> {
  const sql = await db();
  passwordHash ??= hashPassword(PASSWORD);
  const email = uniqueEmail(tag);
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash) values (${email}, ${tag}, ${await passwordHash}) returning id`;
  if (!user) throw new Error("user insert failed");
  await sql`insert into memberships (team_id, user_id, role) values (${teamId}, ${user.id}, ${role})`;
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { id: user.id, email, cookie: cookiesFrom(login.headers), teamId };
}

/** Two teams, each with an owner, a maintainer and a viewer, and a fleet: the security suites' world. */
export async function createWorld() {
  const owner = await createUser("owner");
  const maintainer = await addMember(owner.teamId, "maintainer");
  const viewer = await addMember(owner.teamId, "viewer");
  const other = await createUser("other");
  const fleet = await createFleet(owner, "Primary");
  const otherFleet = await createFleet(other, "Theirs");
  const agent = await createAgent(owner, fleet.id);
  const otherAgent = await createAgent(other, otherFleet.id);
  return { owner, maintainer, viewer, other, fleet, otherFleet, agent, otherAgent };
}

export async function createFleet(user: TestUser, name: string): Promise<{ id: string; name: string }> {
  const res = await call<{ fleet: { id: string; name: string } }>("POST", "/api/fleets", { cookie: user.cookie, body: { name } });
  if (res.status !== 201) throw new Error(`fleet create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.fleet;
}
