import { z } from "zod";
import { Id } from "./common";
import { Command } from "./commands";

const ModelRef = z
  .string()
  .trim()
  .max(301)
  .regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:@/-]+$/, { message: "Use provider/model, e.g. anthropic/claude-sonnet-4-5" })
  .transform((v) => v.toLowerCase());
const Prices = z.object({ inputPerMtok: z.number(), outputPerMtok: z.number(), cacheReadPerMtok: z.number(), cacheWritePerMtok: z.number() });

export const Advice = z
  .object({
    agentId: Id,
    agentName: z.string(),
    fleetId: Id,
    fromModel: z.string().describe("provider/model as the agent reports it"),
    fromName: z.string().nullable(),
    toModel: z.string().describe("provider/model as the gateway takes it (`openclaw models set`)"),
    toName: z.string().nullable(),
    tier: z.string(),
    mix: z.object({ inputTokens: z.number(), outputTokens: z.number(), cacheReadTokens: z.number(), cacheWriteTokens: z.number(), days: z.number().int() })
      .describe("The agent's own tokens on the model over the last `days` days with usage (at most 30)"),
    fromPrice: Prices,
    toPrice: Prices,
    currentMonthlyUsd: z.number().describe("The mix at today's price of the model in use, for a 30-day month"),
    proposedMonthlyUsd: z.number(),
    savingMonthlyUsd: z.number(),
    savingPct: z.number().describe("Rounded to a whole percent"),
  })
  .meta({ id: "SavingsAdvice" });
export type Advice = z.infer<typeof Advice>;
export const AdviceListResponse = z.object({ advice: z.array(Advice), nextCursor: z.null() });

export const AdviceActionInput = z.strictObject({ agentId: Id, fromModel: ModelRef, toModel: ModelRef });
export type AdviceActionInput = z.infer<typeof AdviceActionInput>;
export const AdviceApplyResponse = z.object({ command: Command, advice: Advice });
export const AdviceDismissResponse = z.object({ dismissedUntil: z.string() });
