import { z } from "zod";
import { Id, printableAscii } from "./common";
import { DeliveredPolicy, GuardReport, PolicyStatusReport } from "./policy-document";
import { BoxKey, SealedSecrets, SecretsStatusReport } from "./secrets-delivery";
import { UsageDailyReport } from "./usage";

const pct = z.number().min(0).max(100);
const nonNeg = z.number().min(0).max(1e15);
const short = printableAscii;

/** The heartbeat body of protocol v1 (ARCHITECTURE.md). */
export const HeartbeatBody = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  sentAt: z.iso.datetime({ offset: true }),
  status: z.enum(["ok", "degraded", "error"]),
  gateway: z.strictObject({
    url: short(200),
    reachable: z.boolean(),
    healthy: z.boolean(),
    rttMs: z.number().min(0).max(600_000).nullable(),
    version: short(64).optional(),
    model: short(200).optional().describe("The gateway's configured primary model (agents.defaults.model), read back from its config; absent when it could not be read"),
  }),
  host: z.strictObject({
    hostname: short(255),
    os: short(32),
    arch: short(32),
    uptimeS: nonNeg,
  }),
  metrics: z.strictObject({
    cpuPct: pct.optional(),
    memUsedPct: pct.optional(),
    memPressurePct: pct.optional(),
    diskReadBps: nonNeg.optional(),
    diskWriteBps: nonNeg.optional(),
    load1: z.number().min(0).max(1e6).optional(),
  }),
  usage: z
    .array(
      z.strictObject({
        model: short(200),
        inputTokens: z.number().int().min(0).max(1e12),
        outputTokens: z.number().int().min(0).max(1e12),
        costUsd: z.number().min(0).max(1e7),
        calls: z.number().int().min(0).max(1e9).optional().describe("Model calls behind these tokens (absent: one)"),
      }),
    )
    .max(100)
    .default([]),
  custom: z
    .record(z.string().max(64).regex(/^[A-Za-z0-9_.-]+$/), z.union([z.number(), z.boolean(), short(200)]))
    .refine((r) => Object.keys(r).length <= 50, { message: "At most 50 custom values" })
    .optional(),
  plugins: z
    .array(
      z.strictObject({
        name: short(100).min(1),
        ok: z.boolean(),
        error: short(500).optional(),
        durationMs: z.number().min(0).max(86_400_000),
      }),
    )
    .max(50)
    .optional()
    .describe("How the agent's custom metric plugins last ran (their values are in custom)"),
  usageDaily: z
    .array(UsageDailyReport)
    .max(100)
    .refine((rows) => new Set(rows.map((r) => `${r.day}|${r.provider}|${r.model}`)).size === rows.length, { message: "One entry per day, provider and model" })
    .optional()
    .describe("The gateway's own usage per UTC day and model, cumulative for the day (clawfleet 2); the server keeps the largest value of each figure"),
  usageError: short(500).optional().describe("Why the agent could not read its gateway's usage (absent when it could)"),
  policyVersion: z.number().int().min(0).max(1e9).default(0).describe("The policy revision the agent runs (0: none)"),
  policyStatus: PolicyStatusReport.optional().describe("How the agent's last attempt at a policy revision went"),
  guard: GuardReport.optional().describe("What the clawfleet plugin inside the gateway refused and counted today"),
  boxKey: BoxKey.optional(),
  secretsVersion: z.number().int().min(0).max(1e12).default(0).describe("The secrets version the agent runs (0: none)"),
  secretsStatus: SecretsStatusReport.optional().describe("How the agent's last attempt at a secrets version went"),
  acks: z
    .array(z.strictObject({ commandId: Id, status: z.enum(["done", "failed"]), message: short(500).optional() }))
    .max(100)
    .default([]),
});
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;

export const HeartbeatResponse = z.object({
  ok: z.literal(true),
  agentStatus: z.string(),
  nextHeartbeatS: z.number().int(),
  policy: DeliveredPolicy.optional().describe("The effective (merged) policy, when the agent's policyVersion differs from its effective revision"),
  secrets: SealedSecrets.optional().describe("The agent's effective secrets, sealed to its boxKey, when its secretsVersion differs from its effective one"),
  commands: z.array(z.object({ id: Id, type: z.string(), args: z.record(z.string(), z.unknown()) })),
});
