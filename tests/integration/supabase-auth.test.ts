import { createServerClient } from "@supabase/ssr";
import { generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnv } from "@/lib/env";
import { call, uniqueEmail } from "../helpers/api";
import { serverClientOptions } from "@/lib/supabase/server-options";
import { startGoTrueStandIn, type GoTrueStandIn } from "../helpers/gotrue-standin";
import { PASSWORD, createUser } from "../factories";

// Sign-in through Supabase Auth against the GoTrue stand-in: cookies exactly as @supabase/ssr
// writes them, verified and mapped to one user here by the real route handlers.
let gotrue: GoTrueStandIn;
const SETTINGS = ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "SUPABASE_AUTH"] as const;

function supabaseMode(on: boolean) {
  for (const name of SETTINGS) delete process.env[name];
  if (on) Object.assign(process.env, { NEXT_PUBLIC_SUPABASE_URL: gotrue.url, NEXT_PUBLIC_SUPABASE_ANON_KEY: gotrue.anonKey, SUPABASE_AUTH: "1" });
  resetEnv();
}

/** Signs in at the stand-in with supabase-js's server client; the Cookie header a browser would then send. */
async function signIn(email: string, password = PASSWORD): Promise<{ cookie: string; accessToken: string }> {
  const jar = new Map<string, string>();
  const client = createServerClient(gotrue.url, gotrue.anonKey, {
    ...serverClientOptions,
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach((c) => (c.value ? jar.set(c.name, c.value) : jar.delete(c.name))),
    },
  });
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`stand-in sign-in failed: ${error?.message}`);
  return { cookie: [...jar].map(([n, v]) => `${n}=${v}`).join("; "), accessToken: data.session.access_token };
}

/** A session cookie carrying any access token, as @supabase/ssr would store it. */
const cookieWith = (accessToken: string) =>
  `sb-127-auth-token=base64-${Buffer.from(JSON.stringify({ access_token: accessToken, refresh_token: "x", token_type: "bearer" })).toString("base64url")}`;

beforeAll(async () => {
  gotrue = await startGoTrueStandIn();
  supabaseMode(true);
});
afterAll(async () => {
  supabaseMode(false);
  await gotrue.close();
});

