import { randomBytes } from "node:crypto";
import path from "node:path";
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import { decodeJwt, jwtVerify } from "jose";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { closeDb, db, type Sql } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnv } from "@/lib/env";
import { HeartbeatBody } from "@/lib/schemas/heartbeat";
import { signRealtimeToken } from "@/lib/server/realtime/mint-token";
import { verifyHeartbeat } from "@/lib/server/heartbeat/verify";
import { writeBatch } from "@/lib/server/heartbeat/write-batch";
import { call } from "../helpers/api";
import { createAgent, heartbeatBody, pairAgent, sendHeartbeat, signHeartbeat, type PairedAgent } from "../helpers/agent";
import { runToExit } from "../helpers/process";
import { startRealtimeStandIn, type RealtimeStandIn } from "../helpers/realtime-standin";
import { createSupabaseDatabase } from "../helpers/supabase-database";
import { addMember, createFleet, createUser, type TestUser } from "../factories";

// Supabase mode for live status, on real PostgreSQL with Supabase's published realtime schema
// (tests/fixtures/supabase-realtime-schema.sql) and the Realtime stand-in (tests/helpers/realtime-standin.ts).
const base = inject("databaseUrl");
const ANON_KEY = "anon-key-of-the-stand-in";
const JWT_SECRET = randomBytes(32).toString("base64url");

let database: Awaited<ReturnType<typeof createSupabaseDatabase>>;
let standIn: RealtimeStandIn;
let sql: Sql;
let owner: TestUser;
let stranger: TestUser;
let agent: PairedAgent;

const topicOf = (teamId: string) => `team:${teamId}`;

