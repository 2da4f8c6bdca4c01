import os from "node:os";
import type { CommandAck } from "./config";
import type { GatewayHealth } from "./gateway-probe";
import type { DailyModelUsage } from "./gateway-usage";
import { isRecord } from "./guards";
import type { HostMetrics } from "./metrics";
import type { GuardReport } from "./guard-report";
import type { CustomValue, PluginReport } from "./plugins";
import type { PolicyStatus } from "./policy-shape";
import type { SecretsStatus } from "./secrets-apply";
import { identifier, printable } from "./text";

// What the server takes as gateway.model: printable ASCII, at most 200 characters.
const MODEL_REF = /^[\x20-\x7e]{1,200}$/;

export interface HostInfo {
  hostname: string;
  os: string;
  arch: string;
}

export interface UsageEntry {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Heartbeat body, protocol v1 (ARCHITECTURE.md, "Agent protocol"). */
export interface HeartbeatBody {
  seq: number;
  sentAt: string;
  status: "ok" | "degraded";
  gateway: { url: string; reachable: boolean; healthy: boolean; rttMs: number | null; version?: string; model?: string };
  host: HostInfo & { uptimeS: number };
  metrics: HostMetrics;
  usage: UsageEntry[];
  /** The gateway's own usage per UTC day and model, cumulative for the day (protocol addition). */
  usageDaily?: DailyModelUsage[];
  /** Why the gateway's usage could not be read. */
  usageError?: string;
  policyVersion: number;
  /** How the agent's last attempt at a policy revision went (protocol addition, PolicyStatusReport). */
  policyStatus?: PolicyStatus;
  /** What the clawfleet plugin in the gateway refused and counted (protocol addition, GuardReport). */
  guard?: GuardReport;
  /** The X25519 key secrets are sealed to, the secrets version applied and the last attempt (protocol additions). */
  boxKey?: string;
  secretsVersion?: number;
  secretsStatus?: SecretsStatus;
  acks: CommandAck[];
  /** The plugins' metrics and how each plugin's latest run went; absent when there are no plugins. */
  custom?: Record<string, CustomValue>;
  plugins?: PluginReport[];
}

/** The server takes at most this many acknowledgements per heartbeat. */
export const MAX_ACKS_PER_BODY = 100;

/** Host identity in the form the pairing and heartbeat endpoints accept. */
export function hostInfo(): HostInfo {
  return {
    hostname: identifier(os.hostname(), 255) || "unknown",
    os: identifier(process.platform, 32),
    arch: identifier(process.arch, 32),
  };
}

export interface BodyParts {
  seq: number;
  gateway: GatewayHealth;
  custom?: Record<string, CustomValue>;
  plugins?: PluginReport[];
  metrics: HostMetrics;
  policyVersion: number;
  policyStatus?: PolicyStatus;
  guard?: GuardReport;
  secrets?: { boxKey: string; version: number; status?: SecretsStatus };
  acks: CommandAck[];
  usage?: UsageEntry[];
  usageDaily?: DailyModelUsage[];
  usageError?: string;
  now?: Date;
}

export function buildHeartbeat(parts: BodyParts): HeartbeatBody {
  const { gateway } = parts;
  const healthy = gateway.reachable && gateway.healthy;
  const gatewayPart: HeartbeatBody["gateway"] = {
    url: printable(gateway.url, 200),
    reachable: gateway.reachable,
    healthy: gateway.healthy,
    rttMs: gateway.rttMs,
  };
  if (gateway.version) gatewayPart.version = gateway.version;
  if (gateway.model && MODEL_REF.test(gateway.model)) gatewayPart.model = gateway.model;
  return {
    seq: parts.seq,
    sentAt: (parts.now ?? new Date()).toISOString(),
    status: healthy ? "ok" : "degraded",
    gateway: gatewayPart,
    host: { ...hostInfo(), uptimeS: Math.round(os.uptime()) },
    metrics: parts.metrics,
    usage: parts.usage ?? [],
    ...(parts.usageDaily?.length ? { usageDaily: parts.usageDaily } : {}),
    ...(parts.usageError ? { usageError: parts.usageError } : {}),
    policyVersion: parts.policyVersion,
    ...(parts.policyStatus ? { policyStatus: { ...parts.policyStatus, ...(parts.policyStatus.message ? { message: printable(parts.policyStatus.message, 500) } : {}) } } : {}),
    ...(parts.guard ? { guard: parts.guard } : {}),
    ...(parts.secrets ? secretsPart(parts.secrets) : {}),
    acks: parts.acks.slice(0, MAX_ACKS_PER_BODY).map((a) => ({ ...a, message: printable(a.message, 500) })),
    ...(parts.plugins ? { custom: parts.custom ?? {}, plugins: parts.plugins } : {}),
  };
}

function secretsPart({ boxKey, version, status }: NonNullable<BodyParts["secrets"]>) {
  return { boxKey, secretsVersion: version, ...(status ? { secretsStatus: { ...status, ...(status.message ? { message: printable(status.message, 500) } : {}) } } : {}) };
}

/** Shape check for bodies read back from the spool (written by this CLI, but files can be edited or torn). */
export function isHeartbeatBody(value: unknown): value is HeartbeatBody {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.seq) &&
    typeof value.sentAt === "string" &&
    (value.status === "ok" || value.status === "degraded") &&
    isRecord(value.gateway) &&
    isRecord(value.host) &&
    isRecord(value.metrics) &&
    Array.isArray(value.usage) &&
    typeof value.policyVersion === "number" &&
    Array.isArray(value.acks)
  );
}
