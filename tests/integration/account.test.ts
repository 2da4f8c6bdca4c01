import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { RESET_LINK_INVALID } from "@/lib/server/accounts/reset-password";
import { call, cookiesFrom } from "../helpers/api";
import { PASSWORD, addMember, createUser, type TestUser } from "../factories";

// The account: name, password, sessions, and one-time password reset links (by an owner, or from
// the command line), against the real database and the real routes.

const NEW_PASSWORD = "a brand new passphrase";
const root = path.resolve(import.meta.dirname, "../..");
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

async function logIn(email: string, password = PASSWORD, userAgent = CHROME) {
  const res = await call("POST", "/api/auth/login", { body: { email, password }, headers: { "user-agent": userAgent } });
  return { status: res.status, cookie: cookiesFrom(res.headers) };
}

const me = (cookie: string) => call("GET", "/api/me", { cookie });
type SessionList = { sessions: { id: string; device: string; ip: string; current: boolean; lastSeenAt: string }[] };
const sessions = (cookie: string) => call<SessionList>("GET", "/api/me/sessions", { cookie });

async function resetLink(owner: TestUser, userId: string) {
  const res = await call<{ resetLink: { url: string; expiresAt: string } }>("POST", `/api/teams/${owner.teamId}/members/${userId}/reset-link`, { cookie: owner.cookie });
  expect(res.status).toBe(201);
  return res.body.resetLink;
}
const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, "");
const reset = (token: string, password = NEW_PASSWORD, ip?: string) => call("POST", "/api/auth/reset-password", { body: { token, password }, ip });

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "user:reset-password", "--", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("name", () => {
  it.each(["Robert'); DROP TABLE users;--", "<script>alert(1)</script>", "Zoë 🚀 \"quoted\" `tick` \\ %_", "名前 ‮ rtl"])("stores %j verbatim", async (name) => {
    const user = await createUser("name");
    const res = await call<{ user: { name: string } }>("PATCH", "/api/me", { cookie: user.cookie, body: { name } });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe(name.trim());
    expect((await me(user.cookie)).body).toMatchObject({ user: { name: name.trim() } });
  });

  it("refuses an empty name, a line break or too long a name with 422, changing nothing", async () => {
    const user = await createUser("name");
    for (const name of ["   ", "two\nlines", "x".repeat(101)]) {
      const res = await call("PATCH", "/api/me", { cookie: user.cookie, body: { name } });
      expect(res.status, name).toBe(422);
    }
    expect((await call("PATCH", "/api/me", { cookie: user.cookie, body: { name: "ok", email: "x@example.test" } })).status).toBe(422);
    expect((await me(user.cookie)).body).toMatchObject({ user: { name: "name" } });
  });
});

