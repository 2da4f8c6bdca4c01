import { beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/api/routes";
import { db } from "@/lib/db/client";
import { call, uniqueEmail } from "../helpers/api";
import { snapshot } from "../helpers/snapshot";
import { PASSWORD, createWorld } from "../factories";

type World = Awaited<ReturnType<typeof createWorld>> & { invitationId: string; channelId: string; ruleId: string };
type Sample = { path: string; body: Record<string, unknown> };

// A valid request for every route that takes a body; each bad-input case breaks one thing in it.
const VALID: Record<string, (w: World) => Sample> = {
  "POST /api/auth/signup": () => ({ path: "/api/auth/signup", body: { email: uniqueEmail("bad"), password: PASSWORD, name: "Valid Name" } }),
  "POST /api/auth/login": (w) => ({ path: "/api/auth/login", body: { email: w.viewer.email, password: PASSWORD } }),
  "POST /api/me/active-team": (w) => ({ path: "/api/me/active-team", body: { teamId: w.owner.teamId } }),
  "POST /api/tokens": () => ({ path: "/api/tokens", body: { name: "A token", role: "viewer", expiresInDays: 30 } }),
  "POST /api/teams": () => ({ path: "/api/teams", body: { name: "A team" } }),
  "PATCH /api/teams/{id}": (w) => ({ path: `/api/teams/${w.owner.teamId}`, body: { name: "Renamed" } }),
  "PATCH /api/teams/{id}/members/{userId}": (w) => ({ path: `/api/teams/${w.owner.teamId}/members/${w.viewer.id}`, body: { role: "maintainer" } }),
  "POST /api/teams/{id}/invitations": (w) => ({ path: `/api/teams/${w.owner.teamId}/invitations`, body: { email: "new@example.test", role: "viewer" } }),
  "POST /api/invitations/accept": () => ({ path: "/api/invitations/accept", body: { token: "ocfi_0123456789abcdef" } }),
  "POST /api/fleets": () => ({ path: "/api/fleets", body: { name: "A fleet", description: "Hosts in Frankfurt" } }),
  "PATCH /api/fleets/{id}": (w) => ({ path: `/api/fleets/${w.fleet.id}`, body: { name: "Renamed fleet", description: "Moved" } }),
  "POST /api/agents": (w) => ({ path: "/api/agents", body: { fleetId: w.fleet.id, name: "Agent one", description: "Rack 4", region: "eu-west", tags: ["gpu"], heartbeatIntervalS: 30, graceS: 60 } }),
  "PATCH /api/agents/{id}": (w) => ({ path: `/api/agents/${w.agent.id}`, body: { name: "Agent renamed", region: "us-east", tags: ["edge"] } }),
  "POST /api/agents/{id}/commands": (w) => ({ path: `/api/agents/${w.agent.id}/commands`, body: { type: "set_model", args: { model: "anthropic/claude-sonnet-4-5" } } }),
  "POST /api/alerts/channels": () => ({ path: "/api/alerts/channels", body: { name: "Ops room", type: "slack", config: { url: "https://hooks.slack.com/services/T1/B1/x" } } }),
  "PATCH /api/alerts/channels/{id}": (w) => ({ path: `/api/alerts/channels/${w.channelId}`, body: { name: "Ops room 2", config: { url: "https://hooks.slack.com/services/T1/B1/y" } } }),
  "POST /api/alerts/rules": (w) => ({ path: "/api/alerts/rules", body: { name: "Offline", kind: "agent_offline", severity: "warning", squelchMinutes: 10, channelIds: [w.channelId] } }),
  "PATCH /api/alerts/rules/{id}": (w) => ({ path: `/api/alerts/rules/${w.ruleId}`, body: { name: "Offline everywhere", severity: "critical" } }),
  "POST /api/silences": (w) => ({ path: "/api/silences", body: { scopeType: "agent", scopeId: w.agent.id, minutes: 30, reason: "Kernel upgrade" } }),
  "POST /api/agents/pair": () => ({ path: "/api/agents/pair", body: { code: "ABCD-EFGH-JKLM", publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, host: { hostname: "box-1", os: "linux", arch: "x64" } } }),
};

// Secrets are hashed and never shown, so any characters are allowed in them.
const NOT_TEXT = new Set(["password", "role", "teamId", "expiresInDays", "fleetId", "type"]);

const INJECTIONS = [
  "'; DROP TABLE fleets; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(5)",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{7*7}}${7*7}",
  "Robert\u0000Tables",
  "admin'--",
];

