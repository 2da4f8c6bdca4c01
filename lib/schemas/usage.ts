import { z } from "zod";
import { printableAscii as printable } from "./common";

const tokens = z.number().int().min(0).max(1e13);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One model's usage on one UTC day as the gateway recorded and priced it, cumulative for the day
 * (heartbeat `usageDaily`, clawfleet 2): the server keeps the largest value of each figure.
 */
export const UsageDailyReport = z.strictObject({
  day: z.string().regex(DAY, { message: "A UTC date, YYYY-MM-DD" }).refine((d) => Math.abs(Date.parse(`${d}T12:00:00Z`) - Date.now()) < 8 * 86_400_000, {
    message: "Within a week of today",
  }),
  provider: printable(100).default(""),
  model: printable(200).min(1),
  inputTokens: tokens,
  outputTokens: tokens,
  cacheReadTokens: tokens.default(0),
  cacheWriteTokens: tokens.default(0),
  costUsd: z.number().min(0).max(1e7),
  missingCostEntries: z.number().int().min(0).max(1e9).default(0).describe("Calls the gateway could not price"),
  calls: z.number().int().min(0).max(1e9).default(0),
});

export const UsageQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const UsageRow = z.object({
  day: z.string(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  costUsd: z.number(),
  missingCostEntries: z.number().int(),
  calls: z.number().int(),
  source: z.enum(["gateway", "agent"]).describe("gateway: recorded and priced by the OpenClaw gateway; agent: reported by an agent as deltas (protocol v1)"),
});
export const UsageResponse = z.object({
  usage: z.array(UsageRow).describe("Per UTC day and model, newest first"),
  totals: z.object({ costUsd: z.number(), inputTokens: z.number(), outputTokens: z.number(), cacheReadTokens: z.number(), cacheWriteTokens: z.number(), missingCostEntries: z.number().int() }),
  usageError: z.string().nullable().describe("Why the agent last could not read its gateway's usage, if it could not"),
});
export type UsageRow = z.infer<typeof UsageRow>;
