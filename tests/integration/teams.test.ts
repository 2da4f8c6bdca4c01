import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call, cookiesFrom } from "../helpers/api";
import { PASSWORD, addMember, createUser } from "../factories";

type Invite = { invitation: { id: string; url: string; status: string } };

async function invite(cookie: string, teamId: string, email: string, role = "maintainer") {
  return call<Invite>("POST", `/api/teams/${teamId}/invitations`, { cookie, body: { email, role } });
}

describe("teams, roles and invitations", () => {
  it("creates a team, makes it active, renames and deletes it", async () => {
    const owner = await createUser();
    const created = await call<{ team: { id: string; role: string } }>("POST", "/api/teams", { cookie: owner.cookie, body: { name: "Ops" } });
    expect(created.status).toBe(201);
    expect(created.body.team.role).toBe("owner");
    const cookie = `${owner.cookie.replace(/; team=[^;]*/, "")}; ${cookiesFrom(created.headers)}`;
    const me = await call<{ activeTeamId: string; teams: unknown[] }>("GET", "/api/me", { cookie });
    expect(me.body.activeTeamId).toBe(created.body.team.id);
    expect(me.body.teams).toHaveLength(2);

    const renamed = await call<{ team: { name: string } }>("PATCH", `/api/teams/${created.body.team.id}`, { cookie, body: { name: "Platform" } });
    expect(renamed.body.team.name).toBe("Platform");
    expect((await call("DELETE", `/api/teams/${created.body.team.id}`, { cookie })).status).toBe(204);
    expect((await call("GET", `/api/teams/${created.body.team.id}`, { cookie })).status).toBe(404);
    const onlyTeam = await call("DELETE", `/api/teams/${owner.teamId}`, { cookie });
    expect(onlyTeam.status).toBe(409);
  });

  it("switches the active team only to a team the caller belongs to", async () => {
    const a = await createUser();
    const b = await createUser();
    const own = await call("POST", "/api/me/active-team", { cookie: a.cookie, body: { teamId: a.teamId } });
    expect(own.status).toBe(200);
    expect(own.headers.getSetCookie().join()).toContain(`team=${a.teamId}`);
    expect((await call("POST", "/api/me/active-team", { cookie: a.cookie, body: { teamId: b.teamId } })).status).toBe(404);
  });

  it("invites by e-mail; the invitee accepts and gets the role", async () => {
    const owner = await createUser();
    const invitee = await createUser("invitee");
    const res = await invite(owner.cookie, owner.teamId, invitee.email, "viewer");
    expect(res.status).toBe(201);
    expect(res.body.invitation.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invite\/ocfi_/);
    const token = res.body.invitation.url.split("/invite/")[1] ?? "";

    const stranger = await createUser("stranger");
    const wrongPerson = await call("POST", "/api/invitations/accept", { cookie: stranger.cookie, body: { token } });
    expect(wrongPerson.status).toBe(403);

    const accepted = await call<{ team: { id: string; role: string } }>("POST", "/api/invitations/accept", { cookie: invitee.cookie, body: { token } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.team).toMatchObject({ id: owner.teamId, role: "viewer" });
    expect((await call("POST", "/api/invitations/accept", { cookie: invitee.cookie, body: { token } })).status).toBe(404);

    const members = await call<{ members: { email: string; role: string }[] }>("GET", `/api/teams/${owner.teamId}/members`, { cookie: owner.cookie });
    expect(members.body.members.map((m) => [m.email, m.role])).toContainEqual([invitee.email, "viewer"]);
    const list = await call<{ invitations: { status: string; url?: string }[] }>("GET", `/api/teams/${owner.teamId}/invitations`, { cookie: owner.cookie });
    expect(list.body.invitations[0]).toMatchObject({ status: "accepted" });
    expect(list.body.invitations[0]?.url).toBeUndefined();
  });

  it("refuses expired and revoked invitations", async () => {
    const owner = await createUser();
    const invitee = await createUser("late");
    const first = await invite(owner.cookie, owner.teamId, invitee.email);
    const sql = await db();
    await sql`update invitations set expires_at = now() - interval '1 minute' where id = ${first.body.invitation.id}`;
    const expiredToken = first.body.invitation.url.split("/invite/")[1];
    expect((await call("POST", "/api/invitations/accept", { cookie: invitee.cookie, body: { token: expiredToken } })).status).toBe(404);

    const second = await invite(owner.cookie, owner.teamId, invitee.email);
    expect((await call("DELETE", `/api/teams/${owner.teamId}/invitations/${second.body.invitation.id}`, { cookie: owner.cookie })).status).toBe(204);
    const revokedToken = second.body.invitation.url.split("/invite/")[1];
    expect((await call("POST", "/api/invitations/accept", { cookie: invitee.cookie, body: { token: revokedToken } })).status).toBe(404);
  });

  it("lets maintainers invite up to their own role only", async () => {
    const owner = await createUser();
    const maintainer = await addMember(owner.teamId, "maintainer");
    expect((await invite(maintainer.cookie, owner.teamId, "new-m@example.test", "maintainer")).status).toBe(201);
    expect((await invite(maintainer.cookie, owner.teamId, "new-o@example.test", "owner")).status).toBe(403);
  });

  it("keeps at least one owner: the last owner can be neither demoted nor removed", async () => {
    const owner = await createUser();
    const path = `/api/teams/${owner.teamId}/members/${owner.id}`;
    const demote = await call("PATCH", path, { cookie: owner.cookie, body: { role: "maintainer" } });
    expect(demote.status).toBe(409);
    expect((await call("DELETE", path, { cookie: owner.cookie })).status).toBe(409);

    const second = await addMember(owner.teamId, "maintainer", "second");
    const promote = await call<{ member: { role: string } }>("PATCH", `/api/teams/${owner.teamId}/members/${second.id}`, { cookie: owner.cookie, body: { role: "owner" } });
    expect(promote.body.member.role).toBe("owner");
    expect((await call("PATCH", path, { cookie: owner.cookie, body: { role: "viewer" } })).status).toBe(200);
  });

  it("lets a member leave, and removal revokes their tokens in the team", async () => {
    const owner = await createUser();
    const member = await addMember(owner.teamId, "maintainer");
    const token = await call<{ token: string }>("POST", "/api/tokens", { cookie: member.cookie, teamId: owner.teamId, body: { name: "ci" } });
    expect(token.status).toBe(201);
    expect((await call("GET", "/api/fleets", { token: token.body.token })).status).toBe(200);
    expect((await call("DELETE", `/api/teams/${owner.teamId}/members/${member.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await call("GET", "/api/fleets", { token: token.body.token })).status).toBe(401);
    const leaver = await addMember(owner.teamId, "viewer");
    expect((await call("DELETE", `/api/teams/${owner.teamId}/members/${leaver.id}`, { cookie: leaver.cookie })).status).toBe(204);
    expect((await call("GET", `/api/teams/${owner.teamId}`, { cookie: leaver.cookie })).status).toBe(404);
  });

  it("applies the permission matrix to maintainers and viewers", async () => {
    const owner = await createUser();
    const maintainer = await addMember(owner.teamId, "maintainer");
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await call("PATCH", `/api/teams/${owner.teamId}`, { cookie: maintainer.cookie, body: { name: "x" } })).status).toBe(403);
    expect((await call("PATCH", `/api/teams/${owner.teamId}/members/${viewer.id}`, { cookie: maintainer.cookie, body: { role: "owner" } })).status).toBe(403);
    expect((await call("POST", "/api/fleets", { cookie: maintainer.cookie, teamId: owner.teamId, body: { name: "m" } })).status).toBe(201);
    expect((await call("POST", "/api/fleets", { cookie: viewer.cookie, teamId: owner.teamId, body: { name: "v" } })).status).toBe(403);
    expect((await call("GET", "/api/fleets", { cookie: viewer.cookie, teamId: owner.teamId })).status).toBe(200);
    const login = await call("POST", "/api/auth/login", { body: { email: viewer.email, password: PASSWORD } });
    expect(login.status).toBe(200);
  });
});
