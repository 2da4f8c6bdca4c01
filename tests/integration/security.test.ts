import { beforeAll, describe, expect, it } from "vitest";
import { call, type CallOptions } from "../helpers/api";
import { apiRouteFiles } from "../helpers/routes";
import { snapshot } from "../helpers/snapshot";
import { db } from "@/lib/db/client";
import { createWorld } from "../factories";

// Every API route, with how it must answer: no credentials → 401; another team's ids → 404;
// a viewer attempting a mutation → 403; and the database unchanged afterwards.
// A route file not listed here fails the suite.

type World = Awaited<ReturnType<typeof createWorld>> & {
  ownInvitation: string;
  otherInvitation: string;
  ownerToken: string;
  otherToken: string;
  ownChannel: string;
  otherChannel: string;
  ownRule: string;
  otherRule: string;
  ownAlert: string;
  otherAlert: string;
  ownSilence: string;
  otherSilence: string;
  ownPrice: string;
  otherPrice: string;
  ownBudget: string;
  otherBudget: string;
  otherBatch: string;
  ownPolicy: string;
  otherPolicy: string;
  ownRevision: number;
  otherRevision: number;
  otherSession: string;
  ownSecret: string;
  otherSecret: string;
  ownRotation: string;
  otherRotation: string;
  otherPasskey: string;
};
type Req = { path: string } & Pick<CallOptions, "body" | "teamId">;
type Case = {
  public?: string;
  sample?: (w: World) => Req;
  /** Requests by team A's owner aimed at team B: each must answer 404. */
  crossTeam?: ((w: World) => Req[]) | string;
  /** A viewer of team A attempting the mutation: 403. A string explains why viewers may. */
  viewer?: ((w: World) => Req) | string;
};

const fleetIds = (w: World) => [{ path: `/api/fleets/${w.otherFleet.id}` }];
const viaHeader = (path: string, body?: unknown) => (w: World) => [{ path, body, teamId: w.other.teamId }];

