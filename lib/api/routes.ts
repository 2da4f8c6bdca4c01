import { z } from "zod";
import * as account from "@/lib/schemas/account";
import * as agents from "@/lib/schemas/agents";
import * as advice from "@/lib/schemas/advice";
import * as alerts from "@/lib/schemas/alerts";
import * as auth from "@/lib/schemas/auth";
import * as batches from "@/lib/schemas/batches";
import * as billing from "@/lib/schemas/billing";
import * as budgets from "@/lib/schemas/budgets";
import * as commands from "@/lib/schemas/commands";
import * as costs from "@/lib/schemas/costs";
import * as heartbeat from "@/lib/schemas/heartbeat";
import * as mail from "@/lib/schemas/mail";
import * as metrics from "@/lib/schemas/metrics";
import * as overview from "@/lib/schemas/overview";
import * as policies from "@/lib/schemas/policies";
import * as rotations from "@/lib/schemas/rotations";
import * as prices from "@/lib/schemas/prices";
import * as realtime from "@/lib/schemas/realtime";
import * as search from "@/lib/schemas/search";
import * as secrets from "@/lib/schemas/secrets";
import * as audit from "@/lib/schemas/audit";
import * as fleets from "@/lib/schemas/fleets";
import * as teams from "@/lib/schemas/teams";
import * as tokens from "@/lib/schemas/tokens";
import * as usage from "@/lib/schemas/usage";
import { TwoFactorPendingResponse } from "@/lib/schemas/two-factor";
import { TWO_FACTOR_ROUTES } from "./routes-two-factor";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Access = "public" | "user" | "team" | "agent" | "cron";

export type RouteSpec = {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  status: number;
};

const r = (spec: Omit<RouteSpec, "status"> & { status?: number }): RouteSpec => ({ status: 200, ...spec });