describe("sign-in through Supabase Auth", () => {
  it("maps a first sign-in to one new user with a personal team; later requests find the same row", async () => {
    const email = uniqueEmail("supa");
    const person = gotrue.addUser(email, PASSWORD);
    const { cookie } = await signIn(email);
    const first = await Promise.all([1, 2, 3].map(() => call<{ user: { id: string; email: string }; teams: { role: string; personal: boolean }[] }>("GET", "/api/me", { cookie })));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const me = first[0]?.body;
    expect(me?.user.email).toBe(email);
    expect(me?.teams).toEqual([expect.objectContaining({ role: "owner", personal: true })]);
    expect(new Set(first.map((r) => r.body.user.id)).size).toBe(1);
    const again = await call<{ user: { id: string } }>("GET", "/api/me", { cookie: (await signIn(email)).cookie });
    expect(again.body.user.id).toBe(me?.user.id);
    const sql = await db();
    expect(await sql`select 1 from users where supabase_id = ${person.id}`).toHaveLength(1);
    expect(await sql`select 1 from memberships where user_id = ${me?.user.id ?? ""}`).toHaveLength(1);
    expect(await sql`select 1 from audit_log where actor_id = ${me?.user.id ?? ""} and action = 'team.create'`).toHaveLength(1);
  });

  it("leaves teams, roles, tokens and audit as they are for that user", async () => {
    const email = uniqueEmail("supa-work");
    gotrue.addUser(email, PASSWORD);
    const { cookie } = await signIn(email);
    const fleet = await call<{ fleet: { id: string } }>("POST", "/api/fleets", { cookie, body: { name: "Supabase fleet" } });
    expect(fleet.status).toBe(201);
    const token = await call<{ token: string }>("POST", "/api/tokens", { cookie, body: { name: "script", role: "viewer" } });
    expect(token.status).toBe(201);
    expect((await call("GET", `/api/fleets/${fleet.body.fleet.id}`, { token: token.body.token })).status).toBe(200);
    expect((await call("POST", "/api/fleets", { token: token.body.token, body: { name: "no" } })).status).toBe(403);
    const audit = await call<{ entries: { action: string; actor: { type: string; label: string } }[] }>("GET", "/api/audit?action=fleet.create", { cookie });
    expect(audit.body.entries[0]).toMatchObject({ action: "fleet.create", actor: { type: "user", label: email } });
    // Passwords and sessions are Supabase's.
    const password = await call("POST", "/api/me/password", { cookie, body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` } });
    expect(password.body).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("Supabase") } });
    // Cookie sessions still refuse cross-origin writes.
    const crossSite = await call("POST", "/api/fleets", { cookie, body: { name: "csrf" }, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
  });

  it("refuses forged, expired, foreign and tampered sessions as signed out (401 in the contract's shape), creating nobody", async () => {
    const email = uniqueEmail("supa-forged");
    const person = gotrue.addUser(email, PASSWORD);
    const { cookie, accessToken } = await signIn(email);
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: gotrue.issuer, aud: "authenticated", sub: person.id, email, role: "authenticated", iat: now, exp: now + 600 };
    const { privateKey } = await generateKeyPair("ES256");
    const cookies = [
      cookieWith(await gotrue.sign(claims, { key: privateKey })),
      cookieWith(await gotrue.sign({ ...claims, exp: now - 10, iat: now - 4000 })),
      cookieWith(await gotrue.sign({ ...claims, iss: "https://elsewhere.supabase.co/auth/v1" })),
      cookieWith(await gotrue.sign({ ...claims, aud: "anon" })),
      cookieWith(`${accessToken.slice(0, -4)}AAAA`),
      cookie.replace(/=base64-(.{20})/, "=base64-AAAAAAAAAAAAAAAAAAAA"),
      "sb-127-auth-token=base64-%%%",
      "sb-127-auth-token.0=base64-eyJ",
    ];
    for (const forged of cookies) {
      for (const [method, path] of [["GET", "/api/me"], ["GET", "/api/fleets"], ["POST", "/api/fleets"]] as const) {
        const res = await call(method, path, { cookie: forged, body: method === "POST" ? { name: "x" } : undefined });
        expect(res.status, `${method} ${path} with ${forged.slice(0, 60)}`).toBe(401);
        expect(res.body).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
      }
    }
    const sql = await db();
    expect(await sql`select 1 from users where supabase_id = ${person.id}`).toHaveLength(0);
  });

  it("links an existing account with the same e-mail only once Supabase says the address is confirmed", async () => {
    supabaseMode(false);
    const existing = await createUser("linked");
    supabaseMode(true);
    const person = gotrue.addUser(existing.email, PASSWORD, false);
    const unconfirmed = cookieWith(await gotrue.sign({ iss: gotrue.issuer, aud: "authenticated", sub: person.id, email: existing.email, exp: Math.floor(Date.now() / 1000) + 600 }));
    expect((await call("GET", "/api/me", { cookie: unconfirmed })).status).toBe(401);
    const sql = await db();
    expect(await sql`select 1 from users where supabase_id = ${person.id}`).toHaveLength(0);
    person.confirmedAt = new Date().toISOString();
    const me = await call<{ user: { id: string }; teams: { id: string }[] }>("GET", "/api/me", { cookie: (await signIn(existing.email)).cookie });
    expect(me.body.user.id).toBe(existing.id);
    expect(me.body.teams.map((t) => t.id)).toEqual([existing.teamId]);
  });

  it("closes the built-in log-in and sign-up, and ignores built-in session cookies", async () => {
    supabaseMode(false);
    const builtIn = await createUser("builtin");
    supabaseMode(true);
    expect((await call("POST", "/api/auth/login", { body: { email: builtIn.email, password: PASSWORD } })).body).toMatchObject({ error: { code: "forbidden" } });
    expect((await call("POST", "/api/auth/signup", { body: { email: uniqueEmail("new"), password: PASSWORD } })).status).toBe(403);
    expect((await call("GET", "/api/me", { cookie: builtIn.cookie })).status).toBe(401);
  });

  it("signs out of Supabase too: the refresh token is revoked and the cookies cleared", async () => {
    const email = uniqueEmail("supa-out");
    gotrue.addUser(email, PASSWORD);
    const { cookie, accessToken } = await signIn(email);
    const out = await call("POST", "/api/auth/logout", { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("sb-127-auth-token=") && /Max-Age=0/i.test(c))).toBe(true);
    const user = await fetch(`${gotrue.issuer}/user`, { headers: { apikey: gotrue.anonKey, authorization: `Bearer ${accessToken}` } });
    expect(user.status).toBe(401);
  });
});
