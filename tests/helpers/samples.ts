import { db } from "@/lib/db/client";
import { call, uniqueEmail } from "./api";
import { PASSWORD, createWorld } from "../factories";

export type World = Awaited<ReturnType<typeof createWorld>> & {
  invitationId: string;
  channelId: string;
  ruleId: string;
  budgetId: string;
  policyId: string;
  /** The policy's current revision: a route writing a revision moves it on (text-fields' read-back). */
  policyRevision: number;
  secretId: string;
  passkeyId: string;
};
export type Sample = { path: string; body: Record<string, unknown> };

// WebAuthn answers in their outline (the challenge in them was never issued, so they are refused after parsing).
const CLIENT_DATA = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: "c2FtcGxlLWNoYWxsZW5nZS0wMTIz", origin: "http://127.0.0.1:3000" })).toString("base64url");
const SAMPLE_ASSERTION = { id: "c2FtcGxl", rawId: "c2FtcGxl", type: "public-key", response: { clientDataJSON: CLIENT_DATA, authenticatorData: "AAAA", signature: "AAAA" }, clientExtensionResults: {} };
const SAMPLE_REGISTRATION = { id: "c2FtcGxl", rawId: "c2FtcGxl", type: "public-key", response: { clientDataJSON: CLIENT_DATA, attestationObject: "AAAA" }, clientExtensionResults: {} };