/** Every API route: the OpenAPI document is built from this list, and a test checks it against app/api. */
export const ROUTES: RouteSpec[] = [
  r({ method: "POST", path: "/api/auth/signup", tag: "auth", access: "public", summary: "Create an account with a personal team (403 in Supabase Auth mode, where a first sign-in creates it)", body: auth.SignupInput, response: auth.SignupResponse, status: 201 }),
  r({ method: "POST", path: "/api/auth/login", tag: "auth", access: "public", summary: "Log in (with two-factor on: no session yet but { twoFactorRequired: true } and a pending sign-in's cookie, for POST /api/auth/two-factor; 403 in Supabase Auth mode: sign in through Supabase)", body: auth.LoginInput, response: z.union([auth.LoginResponse, TwoFactorPendingResponse]) }),
  r({ method: "POST", path: "/api/auth/logout", tag: "auth", access: "public", summary: "Log out (in Supabase Auth mode, the Supabase session ends too)", status: 204 }),
  r({ method: "GET", path: "/api/me", tag: "auth", access: "user", summary: "The caller, their teams and the active team", response: auth.MeResponse }),
  r({ method: "PATCH", path: "/api/me", tag: "account", access: "user", summary: "Change your name", body: account.ProfileUpdateInput, response: account.ProfileResponse }),
  r({ method: "POST", path: "/api/me/password", tag: "account", access: "user", summary: "Change your password (the current one required; every other session of yours ends; signed-in sessions only, not API tokens)", body: account.PasswordChangeInput, response: account.PasswordChangeResponse }),
  r({ method: "GET", path: "/api/me/sessions", tag: "account", access: "user", summary: "Your active sessions: device, address, created, last active (to the hour); signed-in sessions only", response: account.SessionListResponse }),
  r({ method: "DELETE", path: "/api/me/sessions", tag: "account", access: "user", summary: "End every session of yours but this one (signed-in sessions only)", response: account.SessionsEndResponse }),
  r({ method: "DELETE", path: "/api/me/sessions/{id}", tag: "account", access: "user", summary: "End one of your sessions (another person's id: 404; signed-in sessions only)", status: 204 }),
  r({ method: "POST", path: "/api/auth/reset-password", tag: "auth", access: "public", summary: "Set a new password with a one-time reset link (30 minutes, single use); every session of the person ends", body: account.PasswordResetInput, response: account.PasswordResetResponse }),
  r({ method: "POST", path: "/api/auth/forgot-password", tag: "auth", access: "public", summary: "Mail a one-time password reset link (30 minutes, single use): the same answer, as fast, whether or not the address has an account; 422 when the server has no SMTP", body: mail.ForgotPasswordInput, response: mail.ForgotPasswordResponse, status: 202 }),
  r({ method: "POST", path: "/api/me/email", tag: "account", access: "user", summary: "Ask to change your e-mail address (current password required): a one-time link goes to the new address (or is answered without SMTP); the address changes when it is opened", body: mail.EmailChangeInput, response: mail.EmailChangeResponse, status: 201 }),
  r({ method: "POST", path: "/api/auth/confirm-email", tag: "auth", access: "public", summary: "Open an e-mail change's one-time link (single use, one hour): the account takes the new address and the old one is told", body: mail.EmailConfirmInput, response: mail.EmailConfirmResponse }),
  r({ method: "POST", path: "/api/me/active-team", tag: "auth", access: "user", summary: "Switch the active team", body: auth.ActiveTeamInput, response: auth.ActiveTeamResponse }),
  r({ method: "GET", path: "/api/tokens", tag: "tokens", access: "team", summary: "List your API tokens", response: tokens.TokenListResponse }),
  r({ method: "POST", path: "/api/tokens", tag: "tokens", access: "team", summary: "Create an API token (secret shown once)", body: tokens.TokenCreateInput, response: tokens.TokenCreateResponse, status: 201 }),
  r({ method: "DELETE", path: "/api/tokens/{id}", tag: "tokens", access: "team", summary: "Revoke an API token", status: 204 }),
  r({ method: "GET", path: "/api/teams", tag: "teams", access: "user", summary: "List your teams", response: teams.TeamListResponse }),
  r({ method: "POST", path: "/api/teams", tag: "teams", access: "user", summary: "Create a team", body: teams.TeamCreateInput, response: teams.TeamResponse, status: 201 }),
  r({ method: "GET", path: "/api/teams/{id}", tag: "teams", access: "user", summary: "Get a team", response: teams.TeamResponse }),
  r({ method: "PATCH", path: "/api/teams/{id}", tag: "teams", access: "user", summary: "Rename a team or set its history retention (owner)", body: teams.TeamUpdateInput, response: teams.TeamResponse }),
  r({ method: "DELETE", path: "/api/teams/{id}", tag: "teams", access: "user", summary: "Delete a team (owner)", status: 204 }),
  r({ method: "GET", path: "/api/teams/{id}/members", tag: "teams", access: "user", summary: "List members", response: teams.MemberListResponse }),
  r({ method: "PATCH", path: "/api/teams/{id}/members/{userId}", tag: "teams", access: "user", summary: "Change a member's role (owner)", body: teams.MemberUpdateInput, response: teams.MemberResponse }),
  r({ method: "DELETE", path: "/api/teams/{id}/members/{userId}", tag: "teams", access: "user", summary: "Remove a member, or leave", status: 204 }),
  r({ method: "POST", path: "/api/teams/{id}/members/{userId}/reset-link", tag: "teams", access: "user", summary: "A one-time password reset link for a member, valid 30 minutes, shown once (owners, signed in; audited)", response: account.ResetLinkResponse, status: 201 }),
  r({ method: "GET", path: "/api/teams/{id}/invitations", tag: "teams", access: "user", summary: "List invitations", response: teams.InvitationListResponse }),
  r({ method: "POST", path: "/api/teams/{id}/invitations", tag: "teams", access: "user", summary: "Invite by e-mail (answers the link)", body: teams.InvitationCreateInput, response: teams.InvitationResponse, status: 201 }),
  r({ method: "DELETE", path: "/api/teams/{id}/invitations/{invitationId}", tag: "teams", access: "user", summary: "Revoke an invitation", status: 204 }),
  r({ method: "POST", path: "/api/invitations/accept", tag: "teams", access: "user", summary: "Accept an invitation", body: teams.InvitationAcceptInput, response: teams.InvitationAcceptResponse }),
  r({ method: "GET", path: "/api/fleets", tag: "fleets", access: "team", summary: "List fleets", query: fleets.FleetListQuery, response: fleets.FleetListResponse }),
  r({ method: "POST", path: "/api/fleets", tag: "fleets", access: "team", summary: "Create a fleet", body: fleets.FleetCreateInput, response: fleets.FleetResponse, status: 201 }),
  r({ method: "GET", path: "/api/fleets/{id}", tag: "fleets", access: "team", summary: "Get a fleet", response: fleets.FleetResponse }),
  r({ method: "PATCH", path: "/api/fleets/{id}", tag: "fleets", access: "team", summary: "Update a fleet", body: fleets.FleetUpdateInput, response: fleets.FleetResponse }),
  r({ method: "DELETE", path: "/api/fleets/{id}", tag: "fleets", access: "team", summary: "Delete a fleet and its agents", status: 204 }),
  r({ method: "GET", path: "/api/agents", tag: "agents", access: "team", summary: "List agents", query: agents.AgentListQuery, response: agents.AgentListResponse }),
  r({ method: "POST", path: "/api/agents", tag: "agents", access: "team", summary: "Register an agent", body: agents.AgentCreateInput, response: agents.AgentResponse, status: 201 }),
  r({ method: "POST", path: "/api/agents/bulk", tag: "agents", access: "team", summary: `One action (restart, set_model, apply_config, pause, resume, snooze, move) on up to ${batches.BULK_MAX_IDS} listed agents or on every agent the list's filter matches (at most ${batches.BULK_MAX_AGENTS}); one batch, one audit row for it and one per agent`, body: batches.BulkActionInput, response: batches.BatchResponse, status: 201 }),
  r({ method: "GET", path: "/api/batches", tag: "agents", access: "team", summary: "Bulk actions, newest first, with their progress", query: batches.BatchListQuery, response: batches.BatchListResponse }),
  r({ method: "GET", path: "/api/batches/{id}", tag: "agents", access: "team", summary: "A bulk action's progress (done, pending, failed, expired) and a page of its agents by name", query: batches.BatchItemQuery, response: batches.BatchDetailResponse }),
  r({ method: "GET", path: "/api/agents/{id}", tag: "agents", access: "team", summary: "Get an agent", response: agents.AgentResponse }),
  r({ method: "PATCH", path: "/api/agents/{id}", tag: "agents", access: "team", summary: "Edit, move, pause or resume an agent", body: agents.AgentUpdateInput, response: agents.AgentResponse }),
  r({ method: "DELETE", path: "/api/agents/{id}", tag: "agents", access: "team", summary: "Delete an agent", status: 204 }),
  r({ method: "POST", path: "/api/agents/{id}/pairing-codes", tag: "agents", access: "team", summary: "Create a one-time pairing code", response: agents.PairingCodeResponse, status: 201 }),
  r({ method: "POST", path: "/api/agents/{id}/revoke-key", tag: "agents", access: "team", summary: "Revoke the agent's key", status: 204 }),
  r({ method: "GET", path: "/api/agents/{id}/commands", tag: "agents", access: "team", summary: "List an agent's commands", response: commands.CommandListResponse }),
  r({ method: "POST", path: "/api/agents/{id}/commands", tag: "agents", access: "team", summary: "Queue a command", body: commands.CommandCreateInput, response: commands.CommandResponse, status: 201 }),
  r({ method: "GET", path: "/api/agents/{id}/metrics", tag: "agents", access: "team", summary: "Downsampled history for charts (average and peak per bucket)", query: metrics.MetricsQuery, response: metrics.MetricsResponse }),
  r({ method: "GET", path: "/api/agents/{id}/custom-metrics", tag: "agents", access: "team", summary: "The plugins' numeric custom metrics, downsampled for charts (average and peak per bucket, at most 20 keys)", query: metrics.MetricsQuery, response: metrics.CustomMetricsResponse }),
  r({ method: "GET", path: "/api/agents/{id}/usage", tag: "agents", access: "team", summary: "Tokens and cost per UTC day and model (as the OpenClaw gateway priced them), with totals", query: usage.UsageQuery, response: usage.UsageResponse }),
  r({ method: "GET", path: "/api/agents/{id}/heartbeats", tag: "agents", access: "team", summary: "The most recent heartbeats", query: metrics.HeartbeatListQuery, response: metrics.HeartbeatListResponse }),
  r({ method: "GET", path: "/api/agents/{id}/events", tag: "agents", access: "team", summary: "The agent's recent status changes", response: overview.AgentEventListResponse }),
  r({ method: "GET", path: "/api/agents/{id}/policy", tag: "policies", access: "team", summary: "The agent's effective policy with where each value comes from, the revision it runs, its last attempt and its guard's refusals", response: policies.AgentPolicyResponse }),
  r({ method: "GET", path: "/api/policies", tag: "policies", access: "team", summary: "Policies at every level of the team (team, fleets, agents) with their current revision", response: policies.PolicyListResponse }),
  r({ method: "POST", path: "/api/policies", tag: "policies", access: "team", summary: "Create the policy of the team, a fleet or an agent (one per level; 409 names the existing one)", body: policies.PolicyCreateInput, response: policies.PolicyResponse, status: 201 }),
  r({ method: "GET", path: "/api/policies/{id}", tag: "policies", access: "team", summary: "A policy and its history (who, when, note, what changed)", response: policies.PolicyDetailResponse }),
  r({ method: "PUT", path: "/api/policies/{id}", tag: "policies", access: "team", summary: "Write a new revision (409 when baseRevision is stale; 422 with the path of a contradiction, in the document or in an agent's merged policy)", body: policies.PolicyWriteInput, response: policies.PolicyWriteResponse }),
  r({ method: "GET", path: "/api/policies/{id}/revisions/{rev}", tag: "policies", access: "team", summary: "One revision with its document", response: policies.PolicyRevisionResponse }),
  r({ method: "GET", path: "/api/policies/{id}/diff", tag: "policies", access: "team", summary: "The fields that differ between two revisions (0: the empty document)", query: policies.PolicyDiffQuery, response: policies.PolicyDiffResponse }),
  r({ method: "POST", path: "/api/policies/{id}/dry-run", tag: "policies", access: "team", summary: "What a document would change, per agent in scope and field, without writing it", body: policies.PolicyDryRunInput, response: policies.PolicyDryRunResponse }),
  r({ method: "GET", path: "/api/policies/{id}/convergence", tag: "policies", access: "team", summary: "Agents in scope on their effective revision, pending, or failed with the gateway's reason", response: policies.PolicyConvergenceResponse }),
  r({ method: "GET", path: "/api/secrets", tag: "secrets", access: "team", summary: "The team's secrets at every level, masked: name, scope, mask, version, never a value", response: secrets.SecretListResponse }),
  r({ method: "POST", path: "/api/secrets", tag: "secrets", access: "team", summary: "Store a secret for the team, a fleet or an agent, encrypted; write-only (409 when the level has that name)", body: secrets.SecretCreateInput, response: secrets.SecretResponse, status: 201 }),
  r({ method: "PUT", path: "/api/secrets/{id}", tag: "secrets", access: "team", summary: "Rotate a secret (a new value, a new version every agent in scope converges on) and/or change its description", body: secrets.SecretUpdateInput, response: secrets.SecretResponse }),
  r({ method: "DELETE", path: "/api/secrets/{id}", tag: "secrets", access: "team", summary: "Delete a secret (a tombstone version: agents in scope converge on its removal)", status: 204 }),
  r({ method: "GET", path: "/api/secrets/convergence", tag: "secrets", access: "team", summary: "Agents on their effective secrets version, pending, failed (with the reason) or unable to receive them (no key)", query: secrets.SecretsConvergenceQuery, response: secrets.SecretsConvergenceResponse }),
  r({ method: "POST", path: "/api/rotations/preview", tag: "policies", access: "team", summary: "Model kill switch, dry run: the agents a rotation to a backup model would cover, the policies it would write, and the contradictions that would refuse it", body: rotations.RotationPreviewInput, response: rotations.RotationPreviewResponse }),
  r({ method: "POST", path: "/api/rotations", tag: "policies", access: "team", summary: "Model kill switch: one transaction writes a revision with the backup model as primary to every policy deciding the model in scope and queues clear_session_models per agent (409 when the scope no longer covers expectedAgents; 422 with the policy and path of a contradiction)", body: rotations.RotationCreateInput, response: rotations.RotationResponse, status: 201 }),
  r({ method: "GET", path: "/api/rotations", tag: "policies", access: "team", summary: "Model rotations, newest first, with how many agents confirmed the backup", query: rotations.RotationListQuery, response: rotations.RotationListResponse }),
  r({ method: "GET", path: "/api/rotations/{id}", tag: "policies", access: "team", summary: `A rotation: agents confirmed (their gateway reports the backup), pending or failed, with their session pins (at most ${rotations.ROTATION_VIEW_MAX_AGENTS} agents; the counts cover all)`, query: rotations.RotationDetailQuery, response: rotations.RotationDetailResponse }),
  r({ method: "POST", path: "/api/rotations/{id}/revert", tag: "policies", access: "team", summary: "Revert a rotation: policies still on its revision get the document they had before; those changed since are listed and left", response: rotations.RotationRevertResponse }),
  r({ method: "GET", path: "/api/costs", tag: "costs", access: "team", summary: "Spend per day and model; by model, provider, fleet and agent; month to date and forecast (each figure reported by a gateway, estimated from the catalogue, or unpriced)", query: costs.CostQuery, response: costs.CostSummaryResponse }),
  r({ method: "GET", path: "/api/costs/export", tag: "costs", access: "team", summary: "The same figures as CSV (by=day: per day, provider, model and fleet; by=agent: per agent)", query: costs.CostExportQuery }),
  r({ method: "GET", path: "/api/models", tag: "costs", access: "team", summary: "The price catalogue as the team sees it: tier, availability and today's price per model", query: prices.ModelListQuery, response: prices.ModelListResponse }),
  r({ method: "PATCH", path: "/api/models", tag: "costs", access: "team", summary: "Set a model's capability tier or mark it unavailable for the team", body: prices.ModelUpdateInput, response: prices.ModelResponse }),
  r({ method: "GET", path: "/api/prices", tag: "costs", access: "team", summary: "A model's prices over time, the catalogue's and the team's own", query: prices.PriceListQuery, response: prices.PriceListResponse }),
  r({ method: "POST", path: "/api/prices", tag: "costs", access: "team", summary: "Set the team's own price for a model from a day on; stored usage from then is priced again", body: prices.PriceCreateInput, response: prices.PriceResponse, status: 201 }),
  r({ method: "DELETE", path: "/api/prices/{id}", tag: "costs", access: "team", summary: "Remove one of the team's own prices", status: 204 }),
  r({ method: "GET", path: "/api/budgets", tag: "costs", access: "team", summary: "Monthly budgets with this month's spend, forecast and what alerted", response: budgets.BudgetListResponse }),
  r({ method: "POST", path: "/api/budgets", tag: "costs", access: "team", summary: "Create a monthly budget for the team, a fleet or an agent, alerting at thresholds and on the forecast", body: budgets.BudgetCreateInput, response: budgets.BudgetResponse, status: 201 }),
  r({ method: "GET", path: "/api/budgets/{id}", tag: "costs", access: "team", summary: "Get a budget", response: budgets.BudgetResponse }),
  r({ method: "PATCH", path: "/api/budgets/{id}", tag: "costs", access: "team", summary: "Change a budget (the scope stays)", body: budgets.BudgetUpdateInput, response: budgets.BudgetResponse }),
  r({ method: "DELETE", path: "/api/budgets/{id}", tag: "costs", access: "team", summary: "Delete a budget and its alerts", status: 204 }),
  r({ method: "GET", path: "/api/advice", tag: "costs", access: "team", summary: "Savings advice: cheaper models of the same tier for each agent and model with real volume, priced on the agent's own token mix", response: advice.AdviceListResponse }),
  r({ method: "POST", path: "/api/advice/apply", tag: "costs", access: "team", summary: "Apply advice: queue set_model for the agent", body: advice.AdviceActionInput, response: advice.AdviceApplyResponse, status: 201 }),
  r({ method: "POST", path: "/api/advice/dismiss", tag: "costs", access: "team", summary: "Hide advice for the agent and pair of models for 30 days", body: advice.AdviceActionInput, response: advice.AdviceDismissResponse }),
  r({ method: "GET", path: "/api/overview", tag: "dashboard", access: "team", summary: "Counts by status, agents needing attention, regions, recent events", query: overview.OverviewQuery, response: overview.OverviewResponse }),
  r({ method: "GET", path: "/api/search", tag: "dashboard", access: "team", summary: "Find agents and fleets by name, hostname, tag or region", query: search.SearchQuery, response: search.SearchResponse }),
  r({ method: "GET", path: "/api/cron/check-stale", tag: "scheduled jobs", access: "cron", summary: "Move late agents to stale and offline and sweep threshold rules (for a platform cron, every 5 minutes; a self-hosted server checks every 2 s itself; ?force=1 runs even if it ran recently)" }),
  r({ method: "GET", path: "/api/cron/purge", tag: "scheduled jobs", access: "cron", summary: "Drop heartbeat history past retention and create the days ahead (nightly; ?force=1)" }),
  r({ method: "GET", path: "/api/cron/deliver", tag: "scheduled jobs", access: "cron", summary: "Queue waiting alert notices and send what is due (every minute)" }),
  r({ method: "GET", path: "/api/cron/budgets", tag: "scheduled jobs", access: "cron", summary: "Alert budgets whose thresholds or forecast this month's spend reached (every minute; ?force=1)" }),
  r({ method: "GET", path: "/api/alerts/channels", tag: "alerts", access: "team", summary: "List notification channels (secrets masked)", response: alerts.ChannelListResponse }),
  r({ method: "POST", path: "/api/alerts/channels", tag: "alerts", access: "team", summary: "Add a Slack, Discord, PagerDuty, signed webhook or e-mail channel (e-mail needs SMTP on the server: 422 otherwise)", body: alerts.ChannelCreateInput, response: alerts.ChannelResponse, status: 201 }),
  r({ method: "GET", path: "/api/alerts/channels/{id}", tag: "alerts", access: "team", summary: "Get a channel (secret masked)", response: alerts.ChannelResponse }),
  r({ method: "PATCH", path: "/api/alerts/channels/{id}", tag: "alerts", access: "team", summary: "Rename a channel or replace its config (rotates the secret)", body: alerts.ChannelUpdateInput, response: alerts.ChannelResponse }),
  r({ method: "DELETE", path: "/api/alerts/channels/{id}", tag: "alerts", access: "team", summary: "Delete a channel", status: 204 }),
  r({ method: "POST", path: "/api/alerts/channels/{id}/test", tag: "alerts", access: "team", summary: "Send a test notification now" }),
  r({ method: "GET", path: "/api/alerts/rules", tag: "alerts", access: "team", summary: "List alert rules", response: alerts.RuleListResponse }),
  r({ method: "POST", path: "/api/alerts/rules", tag: "alerts", access: "team", summary: "Create an alert rule", body: alerts.RuleCreateInput, response: alerts.RuleResponse, status: 201 }),
  r({ method: "GET", path: "/api/alerts/rules/{id}", tag: "alerts", access: "team", summary: "Get an alert rule", response: alerts.RuleResponse }),
  r({ method: "PATCH", path: "/api/alerts/rules/{id}", tag: "alerts", access: "team", summary: "Change an alert rule", body: alerts.RuleUpdateInput, response: alerts.RuleResponse }),
  r({ method: "DELETE", path: "/api/alerts/rules/{id}", tag: "alerts", access: "team", summary: "Delete an alert rule", status: 204 }),
  r({ method: "GET", path: "/api/alerts", tag: "alerts", access: "team", summary: "Alert history (state=open|acknowledged|resolved|active)", query: alerts.AlertListQuery, response: alerts.AlertListResponse }),
  r({ method: "POST", path: "/api/alerts/{id}/ack", tag: "alerts", access: "team", summary: "Acknowledge an alert", response: alerts.AlertResponse }),
  r({ method: "POST", path: "/api/alerts/{id}/resolve", tag: "alerts", access: "team", summary: "Resolve an alert by hand", response: alerts.AlertResponse }),
  r({ method: "GET", path: "/api/silences", tag: "alerts", access: "team", summary: "Snoozes and maintenance windows in force", response: alerts.SilenceListResponse }),
  r({ method: "POST", path: "/api/silences", tag: "alerts", access: "team", summary: "Snooze an agent's or fleet's notifications", body: alerts.SilenceCreateInput, response: alerts.SilenceResponse, status: 201 }),
  r({ method: "DELETE", path: "/api/silences/{id}", tag: "alerts", access: "team", summary: "End a snooze now", status: 204 }),
  r({ method: "GET", path: "/api/stream", tag: "dashboard", access: "team", summary: "Live events (Server-Sent Events: agent.status, agent.heartbeat, alert.changed, batch.changed, resync), resumable with Last-Event-ID" }),
  r({ method: "GET", path: "/api/realtime/token", tag: "dashboard", access: "team", summary: "A short-lived Supabase Realtime token for the signed-in person (browser sessions only) and the active team's private topic; 404 unless Supabase mode is configured", response: realtime.RealtimeTokenResponse }),
  r({ method: "POST", path: "/api/agents/pair", tag: "agent protocol", access: "public", summary: "Pair a host (clawfleet pair)", body: agents.PairInput, response: agents.PairResponse }),
  r({ method: "POST", path: "/api/heartbeat", tag: "agent protocol", access: "agent", summary: "Signed heartbeat (EdDSA JWT bound to the body)", body: heartbeat.HeartbeatBody, response: heartbeat.HeartbeatResponse }),
  r({ method: "GET", path: "/api/audit", tag: "audit", access: "team", summary: "Search the audit trail", query: audit.AuditQuery, response: audit.AuditListResponse }),
  r({ method: "GET", path: "/api/audit/verify", tag: "audit", access: "team", summary: "Verify the hash-chained audit trail: the first row changed or removed (owner)", query: audit.AuditVerifyQuery, response: audit.AuditVerifyResponse }),
  r({ method: "GET", path: "/api/billing", tag: "billing", access: "team", summary: "The team's plan, subscription status, usage against each limit and (owners, billing on) invoices", response: billing.BillingResponse }),
  r({ method: "POST", path: "/api/billing/checkout", tag: "billing", access: "team", summary: "Start Stripe Checkout for a paid plan (owner); answers its URL", body: billing.CheckoutInput, response: billing.RedirectResponse }),
  r({ method: "POST", path: "/api/billing/portal", tag: "billing", access: "team", summary: "Open Stripe's Customer Portal (owner); answers its URL", response: billing.RedirectResponse }),
  r({ method: "POST", path: "/api/billing/webhook", tag: "billing", access: "public", summary: "Stripe webhooks (Stripe-Signature verified against the raw body; each event id applied once)", response: billing.WebhookResponse }),
  r({ method: "GET", path: "/api/ping", tag: "meta", access: "public", summary: "Liveness without the database" }),
  r({ method: "POST", path: "/api/ping", tag: "meta", access: "public", summary: "Liveness without the database, for POST probes" }),
  r({ method: "GET", path: "/api/health", tag: "meta", access: "public", summary: "Liveness and database check" }),
  r({ method: "GET", path: "/api/openapi.json", tag: "meta", access: "public", summary: "This document" }),
  ...TWO_FACTOR_ROUTES,
];