const CASES: Record<string, Case> = {
  "POST /api/auth/signup": { public: "creates accounts" },
  "POST /api/auth/login": { public: "opens sessions" },
  "POST /api/auth/logout": { public: "closes the caller's own session, if any" },
  "GET /api/health": { public: "liveness probe" },
  "GET /api/ping": { public: "liveness without the database" },
  "POST /api/ping": { public: "liveness without the database" },
  "GET /api/openapi.json": { public: "API description" },
  "GET /api/[...path]": { public: "404 for unknown routes" },
  "POST /api/[...path]": { public: "404 for unknown routes" },
  "PUT /api/[...path]": { public: "404 for unknown routes" },
  "PATCH /api/[...path]": { public: "404 for unknown routes" },
  "DELETE /api/[...path]": { public: "404 for unknown routes" },
  "GET /api/me": { crossTeam: "lists only the caller's own memberships (checked below)" },
  "POST /api/me/active-team": {
    sample: (w) => ({ path: "/api/me/active-team", body: { teamId: w.owner.teamId } }),
    crossTeam: (w) => [{ path: "/api/me/active-team", body: { teamId: w.other.teamId } }],
    viewer: "switching one's own active team changes no data",
  },
  "PATCH /api/me": {
    sample: () => ({ path: "/api/me", body: { name: "Renamed" } }),
    crossTeam: "renames only the caller (account suite)",
    viewer: "anyone may change their own name",
  },
  "POST /api/me/password": {
    sample: () => ({ path: "/api/me/password", body: { currentPassword: "x", newPassword: "long enough password" } }),
    crossTeam: "changes only the caller's own password (account suite)",
    viewer: "anyone may change their own password",
  },
  "GET /api/me/sessions": { crossTeam: "lists only the caller's own sessions (account suite)" },
  "DELETE /api/me/sessions": { crossTeam: "ends only the caller's own sessions (account suite)", viewer: "anyone may end their own sessions" },
  "DELETE /api/me/sessions/{id}": {
    crossTeam: (w) => [{ path: `/api/me/sessions/${w.otherSession}` }],
    viewer: "anyone may end their own sessions",
  },
  "POST /api/auth/reset-password": { public: "authenticated by the one-time reset link itself (account suite)" },
  "POST /api/auth/forgot-password": { public: "answers the same for every address; mails only the account's own address (mail suite)" },
  "POST /api/auth/confirm-email": { public: "authenticated by the one-time link itself (mail suite)" },
  "POST /api/me/email": {
    sample: () => ({ path: "/api/me/email", body: { email: "moved@example.test", currentPassword: "x" } }),
    crossTeam: "changes only the caller's own address (mail suite)",
    viewer: "anyone may change their own address",
  },
  "POST /api/teams/{id}/members/{userId}/reset-link": {
    crossTeam: (w) => [
      { path: `/api/teams/${w.other.teamId}/members/${w.other.id}/reset-link` },
      { path: `/api/teams/${w.owner.teamId}/members/${w.other.id}/reset-link` },
    ],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/members/${w.maintainer.id}/reset-link` }),
  },
  "GET /api/tokens": { crossTeam: viaHeader("/api/tokens") },
  "POST /api/tokens": {
    sample: () => ({ path: "/api/tokens", body: { name: "t" } }),
    crossTeam: viaHeader("/api/tokens", { name: "t" }),
    viewer: () => ({ path: "/api/tokens", body: { name: "escalate", role: "owner" } }),
  },
  "DELETE /api/tokens/{id}": {
    sample: (w) => ({ path: `/api/tokens/${w.otherToken}` }),
    crossTeam: (w) => [{ path: `/api/tokens/${w.otherToken}` }, { path: `/api/tokens/${w.otherToken}`, teamId: w.other.teamId }],
    viewer: (w) => ({ path: `/api/tokens/${w.ownerToken}` }),
  },
  "GET /api/teams": { crossTeam: "lists only the caller's own teams (checked below)" },
  "POST /api/teams": {
    sample: () => ({ path: "/api/teams", body: { name: "New" } }),
    crossTeam: "creates a new team owned by the caller",
    viewer: "anyone may create a team of their own",
  },
  "GET /api/teams/{id}": { crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}` }] },
  "PATCH /api/teams/{id}": {
    crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}`, body: { name: "pwned" } }],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}`, body: { name: "pwned" } }),
  },
  "DELETE /api/teams/{id}": {
    crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}` }],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}` }),
  },
  "GET /api/teams/{id}/members": { crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}/members` }] },
  "PATCH /api/teams/{id}/members/{userId}": {
    crossTeam: (w) => [
      { path: `/api/teams/${w.other.teamId}/members/${w.other.id}`, body: { role: "viewer" } },
      { path: `/api/teams/${w.owner.teamId}/members/${w.other.id}`, body: { role: "viewer" } },
    ],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/members/${w.viewer.id}`, body: { role: "owner" } }),
  },
  "DELETE /api/teams/{id}/members/{userId}": {
    crossTeam: (w) => [
      { path: `/api/teams/${w.other.teamId}/members/${w.other.id}` },
      { path: `/api/teams/${w.owner.teamId}/members/${w.other.id}` },
    ],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/members/${w.maintainer.id}` }),
  },
  "GET /api/teams/{id}/invitations": { crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}/invitations` }] },
  "POST /api/teams/{id}/invitations": {
    crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}/invitations`, body: { email: "x@example.test", role: "viewer" } }],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/invitations`, body: { email: "x@example.test", role: "viewer" } }),
  },
  "DELETE /api/teams/{id}/invitations/{invitationId}": {
    crossTeam: (w) => [
      { path: `/api/teams/${w.other.teamId}/invitations/${w.otherInvitation}` },
      { path: `/api/teams/${w.owner.teamId}/invitations/${w.otherInvitation}` },
    ],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/invitations/${w.ownInvitation}` }),
  },
  "POST /api/invitations/accept": {
    sample: () => ({ path: "/api/invitations/accept", body: { token: "ocfi_not-a-real-invitation" } }),
    crossTeam: "takes a secret token, not a team id; wrong tokens answer 404 (teams suite)",
    viewer: "accepting an invitation addressed to oneself",
  },
  "GET /api/fleets": { crossTeam: viaHeader("/api/fleets") },
  "POST /api/fleets": {
    crossTeam: viaHeader("/api/fleets", { name: "Intruder" }),
    viewer: () => ({ path: "/api/fleets", body: { name: "Viewer fleet" } }),
  },
  "GET /api/fleets/{id}": { crossTeam: fleetIds },
  "PATCH /api/fleets/{id}": {
    crossTeam: (w) => [{ path: `/api/fleets/${w.otherFleet.id}`, body: { name: "pwned" } }],
    viewer: (w) => ({ path: `/api/fleets/${w.fleet.id}`, body: { name: "pwned" } }),
  },
  "DELETE /api/fleets/{id}": {
    crossTeam: fleetIds,
    viewer: (w) => ({ path: `/api/fleets/${w.fleet.id}` }),
  },
  "GET /api/audit": { crossTeam: viaHeader("/api/audit") },
  "GET /api/audit/verify": { crossTeam: viaHeader("/api/audit/verify"), viewer: () => ({ path: "/api/audit/verify" }) },
  "GET /api/agents": { crossTeam: viaHeader("/api/agents") },
  "POST /api/agents": {
    crossTeam: (w) => [
      { path: "/api/agents", body: { fleetId: w.otherFleet.id, name: "Intruder" }, teamId: w.other.teamId },
      { path: "/api/agents", body: { fleetId: w.otherFleet.id, name: "Intruder" } },
    ],
    viewer: (w) => ({ path: "/api/agents", body: { fleetId: w.fleet.id, name: "Viewer agent" } }),
  },
  "GET /api/agents/{id}": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}` }] },
  "PATCH /api/agents/{id}": {
    crossTeam: (w) => [
      { path: `/api/agents/${w.otherAgent.id}`, body: { name: "pwned" } },
      { path: `/api/agents/${w.agent.id}`, body: { fleetId: w.otherFleet.id } },
    ],
    viewer: (w) => ({ path: `/api/agents/${w.agent.id}`, body: { paused: true } }),
  },
  "DELETE /api/agents/{id}": {
    crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}` }],
    viewer: (w) => ({ path: `/api/agents/${w.agent.id}` }),
  },
  "POST /api/agents/{id}/pairing-codes": {
    crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/pairing-codes` }],
    viewer: (w) => ({ path: `/api/agents/${w.agent.id}/pairing-codes` }),
  },
  "POST /api/agents/{id}/revoke-key": {
    crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/revoke-key` }],
    viewer: (w) => ({ path: `/api/agents/${w.agent.id}/revoke-key` }),
  },
  "GET /api/agents/{id}/metrics": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/metrics` }] },
  "GET /api/agents/{id}/custom-metrics": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/custom-metrics` }] },
  "GET /api/agents/{id}/usage": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/usage` }] },
  "GET /api/agents/{id}/heartbeats": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/heartbeats` }] },
  "GET /api/agents/{id}/events": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/events` }] },
  "GET /api/overview": { crossTeam: viaHeader("/api/overview") },
  "GET /api/search": { sample: () => ({ path: "/api/search?q=a" }), crossTeam: viaHeader("/api/search?q=a") },
  "GET /api/cron/check-stale": { crossTeam: "not team-scoped: authenticated by CRON_SECRET (jobs suite)" },
  "GET /api/cron/purge": { crossTeam: "not team-scoped: authenticated by CRON_SECRET (jobs suite)" },
  "GET /api/cron/deliver": { crossTeam: "not team-scoped: authenticated by CRON_SECRET (jobs suite)" },
  "GET /api/cron/budgets": { crossTeam: "not team-scoped: authenticated by CRON_SECRET (jobs suite)" },
  "GET /api/alerts/channels": { crossTeam: viaHeader("/api/alerts/channels") },
  "POST /api/alerts/channels": {
    sample: () => ({ path: "/api/alerts/channels", body: { name: "x", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/X" } } }),
    crossTeam: viaHeader("/api/alerts/channels", { name: "x", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/X" } }),
    viewer: () => ({ path: "/api/alerts/channels", body: { name: "x", type: "slack", config: { url: "https://hooks.slack.com/services/T/B/X" } } }),
  },
  "GET /api/alerts/channels/{id}": { crossTeam: (w) => [{ path: `/api/alerts/channels/${w.otherChannel}` }] },
  "PATCH /api/alerts/channels/{id}": {
    crossTeam: (w) => [{ path: `/api/alerts/channels/${w.otherChannel}`, body: { name: "pwned" } }],
    viewer: (w) => ({ path: `/api/alerts/channels/${w.ownChannel}`, body: { name: "pwned" } }),
  },
  "DELETE /api/alerts/channels/{id}": {
    crossTeam: (w) => [{ path: `/api/alerts/channels/${w.otherChannel}` }],
    viewer: (w) => ({ path: `/api/alerts/channels/${w.ownChannel}` }),
  },
  "POST /api/alerts/channels/{id}/test": {
    sample: (w) => ({ path: `/api/alerts/channels/${w.ownChannel}/test` }),
    crossTeam: (w) => [{ path: `/api/alerts/channels/${w.otherChannel}/test` }],
    viewer: (w) => ({ path: `/api/alerts/channels/${w.ownChannel}/test` }),
  },
  "GET /api/alerts/rules": { crossTeam: viaHeader("/api/alerts/rules") },
  "POST /api/alerts/rules": {
    sample: () => ({ path: "/api/alerts/rules", body: { name: "r", kind: "agent_offline" } }),
    crossTeam: (w) => [{ path: "/api/alerts/rules", body: { name: "r", kind: "agent_offline", channelIds: [w.otherChannel] } }, ...viaHeader("/api/alerts/rules", { name: "r", kind: "agent_offline" })(w)],
    viewer: () => ({ path: "/api/alerts/rules", body: { name: "r", kind: "agent_offline" } }),
  },
  "GET /api/alerts/rules/{id}": { crossTeam: (w) => [{ path: `/api/alerts/rules/${w.otherRule}` }] },
  "PATCH /api/alerts/rules/{id}": {
    crossTeam: (w) => [{ path: `/api/alerts/rules/${w.otherRule}`, body: { name: "pwned" } }],
    viewer: (w) => ({ path: `/api/alerts/rules/${w.ownRule}`, body: { name: "pwned" } }),
  },
  "DELETE /api/alerts/rules/{id}": {
    crossTeam: (w) => [{ path: `/api/alerts/rules/${w.otherRule}` }],
    viewer: (w) => ({ path: `/api/alerts/rules/${w.ownRule}` }),
  },
  "GET /api/alerts": { crossTeam: viaHeader("/api/alerts") },
  "POST /api/alerts/{id}/ack": {
    sample: (w) => ({ path: `/api/alerts/${w.ownAlert}/ack` }),
    crossTeam: (w) => [{ path: `/api/alerts/${w.otherAlert}/ack` }],
    viewer: (w) => ({ path: `/api/alerts/${w.ownAlert}/ack` }),
  },
  "POST /api/alerts/{id}/resolve": {
    sample: (w) => ({ path: `/api/alerts/${w.ownAlert}/resolve` }),
    crossTeam: (w) => [{ path: `/api/alerts/${w.otherAlert}/resolve` }],
    viewer: (w) => ({ path: `/api/alerts/${w.ownAlert}/resolve` }),
  },
  "GET /api/silences": { crossTeam: viaHeader("/api/silences") },
  "POST /api/silences": {
    sample: (w) => ({ path: "/api/silences", body: { scopeType: "agent", scopeId: w.agent.id, minutes: 10 } }),
    crossTeam: (w) => [{ path: "/api/silences", body: { scopeType: "agent", scopeId: w.otherAgent.id, minutes: 10 } }],
    viewer: (w) => ({ path: "/api/silences", body: { scopeType: "agent", scopeId: w.agent.id, minutes: 10 } }),
  },
  "DELETE /api/silences/{id}": {
    crossTeam: (w) => [{ path: `/api/silences/${w.otherSilence}` }],
    viewer: (w) => ({ path: `/api/silences/${w.ownSilence}` }),
  },
  "GET /api/stream": { crossTeam: viaHeader("/api/stream") },
  "GET /api/realtime/token": { crossTeam: viaHeader("/api/realtime/token") },
  "GET /api/costs": { crossTeam: (w) => [{ path: `/api/costs?fleetId=${w.otherFleet.id}` }, { path: `/api/costs?agentId=${w.otherAgent.id}` }, ...viaHeader("/api/costs")(w)] },
  "GET /api/costs/export": { crossTeam: (w) => [{ path: `/api/costs/export?fleetId=${w.otherFleet.id}` }, ...viaHeader("/api/costs/export")(w)] },
  "GET /api/models": { crossTeam: viaHeader("/api/models") },
  "GET /api/budgets": { crossTeam: viaHeader("/api/budgets") },
  "POST /api/budgets": {
    sample: () => ({ path: "/api/budgets", body: { name: "b", amountUsd: 10 } }),
    crossTeam: (w) => [
      { path: "/api/budgets", body: { name: "b", amountUsd: 10, scope: { type: "fleet", id: w.otherFleet.id } } },
      { path: "/api/budgets", body: { name: "b", amountUsd: 10, scope: { type: "agent", id: w.otherAgent.id } } },
      { path: "/api/budgets", body: { name: "b", amountUsd: 10, channelIds: [w.otherChannel] } },
      ...viaHeader("/api/budgets", { name: "b", amountUsd: 10 })(w),
    ],
    viewer: () => ({ path: "/api/budgets", body: { name: "b", amountUsd: 10 } }),
  },
  "GET /api/budgets/{id}": { crossTeam: (w) => [{ path: `/api/budgets/${w.otherBudget}` }] },
  "PATCH /api/budgets/{id}": {
    crossTeam: (w) => [{ path: `/api/budgets/${w.otherBudget}`, body: { amountUsd: 1 } }, { path: `/api/budgets/${w.ownBudget}`, body: { channelIds: [w.otherChannel] } }],
    viewer: (w) => ({ path: `/api/budgets/${w.ownBudget}`, body: { amountUsd: 1 } }),
  },
  "DELETE /api/budgets/{id}": {
    crossTeam: (w) => [{ path: `/api/budgets/${w.otherBudget}` }],
    viewer: (w) => ({ path: `/api/budgets/${w.ownBudget}` }),
  },
  "GET /api/advice": { crossTeam: viaHeader("/api/advice") },
  "POST /api/advice/apply": {
    sample: (w) => ({ path: "/api/advice/apply", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
    crossTeam: (w) => [{ path: "/api/advice/apply", body: { agentId: w.otherAgent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }],
    viewer: (w) => ({ path: "/api/advice/apply", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
  },
  "POST /api/advice/dismiss": {
    sample: (w) => ({ path: "/api/advice/dismiss", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
    crossTeam: (w) => [{ path: "/api/advice/dismiss", body: { agentId: w.otherAgent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }],
    viewer: (w) => ({ path: "/api/advice/dismiss", body: { agentId: w.agent.id, fromModel: "anthropic/claude-sonnet-4-5", toModel: "anthropic/claude-haiku-4-5" } }),
  },
  "PATCH /api/models": {
    sample: () => ({ path: "/api/models", body: { provider: "anthropic", model: "claude-haiku-4-5", unavailable: true } }),
    crossTeam: viaHeader("/api/models", { provider: "anthropic", model: "claude-haiku-4-5", unavailable: true }),
    viewer: () => ({ path: "/api/models", body: { provider: "anthropic", model: "claude-haiku-4-5", unavailable: true } }),
  },
  "GET /api/prices": { sample: () => ({ path: "/api/prices?provider=local&model=own-llm" }), crossTeam: viaHeader("/api/prices?provider=local&model=own-llm") },
  "POST /api/prices": {
    sample: () => ({ path: "/api/prices", body: { provider: "local", model: "x", inputPerMtok: 1, outputPerMtok: 1 } }),
    crossTeam: viaHeader("/api/prices", { provider: "local", model: "x", inputPerMtok: 1, outputPerMtok: 1 }),
    viewer: () => ({ path: "/api/prices", body: { provider: "local", model: "x", inputPerMtok: 1, outputPerMtok: 1 } }),
  },
  "DELETE /api/prices/{id}": {
    crossTeam: (w) => [{ path: `/api/prices/${w.otherPrice}` }],
    viewer: (w) => ({ path: `/api/prices/${w.ownPrice}` }),
  },
  "GET /api/agents/{id}/commands": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/commands` }] },
  "POST /api/agents/{id}/commands": {
    crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/commands`, body: { type: "restart", args: {} } }],
    viewer: (w) => ({ path: `/api/agents/${w.agent.id}/commands`, body: { type: "restart", args: {} } }),
  },
  "POST /api/agents/bulk": {
    sample: (w) => ({ path: "/api/agents/bulk", body: { action: "restart", selection: { ids: [w.agent.id] } } }),
    crossTeam: (w) => [
      { path: "/api/agents/bulk", body: { action: "restart", selection: { ids: [w.otherAgent.id] } } },
      { path: "/api/agents/bulk", body: { action: "pause", selection: { ids: [w.agent.id, w.otherAgent.id] } } },
      { path: "/api/agents/bulk", body: { action: "move", args: { fleetId: w.otherFleet.id }, selection: { ids: [w.agent.id] } } },
      { path: "/api/agents/bulk", body: { action: "restart", selection: { filter: { fleetId: w.otherFleet.id } } } },
      ...viaHeader("/api/agents/bulk", { action: "pause", selection: { filter: {} } })(w),
    ],
    viewer: (w) => ({ path: "/api/agents/bulk", body: { action: "restart", selection: { ids: [w.agent.id] } } }),
  },
  "GET /api/batches": { crossTeam: viaHeader("/api/batches") },
  "GET /api/batches/{id}": { crossTeam: (w) => [{ path: `/api/batches/${w.otherBatch}` }] },
  "GET /api/agents/{id}/policy": { crossTeam: (w) => [{ path: `/api/agents/${w.otherAgent.id}/policy` }] },
  "GET /api/policies": { crossTeam: viaHeader("/api/policies") },
  "POST /api/policies": {
    sample: (w) => ({ path: "/api/policies", body: { scope: "fleet", targetId: w.fleet.id } }),
    crossTeam: (w) => [
      { path: "/api/policies", body: { scope: "fleet", targetId: w.otherFleet.id } },
      { path: "/api/policies", body: { scope: "agent", targetId: w.otherAgent.id } },
      ...viaHeader("/api/policies", { scope: "fleet", targetId: w.fleet.id })(w),
    ],
    viewer: (w) => ({ path: "/api/policies", body: { scope: "fleet", targetId: w.fleet.id } }),
  },
  "GET /api/policies/{id}": { crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}` }, { path: `/api/policies/${w.ownPolicy}`, teamId: w.other.teamId }] },
  "PUT /api/policies/{id}": {
    sample: (w) => ({ path: `/api/policies/${w.ownPolicy}`, body: { document: { execMode: "deny" }, baseRevision: w.ownRevision } }),
    crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}`, body: { document: { execMode: "deny" }, baseRevision: w.otherRevision } }],
    viewer: (w) => ({ path: `/api/policies/${w.ownPolicy}`, body: { document: { execMode: "deny" }, baseRevision: w.ownRevision } }),
  },
  "GET /api/policies/{id}/revisions/{rev}": {
    sample: (w) => ({ path: `/api/policies/${w.ownPolicy}/revisions/${w.ownRevision}` }),
    crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}/revisions/${w.otherRevision}` }, { path: `/api/policies/${w.ownPolicy}/revisions/${w.otherRevision}` }],
  },
  "GET /api/policies/{id}/diff": {
    sample: (w) => ({ path: `/api/policies/${w.ownPolicy}/diff?from=0&to=${w.ownRevision}` }),
    crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}/diff?from=0&to=${w.otherRevision}` }, { path: `/api/policies/${w.ownPolicy}/diff?from=0&to=${w.otherRevision}` }],
  },
  "POST /api/policies/{id}/dry-run": {
    sample: (w) => ({ path: `/api/policies/${w.ownPolicy}/dry-run`, body: { document: {} } }),
    crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}/dry-run`, body: { document: {} } }],
    viewer: "a dry run writes nothing: viewers may see what a change would do",
  },
  "GET /api/policies/{id}/convergence": { crossTeam: (w) => [{ path: `/api/policies/${w.otherPolicy}/convergence` }] },
  "GET /api/secrets": { crossTeam: viaHeader("/api/secrets") },
  "POST /api/secrets": {
    sample: () => ({ path: "/api/secrets", body: { name: "NEW_KEY", value: "v", scope: "team" } }),
    crossTeam: (w) => [
      { path: "/api/secrets", body: { name: "NEW_KEY", value: "v", scope: "fleet", targetId: w.otherFleet.id } },
      { path: "/api/secrets", body: { name: "NEW_KEY", value: "v", scope: "agent", targetId: w.otherAgent.id } },
      ...viaHeader("/api/secrets", { name: "NEW_KEY", value: "v", scope: "team" })(w),
    ],
    viewer: () => ({ path: "/api/secrets", body: { name: "NEW_KEY", value: "v", scope: "team" } }),
  },
  "PUT /api/secrets/{id}": {
    sample: (w) => ({ path: `/api/secrets/${w.ownSecret}`, body: { value: "rotated" } }),
    crossTeam: (w) => [{ path: `/api/secrets/${w.otherSecret}`, body: { value: "rotated" } }, { path: `/api/secrets/${w.ownSecret}`, body: { value: "rotated" }, teamId: w.other.teamId }],
    viewer: (w) => ({ path: `/api/secrets/${w.ownSecret}`, body: { value: "rotated" } }),
  },
  "DELETE /api/secrets/{id}": {
    sample: (w) => ({ path: `/api/secrets/${w.ownSecret}` }),
    crossTeam: (w) => [{ path: `/api/secrets/${w.otherSecret}` }, { path: `/api/secrets/${w.ownSecret}`, teamId: w.other.teamId }],
    viewer: (w) => ({ path: `/api/secrets/${w.ownSecret}` }),
  },
  "GET /api/secrets/convergence": { crossTeam: (w) => [{ path: `/api/secrets/convergence?secretId=${w.otherSecret}` }, ...viaHeader("/api/secrets/convergence")(w)] },
  "POST /api/rotations/preview": {
    sample: () => ({ path: "/api/rotations/preview", body: { scope: { type: "team" }, backup: "openai/gpt-5-mini" } }),
    crossTeam: (w) => [
      { path: "/api/rotations/preview", body: { scope: { type: "fleet", fleetId: w.otherFleet.id }, backup: "openai/gpt-5-mini" } },
      { path: "/api/rotations/preview", body: { scope: { type: "selection", selection: { ids: [w.otherAgent.id] } }, backup: "openai/gpt-5-mini" } },
      ...viaHeader("/api/rotations/preview", { scope: { type: "team" }, backup: "openai/gpt-5-mini" })(w),
    ],
    viewer: "a preview writes nothing: viewers may see what the kill switch would do",
  },
  "GET /api/rotations": { crossTeam: viaHeader("/api/rotations") },
  "POST /api/rotations": {
    sample: () => ({ path: "/api/rotations", body: { scope: { type: "team" }, backup: "openai/gpt-5-mini", expectedAgents: 1 } }),
    crossTeam: (w) => [
      { path: "/api/rotations", body: { scope: { type: "fleet", fleetId: w.otherFleet.id }, backup: "openai/gpt-5-mini", expectedAgents: 1 } },
      { path: "/api/rotations", body: { scope: { type: "selection", selection: { ids: [w.agent.id, w.otherAgent.id] } }, backup: "openai/gpt-5-mini", expectedAgents: 2 } },
      ...viaHeader("/api/rotations", { scope: { type: "team" }, backup: "openai/gpt-5-mini", expectedAgents: 1 })(w),
    ],
    viewer: () => ({ path: "/api/rotations", body: { scope: { type: "team" }, backup: "openai/gpt-5-mini", expectedAgents: 1 } }),
  },
  "GET /api/rotations/{id}": { crossTeam: (w) => [{ path: `/api/rotations/${w.otherRotation}` }, { path: `/api/rotations/${w.ownRotation}`, teamId: w.other.teamId }] },
  "POST /api/rotations/{id}/revert": {
    sample: (w) => ({ path: `/api/rotations/${w.ownRotation}/revert` }),
    crossTeam: (w) => [{ path: `/api/rotations/${w.otherRotation}/revert` }, { path: `/api/rotations/${w.ownRotation}/revert`, teamId: w.other.teamId }],
    viewer: (w) => ({ path: `/api/rotations/${w.ownRotation}/revert` }),
  },
  "GET /api/billing": { crossTeam: viaHeader("/api/billing") },
  "POST /api/billing/checkout": {
    sample: () => ({ path: "/api/billing/checkout", body: { plan: "team" } }),
    crossTeam: viaHeader("/api/billing/checkout", { plan: "team" }),
    viewer: () => ({ path: "/api/billing/checkout", body: { plan: "team" } }),
  },
  "POST /api/billing/portal": {
    crossTeam: viaHeader("/api/billing/portal"),
    viewer: () => ({ path: "/api/billing/portal" }),
  },
  "POST /api/billing/webhook": { public: "authenticated by Stripe's signature over the raw body (billing suites)" },
  "POST /api/agents/pair": { public: "authenticated by the one-time pairing code itself (heartbeat suite)" },
  "POST /api/auth/two-factor": { public: "authenticated by the pending sign-in's cookie and a code (two-factor suite)" },
  "POST /api/auth/two-factor/passkey/options": { public: "authenticated by the pending sign-in's cookie (two-factor suite)" },
  "POST /api/auth/two-factor/passkey": { public: "authenticated by the pending sign-in's cookie and a passkey (two-factor suite)" },
  "POST /api/auth/passkey/options": { public: "a one-time challenge for any visitor (two-factor suite)" },
  "POST /api/auth/passkey": { public: "authenticated by a registered passkey's signature (two-factor suite)" },
  "GET /api/me/two-factor": { crossTeam: "the caller's own second factors only (two-factor suite)" },
  "POST /api/me/two-factor/totp": { crossTeam: "sets up the caller's own app", viewer: "anyone may protect their own account" },
  "POST /api/me/two-factor/totp/confirm": { sample: () => ({ path: "/api/me/two-factor/totp/confirm", body: { code: "123456" } }), crossTeam: "confirms the caller's own app", viewer: "anyone may protect their own account" },
  "POST /api/me/two-factor/totp/disable": { sample: () => ({ path: "/api/me/two-factor/totp/disable", body: { password: "x" } }), crossTeam: "turns off the caller's own app", viewer: "anyone may manage their own second factors" },
  "POST /api/me/two-factor/recovery-codes": { sample: () => ({ path: "/api/me/two-factor/recovery-codes", body: { password: "x" } }), crossTeam: "the caller's own recovery codes", viewer: "anyone may manage their own recovery codes" },
  "GET /api/me/passkeys": { crossTeam: "lists the caller's own passkeys only (two-factor suite)" },
  "POST /api/me/passkeys/options": { crossTeam: "a challenge for the caller's own account", viewer: "anyone may add a passkey to their own account" },
  "POST /api/me/passkeys": { crossTeam: "registers a passkey to the caller's own account", viewer: "anyone may add a passkey to their own account" },
  "PATCH /api/me/passkeys/{id}": {
    sample: (w) => ({ path: `/api/me/passkeys/${w.otherPasskey}`, body: { name: "pwned" } }),
    crossTeam: (w) => [{ path: `/api/me/passkeys/${w.otherPasskey}`, body: { name: "pwned" } }],
    viewer: "anyone may rename their own passkeys",
  },
  "DELETE /api/me/passkeys/{id}": {
    sample: (w) => ({ path: `/api/me/passkeys/${w.otherPasskey}` }),
    crossTeam: (w) => [{ path: `/api/me/passkeys/${w.otherPasskey}` }],
    viewer: "anyone may remove their own passkeys",
  },
  "GET /api/teams/{id}/two-factor": { crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}/two-factor` }] },
  "PUT /api/teams/{id}/two-factor": {
    crossTeam: (w) => [{ path: `/api/teams/${w.other.teamId}/two-factor`, body: { required: true } }],
    viewer: (w) => ({ path: `/api/teams/${w.owner.teamId}/two-factor`, body: { required: true } }),
  },
  "POST /api/heartbeat": {
    sample: () => ({ path: "/api/heartbeat", body: {} }),
    crossTeam: "agents authenticate with their own key; another agent's key is refused (heartbeat suite)",
    viewer: "agents, not people, call it; people's roles do not apply",
  },
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

async function discoverRoutes(): Promise<string[]> {
  const found: string[] = [];
  for (const route of apiRouteFiles()) {
    const mod = (await import(route.file)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof mod[method] === "function") found.push(`${method} ${route.pattern}`);
  }
  return found;
}

const mutation = (key: string) => !key.startsWith("GET ");
const samplePath = (key: string, w: World) =>
  key.split(" ")[1]?.replace("{id}", w.fleet.id).replace("{userId}", w.viewer.id).replace("{invitationId}", w.ownInvitation) ?? "";

/** A channel, rule, alert and silence in each team, for the alerting routes. */
async function alertFixtures(world: Awaited<ReturnType<typeof createWorld>>) {
  const make = async (user: { cookie: string; teamId: string }, agentId: string) => {
    const channel = await call<{ channel: { id: string } }>("POST", "/api/alerts/channels", { cookie: user.cookie, body: { name: "Ops", type: "slack", config: { url: "https://hooks.slack.com/services/T1/B1/secret" } } });
    const rule = await call<{ rule: { id: string } }>("POST", "/api/alerts/rules", { cookie: user.cookie, body: { name: "Offline", kind: "agent_offline", channelIds: [channel.body.channel.id] } });
    const silence = await call<{ silence: { id: string } }>("POST", "/api/silences", { cookie: user.cookie, body: { scopeType: "agent", scopeId: agentId, minutes: 60 } });
    const price = await call<{ price: { id: string } }>("POST", "/api/prices", { cookie: user.cookie, body: { provider: "local", model: "own-llm", inputPerMtok: 1, outputPerMtok: 2 } });
    const budget = await call<{ budget: { id: string } }>("POST", "/api/budgets", { cookie: user.cookie, body: { name: "Team", amountUsd: 100 } });
    const sql = await db();
    const [alert] = await sql<{ id: string }[]>`insert into alerts (team_id, rule_id, agent_id) values (${user.teamId}, ${rule.body.rule.id}, ${agentId}) returning id`;
    return { channel: channel.body.channel.id, rule: rule.body.rule.id, silence: silence.body.silence.id, alert: alert?.id ?? "", price: price.body.price.id, budget: budget.body.budget.id };
  };
  const own = await make(world.owner, world.agent.id);
  const other = await make(world.other, world.otherAgent.id);
  return {
    ownChannel: own.channel, otherChannel: other.channel, ownRule: own.rule, otherRule: other.rule,
    ownAlert: own.alert, otherAlert: other.alert, ownSilence: own.silence, otherSilence: other.silence,
    ownPrice: own.price, otherPrice: other.price, ownBudget: own.budget, otherBudget: other.budget,
  };
}

/** A fleet policy with one revision in each team. */
async function policyFixtures(world: Awaited<ReturnType<typeof createWorld>>) {
  const make = async (user: { cookie: string }, fleetId: string) => {
    const policy = await call<{ policy: { id: string } }>("POST", "/api/policies", { cookie: user.cookie, body: { scope: "fleet", targetId: fleetId } });
    const put = await call<{ revision: { id: number } }>("PUT", `/api/policies/${policy.body.policy.id}`, { cookie: user.cookie, body: { document: { execMode: "ask" }, baseRevision: 0 } });
    return { policy: policy.body.policy.id, revision: put.body.revision.id };
  };
  const own = await make(world.owner, world.fleet.id);
  const other = await make(world.other, world.otherFleet.id);
  return { ownPolicy: own.policy, otherPolicy: other.policy, ownRevision: own.revision, otherRevision: other.revision };
}

/** A team secret, for the secrets routes. */
async function secretFixture(user: { cookie: string }) {
  const res = await call<{ secret: { id: string } }>("POST", "/api/secrets", { cookie: user.cookie, body: { name: "FIXTURE_KEY", value: "fixture-value-0123456789", scope: "team" } });
  return res.body.secret.id;
}

/** A rotation over the whole team in each team (one agent each). */
async function rotationFixtures(world: Awaited<ReturnType<typeof createWorld>>) {
  const make = async (user: { cookie: string }) =>
    (await call<{ rotation: { id: string } }>("POST", "/api/rotations", { cookie: user.cookie, body: { scope: { type: "team" }, backup: "openai/gpt-5-mini", expectedAgents: 1 } })).body.rotation.id;
  return { ownRotation: await make(world.owner), otherRotation: await make(world.other) };
}

/** A passkey of the other team's owner, stored directly (renaming and removing need no signature). */
async function passkeyFixture(userId: string) {
  const sql = await db();
  const [row] = await sql<{ id: string }[]>`
    insert into passkeys (user_id, credential_id, public_key, name) values (${userId}, ${`fixture-${userId}`}, ${Buffer.from("not a key")}, 'Theirs') returning id`;
  return row?.id ?? "";
}

describe("security: every route", () => {
  let w: World;
  beforeAll(async () => {
    const world = await createWorld();
    const inv = (cookie: string, teamId: string) =>
      call<{ invitation: { id: string } }>("POST", `/api/teams/${teamId}/invitations`, { cookie, body: { email: "guest@example.test", role: "viewer" } });
    const tok = (cookie: string) => call<{ apiToken: { id: string } }>("POST", "/api/tokens", { cookie, body: { name: "k" } });
    w = {
      ...world,
      ownInvitation: (await inv(world.owner.cookie, world.owner.teamId)).body.invitation.id,
      otherInvitation: (await inv(world.other.cookie, world.other.teamId)).body.invitation.id,
      ownerToken: (await tok(world.owner.cookie)).body.apiToken.id,
      otherToken: (await tok(world.other.cookie)).body.apiToken.id,
      ...(await alertFixtures(world)),
      otherBatch: (await call<{ batch: { id: string } }>("POST", "/api/agents/bulk", { cookie: world.other.cookie, body: { action: "pause", selection: { ids: [world.otherAgent.id] } } })).body.batch.id,
      ...(await policyFixtures(world)),
      otherSession: (await (await db())<{ id: string }[]>`select id from sessions where user_id = ${world.other.id} limit 1`)[0]?.id ?? "",
      ownSecret: await secretFixture(world.owner),
      otherSecret: await secretFixture(world.other),
      ...(await rotationFixtures(world)),
      otherPasskey: await passkeyFixture(world.other.id),
    };
  });

  it("has a case for every route file and method, and no stale cases", async () => {
    const found = await discoverRoutes();
    expect(found.filter((key) => !(key in CASES)), "routes without a security case").toEqual([]);
    expect(Object.keys(CASES).filter((key) => !found.includes(key)), "cases without a route").toEqual([]);
    for (const [key, c] of Object.entries(CASES)) {
      if (c.public) continue;
      expect(c.crossTeam, `${key}: cross-team case`).toBeDefined();
      if (mutation(key)) expect(c.viewer, `${key}: viewer case`).toBeDefined();
    }
  });

  const protectedKeys = Object.entries(CASES).filter(([, c]) => !c.public).map(([key]) => key);

  it.each(protectedKeys)("%s without credentials answers 401 and changes nothing", async (key) => {
    const [method = "GET"] = key.split(" ");
    const before = await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id]);
    const req = CASES[key]?.sample?.(w) ?? { path: samplePath(key, w), body: mutation(key) ? {} : undefined };
    const res = await call(method, req.path, { body: req.body });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id])).toBe(before);
  });

  const crossKeys = protectedKeys.filter((key) => typeof CASES[key]?.crossTeam === "function");
  it.each(crossKeys)("%s with another team's ids answers 404 and changes nothing", async (key) => {
    const [method = "GET"] = key.split(" ");
    const build = CASES[key]?.crossTeam;
    if (typeof build !== "function") throw new Error("unreachable");
    const before = await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id]);
    for (const req of build(w)) {
      const res = await call(method, req.path, { cookie: w.owner.cookie, body: req.body, teamId: req.teamId });
      expect(res.status, JSON.stringify(req)).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id])).toBe(before);
  });

  const viewerKeys = protectedKeys.filter((key) => typeof CASES[key]?.viewer === "function");
  it.each(viewerKeys)("%s by a viewer answers 403 and changes nothing", async (key) => {
    const [method = "GET"] = key.split(" ");
    const build = CASES[key]?.viewer;
    if (typeof build !== "function") throw new Error("unreachable");
    const req = build(w);
    const before = await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id, w.viewer.id, w.maintainer.id]);
    const res = await call(method, req.path, { cookie: w.viewer.cookie, body: req.body });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: "forbidden" } });
    expect(await snapshot([w.owner.teamId, w.other.teamId], [w.owner.id, w.other.id, w.viewer.id, w.maintainer.id])).toBe(before);
  });

  it("lists only the caller's own teams and memberships", async () => {
    const me = await call<{ teams: { id: string }[] }>("GET", "/api/me", { cookie: w.owner.cookie, teamId: w.other.teamId });
    expect(me.body.teams.map((t) => t.id)).toEqual([w.owner.teamId]);
    const teams = await call<{ teams: { id: string }[] }>("GET", "/api/teams", { cookie: w.owner.cookie });
    expect(teams.body.teams.map((t) => t.id)).toEqual([w.owner.teamId]);
  });

  it("answers malformed ids with 404, never 500", async () => {
    for (const id of ["not-a-uuid", "1 or 1=1", "%27%3B--", "00000000-0000-0000-0000-000000000000"]) {
      expect((await call("GET", `/api/fleets/${id}`, { cookie: w.owner.cookie })).status).toBe(404);
      expect((await call("GET", `/api/teams/${id}`, { cookie: w.owner.cookie })).status).toBe(404);
      expect((await call("GET", "/api/fleets", { cookie: w.owner.cookie, teamId: decodeURIComponent(id) })).status).toBe(404);
    }
  });
});