// A valid request for every route that takes a body; each bad-input case breaks one thing in it.
export const VALID: Record<string, (w: World) => Sample> = {
  "POST /api/auth/signup": () => ({ path: "/api/auth/signup", body: { email: uniqueEmail("bad"), password: PASSWORD, name: "Valid Name" } }),
  "POST /api/auth/login": (w) => ({ path: "/api/auth/login", body: { email: w.viewer.email, password: PASSWORD } }),
  "POST /api/me/active-team": (w) => ({ path: "/api/me/active-team", body: { teamId: w.owner.teamId } }),
  "PATCH /api/me": () => ({ path: "/api/me", body: { name: "Renamed Person" } }),
  "POST /api/me/password": () => ({ path: "/api/me/password", body: { currentPassword: PASSWORD, newPassword: "a new passphrase" } }),
  "POST /api/auth/reset-password": () => ({ path: "/api/auth/reset-password", body: { token: "ocfr_0123456789abcdef", password: "a new passphrase" } }),
  "POST /api/auth/forgot-password": () => ({ path: "/api/auth/forgot-password", body: { email: "someone@example.test" } }),
  "POST /api/me/email": () => ({ path: "/api/me/email", body: { email: uniqueEmail("moved"), currentPassword: PASSWORD } }),
  "POST /api/auth/confirm-email": () => ({ path: "/api/auth/confirm-email", body: { token: "ocfe_0123456789abcdef" } }),
  "POST /api/tokens": () => ({ path: "/api/tokens", body: { name: "A token", role: "viewer", expiresInDays: 30 } }),
  "POST /api/teams": () => ({ path: "/api/teams", body: { name: "A team" } }),
  "PATCH /api/teams/{id}": (w) => ({ path: `/api/teams/${w.owner.teamId}`, body: { name: "Renamed" } }),
  "PATCH /api/teams/{id}/members/{userId}": (w) => ({ path: `/api/teams/${w.owner.teamId}/members/${w.viewer.id}`, body: { role: "maintainer" } }),
  "POST /api/teams/{id}/invitations": (w) => ({ path: `/api/teams/${w.owner.teamId}/invitations`, body: { email: "new@example.test", role: "viewer" } }),
  "POST /api/invitations/accept": () => ({ path: "/api/invitations/accept", body: { token: "ocfi_0123456789abcdef" } }),
  "POST /api/fleets": () => ({ path: "/api/fleets", body: { name: "A fleet", description: "Hosts in Frankfurt" } }),
  "PATCH /api/fleets/{id}": (w) => ({ path: `/api/fleets/${w.fleet.id}`, body: { name: "Renamed fleet", description: "Moved" } }),
  "POST /api/agents": (w) => ({ path: "/api/agents", body: { fleetId: w.fleet.id, name: "Agent one", description: "Rack 4", region: "eu-west", tags: ["gpu"], heartbeatIntervalS: 30, graceS: 60 } }),
  "PATCH /api/agents/{id}": (w) => ({ path: `/api/agents/${w.agent.id}`, body: { name: "Agent renamed", description: "Rack 5", region: "us-east", tags: ["edge"] } }),
  "POST /api/agents/{id}/commands": (w) => ({ path: `/api/agents/${w.agent.id}/commands`, body: { type: "set_model", args: { model: "anthropic/claude-sonnet-4-5" } } }),
  "POST /api/agents/bulk": (w) => ({ path: "/api/agents/bulk", body: { action: "set_model", args: { model: "anthropic/claude-sonnet-4-5" }, selection: { ids: [w.agent.id] } } }),
  "POST /api/alerts/channels": () => ({ path: "/api/alerts/channels", body: { name: "Ops room", type: "slack", config: { url: "https://hooks.slack.com/services/T1/B1/x" } } }),
  "PATCH /api/alerts/channels/{id}": (w) => ({ path: `/api/alerts/channels/${w.channelId}`, body: { name: "Ops room 2", config: { url: "https://hooks.slack.com/services/T1/B1/y" } } }),
  "POST /api/alerts/rules": (w) => ({ path: "/api/alerts/rules", body: { name: "Queue too long", kind: "custom", metric: "queue_length", threshold: 100, forMinutes: 5, severity: "warning", squelchMinutes: 10, channelIds: [w.channelId] } }),
  "PATCH /api/alerts/rules/{id}": (w) => ({ path: `/api/alerts/rules/${w.ruleId}`, body: { name: "Queue too long everywhere", severity: "critical", kind: "custom", metric: "db.connections", threshold: 40 } }),
  "POST /api/silences": (w) => ({ path: "/api/silences", body: { scopeType: "agent", scopeId: w.agent.id, minutes: 30, reason: "Kernel upgrade" } }),
  "POST /api/prices": () => ({ path: "/api/prices", body: { provider: "local", model: "llama3:8b", effectiveFrom: "2026-11-01", inputPerMtok: 0.2, outputPerMtok: 0.4, note: "Our own GPUs" } }),
  "PATCH /api/models": () => ({ path: "/api/models", body: { provider: "anthropic", model: "claude-haiku-4-5", tier: "fast", unavailable: true } }),
  "POST /api/billing/checkout": () => ({ path: "/api/billing/checkout", body: { plan: "team" } }),
  "POST /api/budgets": (w) => ({ path: "/api/budgets", body: { name: "Production spend", scope: { type: "fleet", id: w.fleet.id }, amountUsd: 500, thresholds: [50, 80, 100], forecastAlert: true, channelIds: [w.channelId], severity: "warning", squelchMinutes: 10 } }),
  "PATCH /api/budgets/{id}": (w) => ({ path: `/api/budgets/${w.budgetId}`, body: { name: "Team spend", amountUsd: 750.5, thresholds: [90], forecastAlert: false, squelchMinutes: 5 } }),
  "POST /api/policies": (w) => ({ path: "/api/policies", body: { scope: "agent", targetId: w.agent.id } }),
  "PUT /api/policies/{id}": (w) => ({ path: `/api/policies/${w.policyId}`, body: { document: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["anthropic/claude-haiku-4-5"] }, execMode: "ask" }, note: "Tighter exec for the release", baseRevision: w.policyRevision } }),
  "POST /api/policies/{id}/dry-run": (w) => ({ path: `/api/policies/${w.policyId}/dry-run`, body: { document: { tools: { deny: ["exec"] }, dailySpendCapUsd: 20 } } }),
  "POST /api/secrets": () => ({ path: "/api/secrets", body: { name: `SAMPLE_${Math.random().toString(36).slice(2, 10).toUpperCase()}`, value: "sk-sample-0123456789", scope: "team", description: "The sample provider's key" } }),
  "PUT /api/secrets/{id}": (w) => ({ path: `/api/secrets/${w.secretId}`, body: { value: "sk-rotated-0123456789", description: "Rotated for the release" } }),
  "POST /api/rotations/preview": (w) => ({ path: "/api/rotations/preview", body: { scope: { type: "selection", selection: { ids: [w.agent.id] } }, backup: "anthropic/claude-haiku-4-5", fallbacks: [] } }),
  "POST /api/rotations": (w) => ({ path: "/api/rotations", body: { scope: { type: "selection", selection: { ids: [w.agent.id] } }, backup: "anthropic/claude-haiku-4-5", fallbacks: [], note: "Provider outage", expectedAgents: 1 } }),
  "POST /api/advice/apply": (w) => ({ path: "/api/advice/apply", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
  "POST /api/advice/dismiss": (w) => ({ path: "/api/advice/dismiss", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
  "POST /api/auth/two-factor": () => ({ path: "/api/auth/two-factor", body: { code: "123456" } }),
  "POST /api/auth/two-factor/passkey": () => ({ path: "/api/auth/two-factor/passkey", body: { response: SAMPLE_ASSERTION } }),
  "POST /api/auth/passkey": () => ({ path: "/api/auth/passkey", body: { response: SAMPLE_ASSERTION } }),
  "POST /api/me/two-factor/totp/confirm": () => ({ path: "/api/me/two-factor/totp/confirm", body: { code: "123456" } }),
  "POST /api/me/two-factor/totp/disable": () => ({ path: "/api/me/two-factor/totp/disable", body: { password: PASSWORD } }),
  "POST /api/me/two-factor/recovery-codes": () => ({ path: "/api/me/two-factor/recovery-codes", body: { password: PASSWORD } }),
  "POST /api/me/passkeys": () => ({ path: "/api/me/passkeys", body: { response: SAMPLE_REGISTRATION } }),
  "PATCH /api/me/passkeys/{id}": (w) => ({ path: `/api/me/passkeys/${w.passkeyId}`, body: { name: "Work laptop" } }),
  "PUT /api/teams/{id}/two-factor": (w) => ({ path: `/api/teams/${w.owner.teamId}/two-factor`, body: { required: false } }),
  "POST /api/agents/pair": () => ({ path: "/api/agents/pair", body: { code: "ABCD-EFGH-JKLM", publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, host: { hostname: "box-1", os: "linux", arch: "x64" } } }),
};

// Free text people type (names, descriptions, reasons): stored verbatim. Every other string field
// has a format of its own (an e-mail, a code, a URL, a slug…) that injection strings do not fit.
export const TEXT = new Set(["name", "description", "reason", "note"]);
// Secrets are hashed or encrypted and never shown (a secret's value is any string), and enums refuse anything else, so they are not exercised here.
export const NOT_TEXT = new Set(["password", "currentPassword", "newPassword", "role", "teamId", "expiresInDays", "fleetId", "type", "scopeType", "value"]);

export const INJECTIONS = [
  "'; DROP TABLE fleets; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(5)",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<img src=x onerror=alert(1)>'; drop table fleets;--",
  "{{7*7}}${7*7}",
  "admin'--",
  "Prod; EU",
  "Robert'); DELETE FROM users WHERE ('a'='a",
  "🚀 Édge \u00e9 東京 \\ %s %n $1 `whoami`",
];
// Refused in every text field: control characters (line breaks too in names) and invalid Unicode.
export const NOT_TEXT_INPUT = ["Robert\u0000Tables", "bell\u0007", "escape\u001b[31m", "c1\u0085x", "lone \ud800 surrogate"];

/** A passkey of the owner, stored directly (renaming one needs no signature). */
async function passkeyRow(userId: string): Promise<string> {
  const sql = await db();
  const [row] = await sql<{ id: string }[]>`
    insert into passkeys (user_id, credential_id, public_key, name) values (${userId}, ${`sample-${userId}`}, ${Buffer.from("not a key")}, 'Sample') returning id`;
  return row?.id ?? "";
}

/** The security world, plus an invitation, a channel and a rule for the routes that change them. */
export async function createSampleWorld(): Promise<World> {
  const world = await createWorld();
  const inv = await call<{ invitation: { id: string } }>("POST", `/api/teams/${world.owner.teamId}/invitations`, {
    cookie: world.owner.cookie,
    body: { email: "pending@example.test", role: "viewer" },
  });
  const channel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: world.owner.cookie, body: { name: "Ops", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/z" } } });
  const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: world.owner.cookie, body: { name: "Stale", kind: "agent_stale" } });
  const budget = await call<{ budget: { id: string } }>("POST", "/api/budgets", { cookie: world.owner.cookie, body: { name: "Team", amountUsd: 100 } });
  const policy = await call<{ policy: { id: string } }>("POST", "/api/policies", { cookie: world.owner.cookie, body: { scope: "fleet", targetId: world.fleet.id } });
  const revision = await call<{ revision: { id: number } }>("PUT", `/api/policies/${policy.body.policy.id}`, { cookie: world.owner.cookie, body: { document: { execMode: "deny" }, baseRevision: 0 } });
  const secret = await call<{ secret: { id: string } }>("POST", "/api/secrets", { cookie: world.owner.cookie, body: { name: "WORLD_KEY", value: "sk-world-0123456789", scope: "team" } });
  return {
    ...world,
    invitationId: inv.body.invitation.id,
    channelId: channel.body.channel.id,
    ruleId: rule.body.rule.id,
    budgetId: budget.body.budget.id,
    policyId: policy.body.policy.id,
    policyRevision: revision.body.revision.id,
    secretId: secret.body.secret.id,
    passkeyId: await passkeyRow(world.owner.id),
  };
}