// The heartbeat takes a signed body: its own suite covers bad input and attacks.
const bodyRoutes = ROUTES.filter((r) => r.body && r.access !== "agent").map((r) => `${r.method} ${r.path}`);

describe("bad input on every route with a body", () => {
  let w: World;
  let teams: string[];
  let users: string[];
  beforeAll(async () => {
    const world = await createWorld();
    const inv = await call<{ invitation: { id: string } }>("POST", `/api/teams/${world.owner.teamId}/invitations`, {
      cookie: world.owner.cookie,
      body: { email: "pending@example.test", role: "viewer" },
    });
    const channel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: world.owner.cookie, body: { name: "Ops", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/z" } } });
    const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: world.owner.cookie, body: { name: "Stale", kind: "agent_stale" } });
    w = { ...world, invitationId: inv.body.invitation.id, channelId: channel.body.channel.id, ruleId: rule.body.rule.id };
    teams = [w.owner.teamId, w.other.teamId];
    users = [w.owner.id, w.viewer.id, w.maintainer.id, w.other.id];
  });

  it("has a valid sample for every route with a body", () => {
    expect(bodyRoutes.filter((key) => !VALID[key])).toEqual([]);
  });

  async function expectRejected(key: string, send: (sample: Sample) => Parameters<typeof call>[2], status?: number) {
    const [method = "POST"] = key.split(" ");
    const sample = VALID[key]?.(w);
    if (!sample) throw new Error(`no sample for ${key}`);
    const before = await snapshot(teams, users);
    const res = await call(method, sample.path, { cookie: w.owner.cookie, ...send(sample) });
    if (status) expect(res.status, key).toBe(status);
    expect(res.status, `${key} ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await snapshot(teams, users), `${key} wrote something`).toBe(before);
    if (key === "POST /api/auth/signup") {
      const sql = await db();
      expect(await sql`select 1 from users where email = ${String(sample.body.email)}`).toHaveLength(0);
    }
    return res;
  }

  it.each(bodyRoutes)("%s: malformed JSON, empty and non-object bodies → 422", async (key) => {
    for (const rawBody of ['{"name": ', "", "[]", '"text"', "null", "{'a':1}"]) {
      await expectRejected(key, () => ({ rawBody }), 422);
    }
  });

  it.each(bodyRoutes)("%s: a body over 64 KiB → 413", async (key) => {
    const res = await expectRejected(key, (s) => ({ body: { ...s.body, pad: "x".repeat(65 * 1024) } }), 413);
    expect(res.body).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it.each(bodyRoutes)("%s: unknown fields → 422", async (key) => {
    const res = await expectRejected(key, (s) => ({ body: { ...s.body, isAdmin: true } }), 422);
    expect(res.body).toMatchObject({ error: { code: "invalid_request", details: expect.any(Array) } });
  });

  it.each(bodyRoutes)("%s: wrong types in every field → 422", async (key) => {
    const sample = VALID[key]?.(w);
    for (const [field, valid] of Object.entries(sample?.body ?? {})) {
      const sameType = (v: unknown) => typeof v === typeof valid && Array.isArray(v) === Array.isArray(valid) && v !== null;
      for (const wrong of [12345, true, ["x"], { nested: 1 }, null].filter((v) => !sameType(v))) {
        const res = await expectRejected(key, (s) => ({ body: { ...s.body, [field]: wrong } }), 422);
        expect(JSON.stringify(res.body), `${key}.${field}`).toContain(field);
      }
    }
  });

  it.each(bodyRoutes)("%s: SQL and script injection in every text field → 4xx", async (key) => {
    const sample = VALID[key]?.(w);
    const textFields = Object.entries(sample?.body ?? {}).filter(([k, v]) => typeof v === "string" && !NOT_TEXT.has(k));
    for (const [field] of textFields) {
      for (const injection of INJECTIONS) {
        await expectRejected(key, (s) => ({ body: { ...s.body, [field]: injection } }));
      }
    }
  });

  it("still works with the valid samples afterwards (the cases above were rejected for their flaw alone)", async () => {
    const fleet = VALID["POST /api/fleets"]?.(w);
    const res = await call("POST", fleet?.path ?? "", { cookie: w.owner.cookie, body: fleet?.body });
    expect(res.status).toBe(201);
  });
});