describe("password change", () => {
  it("needs the right current password and the sign-up rules", async () => {
    const user = await createUser("pw");
    const wrong = await call("POST", "/api/me/password", { cookie: user.cookie, body: { currentPassword: "not my password", newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: { code: "invalid_request", details: [{ path: "currentPassword" }] } });
    const short = await call("POST", "/api/me/password", { cookie: user.cookie, body: { currentPassword: PASSWORD, newPassword: "short" } });
    expect(short.status).toBe(422);
    expect((await logIn(user.email)).status).toBe(200);
  });

  it("ends every other session of the person and keeps the current one", async () => {
    const user = await createUser("pw");
    const other = await logIn(user.email);
    const res = await call("POST", "/api/me/password", { cookie: user.cookie, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ endedSessions: 1 });
    expect((await me(user.cookie)).status).toBe(200);
    expect((await me(other.cookie)).status).toBe(401);
    expect((await logIn(user.email)).status).toBe(401);
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("is refused to API tokens (403), as ending sessions is", async () => {
    const user = await createUser("pw");
    const { body } = await call<{ token: string }>("POST", "/api/tokens", { cookie: user.cookie, body: { name: "script" } });
    const res = await call("POST", "/api/me/password", { token: body.token, body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(403);
    expect((await call("GET", "/api/me/sessions", { token: body.token })).status).toBe(403);
    expect((await call("DELETE", "/api/me/sessions", { token: body.token })).status).toBe(403);
    expect((await logIn(user.email)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("lists the person's sessions with device and address, the current one marked", async () => {
    const user = await createUser("sess");
    const firefox = await call("POST", "/api/auth/login", {
      body: { email: user.email, password: PASSWORD },
      ip: "203.0.113.7",
      headers: { "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0" },
    });
    const res = await sessions(user.cookie);
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    expect(res.body.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(res.body.sessions.find((s) => s.ip === "203.0.113.7")).toMatchObject({ device: "Firefox 133 on Mac OS 14.1", current: false });
    const theirs = await sessions(cookiesFrom(firefox.headers));
    expect(theirs.body.sessions.find((s) => s.current)?.ip).toBe("203.0.113.7");
  });

  it("ends one session, then all the others, never the current one; another person's id is 404", async () => {
    const user = await createUser("sess");
    const stranger = await createUser("stranger");
    const second = await logIn(user.email);
    const third = await logIn(user.email);
    const list = (await sessions(user.cookie)).body.sessions;
    const secondId = (await sessions(second.cookie)).body.sessions.find((s) => s.current)?.id ?? "";
    const strangersId = (await sessions(stranger.cookie)).body.sessions[0]?.id ?? "";

    for (const id of [strangersId, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      const res = await call("DELETE", `/api/me/sessions/${id}`, { cookie: user.cookie });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await me(stranger.cookie)).status).toBe(200);

    expect((await call("DELETE", `/api/me/sessions/${secondId}`, { cookie: user.cookie })).status).toBe(204);
    expect((await me(second.cookie)).status).toBe(401);
    expect((await call("DELETE", `/api/me/sessions/${secondId}`, { cookie: user.cookie })).status).toBe(404);
    expect((await sessions(user.cookie)).body.sessions).toHaveLength(list.length - 1);

    const all = await call("DELETE", "/api/me/sessions", { cookie: user.cookie });
    expect(all.body).toEqual({ endedSessions: 1 });
    expect((await me(third.cookie)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
    expect((await sessions(user.cookie)).body.sessions).toHaveLength(1);
  });

  it("ending the current session signs it out and clears its cookie", async () => {
    const user = await createUser("sess");
    const current = (await sessions(user.cookie)).body.sessions[0]?.id ?? "";
    const res = await call("DELETE", `/api/me/sessions/${current}`, { cookie: user.cookie });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("ocf_session=;") && c.includes("Max-Age=0"))).toBe(true);
    expect((await me(user.cookie)).status).toBe(401);
  });

  it("refuses a cookie-authenticated session change from another origin", async () => {
    const user = await createUser("sess");
    const res = await call("DELETE", "/api/me/sessions", { cookie: user.cookie, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
  });
});

describe("reset links made by an owner", () => {
  it("are for owners only, for members of their own team, and audited", async () => {
    const owner = await createUser("owner");
    const maintainer = await addMember(owner.teamId, "maintainer");
    const viewer = await addMember(owner.teamId, "viewer");
    const stranger = await createUser("stranger");
    for (const who of [maintainer, viewer]) {
      const res = await call("POST", `/api/teams/${owner.teamId}/members/${viewer.id}/reset-link`, { cookie: who.cookie });
      expect(res.status).toBe(403);
    }
    expect((await call("POST", `/api/teams/${owner.teamId}/members/${stranger.id}/reset-link`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("POST", `/api/teams/${stranger.teamId}/members/${stranger.id}/reset-link`, { cookie: owner.cookie })).status).toBe(404);
    const { body } = await call<{ token: string }>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "owner script" } });
    expect((await call("POST", `/api/teams/${owner.teamId}/members/${viewer.id}/reset-link`, { token: body.token })).status).toBe(403);

    const link = await resetLink(owner, viewer.id);
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password#token=ocfr_[\w-]{43}$/);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const sql = await db();
    const [audit] = await sql<{ action: string; target_id: string }[]>`
      select action, target_id from audit_log where team_id = ${owner.teamId} and action = 'member.reset_link'`;
    expect(audit).toEqual({ action: "member.reset_link", target_id: viewer.id });
    const stored = await sql`select 1 from password_resets r where r::text like ${`%${tokenOf(link.url)}%`}`;
    expect(stored).toHaveLength(0);
  });

  it("set a new password once, ending every session of the person", async () => {
    const owner = await createUser("owner");
    const member = await addMember(owner.teamId, "maintainer");
    const another = await logIn(member.email);
    const token = tokenOf((await resetLink(owner, member.id)).url);

    const weak = await reset(token, "short");
    expect(weak.status).toBe(422);
    const res = await reset(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await me(member.cookie)).status).toBe(401);
    expect((await me(another.cookie)).status).toBe(401);
    expect((await logIn(member.email)).status).toBe(401);
    expect((await logIn(member.email, NEW_PASSWORD)).status).toBe(200);
    expect((await me(owner.cookie)).status).toBe(200);
  });

  it("fail with one message and status when used twice, expired or unknown", async () => {
    const owner = await createUser("owner");
    const member = await addMember(owner.teamId, "viewer");
    const used = tokenOf((await resetLink(owner, member.id)).url);
    expect((await reset(used)).status).toBe(200);
    const expired = tokenOf((await resetLink(owner, member.id)).url);
    const sql = await db();
    await sql`update password_resets set expires_at = now() - interval '1 second' where user_id = ${member.id} and used_at is null`;
    const older = tokenOf((await resetLink(owner, member.id)).url);
    await resetLink(owner, member.id);
    expect((await reset(older, "yet another passphrase")).status).toBe(200);

    for (const token of [used, expired, older, "ocfr_unknown-token", `${used}x`]) {
      const res = await reset(token, "yet another passphrase");
      expect(res.status, token).toBe(404);
      expect(res.body).toEqual({ error: { code: "not_found", message: RESET_LINK_INVALID } });
    }
    expect((await logIn(member.email, "yet another passphrase")).status).toBe(200);
  });

  it("using one link, or changing the password, makes the other open links useless", async () => {
    const owner = await createUser("owner");
    const member = await addMember(owner.teamId, "viewer");
    const first = tokenOf((await resetLink(owner, member.id)).url);
    const second = tokenOf((await resetLink(owner, member.id)).url);
    expect((await reset(second)).status).toBe(200);
    expect((await reset(first)).status).toBe(404);
    const login = await logIn(member.email, NEW_PASSWORD);
    const third = tokenOf((await resetLink(owner, member.id)).url);
    await call("POST", "/api/me/password", { cookie: login.cookie, body: { currentPassword: NEW_PASSWORD, newPassword: "changed on my own" } });
    expect((await reset(third)).status).toBe(404);
  });

  it("attempts are limited per address (429 with Retry-After)", async () => {
    const ip = "198.51.100.23";
    for (let i = 0; i < 10; i++) expect((await reset(`ocfr_guess-${i}`, NEW_PASSWORD, ip)).status).toBe(404);
    const limited = await reset("ocfr_guess-11", NEW_PASSWORD, ip);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await reset("ocfr_guess-12", NEW_PASSWORD, "198.51.100.24")).status).toBe(404);
  });

  it("refuses another origin", async () => {
    const res = await call("POST", "/api/auth/reset-password", { body: { token: "ocfr_x", password: NEW_PASSWORD }, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
  });
});

describe("npm run user:reset-password", () => {
  it("prints a link that resets the password once", async () => {
    const user = await createUser("operator");
    const other = await logIn(user.email);
    const run = await runCli([user.email.toUpperCase()], process.env);
    expect(run.code, run.stderr).toBe(0);
    const url = /https?:\/\/\S+/.exec(run.stdout)?.[0] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password#token=ocfr_/);
    expect((await reset(tokenOf(url))).status).toBe(200);
    expect((await me(user.cookie)).status).toBe(401);
    expect((await me(other.cookie)).status).toBe(401);
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await reset(tokenOf(url))).status).toBe(404);
  });

  it("uses 127.0.0.1 and PORT without APP_URL, and exits 1 for an unknown address", async () => {
    const user = await createUser("operator");
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "4321" };
    delete env.APP_URL;
    const run = await runCli([user.email], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("http://127.0.0.1:4321/reset-password#token=ocfr_");
    const unknown = await runCli(["nobody-here@example.test"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account has the e-mail address nobody-here@example.test");
    const none = await runCli([], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Usage: npm run user:reset-password -- <email>");
  });
});
