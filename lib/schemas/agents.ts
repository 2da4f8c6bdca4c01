import { z } from "zod";
import { CursorQuery, Id, label, note } from "./common";

export const AGENT_STATUSES = ["pending", "online", "degraded", "stale", "offline", "paused"] as const;
export const AgentStatus = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatus>;
export const AGENT_SORTS = ["created", "-created", "name", "-name", "status", "-status", "lastSeen", "-lastSeen"] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];

const slug = (max: number) =>
  z.string().trim().toLowerCase().max(max).regex(/^[a-z0-9][a-z0-9_-]*$/, { message: "Use lowercase letters, digits, - and _" });

export const Region = slug(64);
export const Tag = slug(40);
export const Tags = z.array(Tag).max(20).transform((tags) => [...new Set(tags)]);

export const AgentCreateInput = z.strictObject({
  fleetId: Id,
  name: label(100),
  description: note(500).optional(),
  region: Region.optional(),
  tags: Tags.optional(),
  heartbeatIntervalS: z.number().int().min(5).max(3600).optional(),
  graceS: z.number().int().min(0).max(86400).optional(),
});
export const AgentUpdateInput = z
  .strictObject({
    fleetId: Id.optional(),
    name: label(100).optional(),
    description: note(500).optional(),
    region: Region.optional(),
    tags: Tags.optional(),
    heartbeatIntervalS: z.number().int().min(5).max(3600).optional(),
    graceS: z.number().int().min(0).max(86400).optional(),
    paused: z.boolean().optional().describe("true pauses (maintenance); false resumes"),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change" });
export const AgentListQuery = CursorQuery.extend({
  fleetId: Id.optional(),
  status: AgentStatus.optional(),
  region: Region.optional(),
  q: z.string().trim().max(100).optional().describe("Name, hostname or tag"),
  sort: z.enum(AGENT_SORTS).default("-created").describe("A field, ascending; prefixed with - for descending. status sorts the most urgent first"),
});

const Gateway = z.object({
  url: z.string(),
  reachable: z.boolean(),
  healthy: z.boolean(),
  rttMs: z.number().nullable(),
  version: z.string().optional(),
  model: z.string().optional().describe("The primary model the gateway's own config names, as last read back"),
});
const Metrics = z.object({
  cpuPct: z.number().optional(),
  memUsedPct: z.number().optional(),
  memPressurePct: z.number().optional(),
  diskReadBps: z.number().optional(),
  diskWriteBps: z.number().optional(),
  load1: z.number().optional(),
});
export const PluginReport = z
  .object({ name: z.string(), ok: z.boolean(), error: z.string().optional(), durationMs: z.number() })
  .meta({ id: "PluginReport" });
export type PluginReport = z.infer<typeof PluginReport>;

export const Agent = z
  .object({
    id: Id,
    fleetId: Id,
    name: z.string(),
    description: z.string(),
    region: z.string(),
    tags: z.array(z.string()),
    status: AgentStatus,
    heartbeatIntervalS: z.number().int(),
    graceS: z.number().int(),
    hostname: z.string(),
    paired: z.boolean(),
    pairedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    lastSeq: z.number().int(),
    gateway: Gateway.nullable(),
    host: z.object({ hostname: z.string(), os: z.string(), arch: z.string(), uptimeS: z.number() }).nullable().describe("As last reported"),
    metrics: Metrics.nullable(),
    plugins: z
      .array(PluginReport)
      .nullable()
      .optional()
      .describe("How the agent's custom metric plugins last ran (null: its last heartbeat reported none); on one agent, not in lists"),
    gatewayModelSince: z.string().nullable().optional().describe("When the gateway first reported its current primary model; on one agent, not in lists"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Agent" });
export const AgentResponse = z.object({ agent: Agent });
export const AgentListResponse = z.object({ agents: z.array(Agent), nextCursor: z.string().nullable() });

export const PairingCodeResponse = z.object({
  code: z.string(),
  expiresAt: z.string(),
  command: z.string().describe("The command to run on a host where clawfleet is installed"),
  installCommand: z.string().describe("One line that installs clawfleet from this server, checks it and pairs (POSIX sh)"),
});

export const Ed25519PublicJwk = z.strictObject({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "Must be a base64url Ed25519 public key" }),
  kid: z.string().max(100).optional(),
  alg: z.literal("EdDSA").optional(),
  use: z.literal("sig").optional(),
});
export const PairInput = z.strictObject({
  code: z.string().trim().min(6).max(64),
  publicKeyJwk: Ed25519PublicJwk,
  host: z.strictObject({
    hostname: z.string().max(255).regex(/^[A-Za-z0-9._-]*$/),
    os: z.string().max(32).regex(/^[A-Za-z0-9._-]*$/),
    arch: z.string().max(32).regex(/^[A-Za-z0-9._-]*$/),
  }),
});
export const PairResponse = z.object({ agentId: Id, fleetId: Id, heartbeatIntervalS: z.number().int(), audience: z.string() });

export type Agent = z.infer<typeof Agent>;
export type AgentCreateInput = z.infer<typeof AgentCreateInput>;
export type AgentUpdateInput = z.infer<typeof AgentUpdateInput>;
export type AgentListQuery = z.infer<typeof AgentListQuery>;
export type PairInput = z.infer<typeof PairInput>;
