import { z } from "zod";
import { Id } from "./common";

const pct = z.number().min(0).max(100);
const nonNeg = z.number().min(0).max(1e15);
const short = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, { message: "Printable ASCII only" });

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
      }),
    )
    .max(100)
    .default([]),
  custom: z
    .record(z.string().max(64).regex(/^[A-Za-z0-9_.-]+$/), z.union([z.number(), z.boolean(), short(200)]))
    .refine((r) => Object.keys(r).length <= 50, { message: "At most 50 custom values" })
    .optional(),
  policyVersion: z.number().int().min(0).max(1e9).default(0),
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
  policy: z.record(z.string(), z.unknown()).optional(),
  commands: z.array(z.object({ id: Id, type: z.string(), args: z.record(z.string(), z.unknown()) })),
});