/** As Realtime checks a join: can a token with these claims select a broadcast message on the topic? */
async function canHear(topic: string, claims: Record<string, unknown>): Promise<boolean> {
  let allowed = false;
  await sql
    .begin(async (tx) => {
      const [m] = await tx<{ id: string }[]>`insert into realtime.messages (topic, extension) values (${topic}, 'broadcast') returning id`;
      await tx`select set_config('role', 'authenticated', true), set_config('realtime.topic', ${topic}, true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      allowed = (await tx`select 1 from realtime.messages where id = ${m?.id ?? null}`).length === 1;
      throw new Error("rollback");
    })
    .catch(() => {});
  return allowed;
}

function realtimeClient(token: string): SupabaseClient {
  return createClient(standIn.url, ANON_KEY, { accessToken: async () => token, realtime: { transport: WebSocket as never } });
}

function subscribe(channel: RealtimeChannel): Promise<string> {
  return new Promise((resolve) => channel.subscribe((status) => status !== "CLOSED" && resolve(status)));
}

beforeAll(async () => {
  database = await createSupabaseDatabase(base, "realtime");
  standIn = await startRealtimeStandIn({ anonKey: ANON_KEY, jwtSecret: JWT_SECRET, databaseUrl: database.url });
  Object.assign(process.env, { DATABASE_URL: database.url, NEXT_PUBLIC_SUPABASE_URL: standIn.url, NEXT_PUBLIC_SUPABASE_ANON_KEY: ANON_KEY, SUPABASE_JWT_SECRET: JWT_SECRET });
  resetEnv();
  sql = await db();
  owner = await createUser("realtime");
  stranger = await createUser("stranger");
  agent = await pairAgent(owner, (await createAgent(owner, (await createFleet(owner, "Live")).id)).id);
});

afterAll(async () => {
  await standIn.close();
  await closeDb();
  await database.drop();
});

describe("the Supabase Realtime migration", () => {
  it("does nothing on plain PostgreSQL (no realtime schema)", async () => {
    const plain = postgres(base, { max: 1, onnotice: () => {} });
    const name = `plain_${randomBytes(6).toString("hex")}`;
    await plain.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const target = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await migrate(target);
      const [row] = await target<{ recorded: boolean; schema: string | null }[]>`
        select exists (select 1 from schema_migrations where name = '20261202080000_supabase_realtime.sql') as recorded,
          (select nspname::text from pg_namespace where nspname in ('fleet_realtime', 'realtime') limit 1) as schema`;
      expect(row).toEqual({ recorded: true, schema: null });
    } finally {
      await target.end();
      await plain.unsafe(`drop database ${name} with (force)`);
      await plain.end();
    }
  });

  it("applies where the realtime schema exists: the policy, and broadcasting for the app's role only", async () => {
    const policies = await sql`select policyname, cmd, roles::text[] as roles from pg_policies where schemaname = 'realtime' and tablename = 'messages'`;
    expect(policies).toEqual([{ policyname: "team members hear their team", cmd: "SELECT", roles: ["authenticated"] }]);
    const [grants] = await sql`select
      has_function_privilege('authenticated', 'fleet_realtime.broadcast(text)', 'execute') as authenticated_broadcasts,
      has_function_privilege('anon', 'fleet_realtime.broadcast(text)', 'execute') as anon_broadcasts,
      has_function_privilege('anon', 'fleet_realtime.may_hear(text)', 'execute') as anon_checks`;
    expect(grants).toEqual({ authenticated_broadcasts: false, anon_broadcasts: false, anon_checks: false });
  });
});

describe("broadcast from the ingest transaction", () => {
  const rows = (teamId: string) => sql<{ event: string; private: boolean; payload: Record<string, unknown> }[]>`
    select event, private, payload from realtime.messages where topic = ${topicOf(teamId)} and payload is not null order by inserted_at`;

  it("puts a committed heartbeat on its team's private topic, with the status change", async () => {
    expect((await sendHeartbeat(agent)).status).toBe(200);
    const messages = await rows(owner.teamId);
    expect(messages.map((m) => m.event).sort()).toEqual(["agent.heartbeats", "agent.status"]);
    expect(messages.every((m) => m.private)).toBe(true);
    const beats = messages.find((m) => m.event === "agent.heartbeats")?.payload;
    expect(beats).toMatchObject({ type: "agent.heartbeats", teamId: owner.teamId, items: [{ agentId: agent.id, seq: agent.seq, status: "online" }] });
    expect(await rows(stranger.teamId)).toEqual([]);
  });

  it("leaves nothing behind when the ingest transaction rolls back", async () => {
    const before = (await rows(owner.teamId)).length;
    agent.seq += 1;
    const raw = JSON.stringify(heartbeatBody(agent.seq));
    const verified = await verifyHeartbeat(`Bearer ${await signHeartbeat(agent, raw)}`, Buffer.from(raw));
    let inside = 0;
    await sql
      .begin(async (tx) => {
        const outcomes = await writeBatch(tx as unknown as Sql, [{ ...verified, body: HeartbeatBody.parse(JSON.parse(raw)), status: "online" }]);
        expect(outcomes.get(agent.id)?.kind).toBe("ok");
        inside = (await tx`select 1 from realtime.messages where topic = ${topicOf(owner.teamId)} and payload is not null`).length;
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(inside).toBe(before + 1);
    expect((await rows(owner.teamId)).length).toBe(before);
    agent.seq -= 1;
  });
});

describe("who may hear a team topic (RLS on realtime.messages)", () => {
  it("a member's claims select their team's topic, not another team's; no claims, nothing", async () => {
    expect(await canHear(topicOf(owner.teamId), { role: "authenticated", sub: owner.id })).toBe(true);
    expect(await canHear(topicOf(stranger.teamId), { role: "authenticated", sub: owner.id })).toBe(false);
    expect(await canHear(topicOf(owner.teamId), { role: "authenticated" })).toBe(false);
    expect(await canHear("team:not-a-uuid", { role: "authenticated", sub: owner.id })).toBe(false);
  });

  it("takes a removal from the team into account at the next check", async () => {
    const member = await addMember(owner.teamId, "viewer");
    expect(await canHear(topicOf(owner.teamId), { role: "authenticated", sub: member.id })).toBe(true);
    await sql`delete from memberships where team_id = ${owner.teamId} and user_id = ${member.id}`;
    expect(await canHear(topicOf(owner.teamId), { role: "authenticated", sub: member.id })).toBe(false);
  });
});

describe("GET /api/realtime/token", () => {
  it("mints a 10-minute HS256 token with only role and sub, for the active team's topic", async () => {
    const res = await call<{ token: string; expiresAt: string; topic: string }>("GET", "/api/realtime/token", { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.topic).toBe(topicOf(owner.teamId));
    const { payload, protectedHeader } = await jwtVerify(res.body.token, new TextEncoder().encode(JWT_SECRET));
    expect(protectedHeader.alg).toBe("HS256");
    expect(Object.keys(payload).sort()).toEqual(["exp", "iat", "role", "sub"]);
    expect(payload).toMatchObject({ role: "authenticated", sub: owner.id });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    expect(Date.parse(res.body.expiresAt)).toBe((payload.exp ?? 0) * 1000);
  });

  it("refuses no session (401), API tokens (403) and another team (404)", async () => {
    expect((await call("GET", "/api/realtime/token")).status).toBe(401);
    const created = await call<{ token: string }>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "script" } });
    const viaToken = await call<{ error: { code: string } }>("GET", "/api/realtime/token", { token: created.body.token });
    expect(viaToken.status).toBe(403);
    expect(viaToken.body.error.code).toBe("forbidden");
    expect((await call("GET", "/api/realtime/token", { cookie: owner.cookie, teamId: stranger.teamId })).status).toBe(404);
  });

  it("answers 404 when Supabase mode is off", async () => {
    const secret = process.env.SUPABASE_JWT_SECRET;
    delete process.env.SUPABASE_JWT_SECRET;
    resetEnv();
    try {
      const res = await call<{ error: { code: string } }>("GET", "/api/realtime/token", { cookie: owner.cookie });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    } finally {
      process.env.SUPABASE_JWT_SECRET = secret;
      resetEnv();
    }
  });
});

describe("the Realtime stand-in fed from the database", () => {
  it("delivers the team's committed heartbeats to its member, and refuses another team's topic with a valid token", async () => {
    const grant = await call<{ token: string; topic: string }>("GET", "/api/realtime/token", { cookie: owner.cookie });
    const client = realtimeClient(grant.body.token);
    try {
      await client.realtime.setAuth(grant.body.token);
      const heard: { event: string; payload: Record<string, unknown> }[] = [];
      const own = client.channel(grant.body.topic, { config: { private: true } }).on("broadcast", { event: "*" }, (m: { event: string; payload: Record<string, unknown> }) => heard.push(m));
      expect(await subscribe(own)).toBe("SUBSCRIBED");
      await sendHeartbeat(agent);
      await expect.poll(() => heard.find((m) => m.event === "agent.heartbeats")?.payload.items).toEqual([expect.objectContaining({ agentId: agent.id, seq: agent.seq })]);

      const theirs = client.channel(topicOf(stranger.teamId), { config: { private: true } });
      expect(await subscribe(theirs)).toBe("CHANNEL_ERROR");
      expect(standIn.joins).toContainEqual(expect.objectContaining({ topic: topicOf(stranger.teamId), sub: owner.id, ok: false, reason: expect.stringMatching(/^Unauthorized/) }));
    } finally {
      await client.removeAllChannels();
    }
    // A public channel on the same topic is refused too (the project allows private channels only).
    const other = realtimeClient(grant.body.token);
    await other.realtime.setAuth(grant.body.token);
    expect(await subscribe(other.channel(grant.body.topic))).toBe("CHANNEL_ERROR");
    await other.removeAllChannels();
  });

  it("closes the channel of a person removed from the team when their token is renewed", async () => {
    const member = await addMember(owner.teamId, "viewer", "leaver");
    const first = await call<{ token: string; topic: string }>("GET", "/api/realtime/token", { cookie: member.cookie });
    const client = realtimeClient(first.body.token);
    try {
      await client.realtime.setAuth(first.body.token);
      const statuses: string[] = [];
      const channel = client.channel(first.body.topic, { config: { private: true } });
      await new Promise<void>((resolve) => channel.subscribe((status) => (statuses.push(status), status === "SUBSCRIBED" && resolve())));
      await sql`delete from memberships where team_id = ${owner.teamId} and user_id = ${member.id}`;
      const renewed = await signRealtimeToken(member.id, JWT_SECRET, 600, Date.now() + 1000);
      await client.realtime.setAuth(renewed.token);
      await expect.poll(() => statuses.at(-1)).toBe("CLOSED");
      expect(standIn.joins.at(-1)).toMatchObject({ topic: first.body.topic, sub: member.id, ok: false, reason: expect.stringMatching(/^Unauthorized/) });
    } finally {
      await client.removeAllChannels();
    }
  });

  it("refuses a token signed with another secret or expired", async () => {
    const { SignJWT } = await import("jose");
    const forged = await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" }).setSubject(owner.id).setIssuedAt().setExpirationTime("5m").sign(randomBytes(32));
    const expired = await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" }).setSubject(owner.id).setIssuedAt(1).setExpirationTime(2).sign(new TextEncoder().encode(JWT_SECRET));
    for (const token of [forged, expired]) {
      const client = realtimeClient(token);
      await client.realtime.setAuth(token);
      expect(await subscribe(client.channel(topicOf(owner.teamId), { config: { private: true } }))).toBe("CHANNEL_ERROR");
      expect(decodeJwt(token).sub).toBe(owner.id);
      await client.removeAllChannels();
    }
    expect(standIn.joins.filter((j) => j.reason?.startsWith("InvalidJWTToken"))).toHaveLength(2);
  });

  it("passes npm run check:supabase", async () => {
    const result = await runToExit(
      [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "scripts/check-supabase.ts"],
      { ...process.env, DATABASE_URL: database.url, NEXT_PUBLIC_SUPABASE_URL: standIn.url, NEXT_PUBLIC_SUPABASE_ANON_KEY: ANON_KEY, SUPABASE_JWT_SECRET: JWT_SECRET },
      0,
      60_000,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("the same token is refused on another team's topic");
    expect(result.stdout).toContain("check:supabase: ok");
  }, 90_000);
});
