import { describe, expect, it } from "vitest";
import { hashSessionToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { call, cookiesFrom, uniqueEmail } from "../helpers/api";
import { PASSWORD, createUser } from "../factories";

describe("sign-up, log-in, log-out", () => {
  it("signs up with a personal team and an httpOnly SameSite=Lax session cookie", async () => {
    const email = uniqueEmail("signup");
    const res = await call<{ user: { email: string }; team: { role: string; personal: boolean } }>("POST", "/api/auth/signup", {
      body: { email: email.toUpperCase(), password: PASSWORD, name: "Ada" },
    });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email);
    expect(res.body.team).toMatchObject({ role: "owner", personal: true });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("ocf_session="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const sql = await db();
    const [row] = await sql<{ password_hash: string }[]>`select password_hash from users where email = ${email}`;
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const token = session?.split(";")[0]?.split("=")[1] ?? "";
    expect(await sql`select 1 from sessions where token_hash = ${hashSessionToken(token)}`).toHaveLength(1);
    expect(await sql`select 1 from sessions s where s::text like ${`%${token}%`}`).toHaveLength(0);
  });

  it("refuses a second account with the same e-mail in any case", async () => {
    const user = await createUser();
    const res = await call("POST", "/api/auth/signup", { body: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "conflict" } });
  });

  it("logs in, and logging out revokes the session server-side", async () => {
    const user = await createUser();
    const bad = await call("POST", "/api/auth/login", { body: { email: user.email, password: "wrong password!" } });
    expect(bad.status).toBe(401);
    const login = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = cookiesFrom(login.headers);
    expect((await call("GET", "/api/me", { cookie })).status).toBe(200);
    const out = await call("POST", "/api/auth/logout", { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("ocf_session=;") && c.includes("Max-Age=0"))).toBe(true);
    expect((await call("GET", "/api/me", { cookie })).status).toBe(401);
  });

  it("answers unknown and wrong passwords alike", async () => {
    const user = await createUser();
    const unknown = await call("POST", "/api/auth/login", { body: { email: uniqueEmail("nobody"), password: PASSWORD } });
    const wrong = await call("POST", "/api/auth/login", { body: { email: user.email, password: "not the password" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("throttles log-in attempts per account, with Retry-After", async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call("POST", "/api/auth/login", { body: { email: user.email, password: `guess-${i}-wrong` } })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const blocked = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.headers.get("ratelimit")).toMatch(/remaining=0/);
  });

  it("throttles log-in attempts per address across accounts", async () => {
    const ip = "192.0.2.77";
    let last = 0;
    for (let i = 0; i < 51; i++) {
      last = (await call("POST", "/api/auth/login", { ip, body: { email: uniqueEmail("spray"), password: "password-spray" } })).status;
    }
    expect(last).toBe(429);
    const elsewhere = await call("POST", "/api/auth/login", { ip: "192.0.2.78", body: { email: uniqueEmail("x"), password: "whatever-123" } });
    expect(elsewhere.status).toBe(401);
  });

  it("throttles sign-ups per address (RATE_LIMIT_SIGNUPS_PER_HOUR, 20 by default)", async () => {
    const ip = "192.0.2.91";
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await call("POST", "/api/auth/signup", { ip, body: { email: uniqueEmail("many"), password: PASSWORD, name: "Many" } })).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await call("POST", "/api/auth/signup", { ip: "192.0.2.92", body: { email: uniqueEmail("other"), password: PASSWORD, name: "Other" } })).status).toBe(201);
  });

  it("refuses cookie-authenticated mutations from another origin", async () => {
    const user = await createUser();
    const res = await call("POST", "/api/fleets", { cookie: user.cookie, body: { name: "csrf" }, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    const login = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD }, headers: { origin: "https://evil.example" } });
    expect(login.status).toBe(403);
    const sql = await db();
    expect(await sql`select 1 from fleets where team_id = ${user.teamId}`).toHaveLength(0);
  });

  it("slides the session expiry forward and re-sends the cookie", async () => {
    const user = await createUser();
    const sql = await db();
    await sql`update sessions set last_seen_at = now() - interval '2 hours', expires_at = now() + interval '1 day'
      where user_id = ${user.id}`;
    const res = await call("GET", "/api/me", { cookie: user.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("ocf_session="))).toBe(true);
    const [row] = await sql<{ days: number }[]>`
      select extract(epoch from expires_at - now()) / 86400 as days from sessions where user_id = ${user.id}`;
    expect(Number(row?.days)).toBeGreaterThan(29);
  });

  it("rejects expired and revoked sessions", async () => {
    const user = await createUser();
    const sql = await db();
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    expect((await call("GET", "/api/me", { cookie: user.cookie })).status).toBe(401);
  });

  it("describes the caller and their teams", async () => {
    const user = await createUser();
    const res = await call<{ user: { email: string }; teams: { id: string; role: string }[]; activeTeamId: string }>("GET", "/api/me", { cookie: user.cookie });
    expect(res.body.user.email).toBe(user.email);
    expect(res.body.teams).toEqual([expect.objectContaining({ id: user.teamId, role: "owner" })]);
    expect(res.body.activeTeamId).toBe(user.teamId);
  });
});
