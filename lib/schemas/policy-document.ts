import { z } from "zod";
import { ModelRef } from "./commands";

/**
 * What a policy sets on an agent's gateway. Every field is optional: a level (team, fleet, agent)
 * sets what it cares about and the effective policy merges them, agent over fleet over team.
 * Native parts map to OpenClaw settings; the guardrails go to the clawfleet plugin inside the gateway.
 */
const ModelPattern = z.string().trim().min(1).max(200).describe("provider/model, wildcards allowed (anthropic/*)");
const ToolName = z.string().trim().min(1).max(100).describe("a tool name, a group (group:web) or a wildcard");
const Usd = z.number().positive().max(1_000_000);

export const POLICY_EXEC_MODES = ["deny", "allowlist", "ask", "auto", "full"] as const;
export const POLICY_SANDBOX_MODES = ["off", "non-main", "all"] as const;

export const PolicyDocument = z
  .strictObject({
    model: z
      .strictObject({ primary: ModelRef.optional(), fallbacks: z.array(ModelRef).max(10).optional() })
      .optional()
      .describe("agents.defaults.model"),
    allowedModels: z.array(ModelPattern).max(100).optional().describe("agents.defaults.modelPolicy.allow"),
    tools: z
      .strictObject({ allow: z.array(ToolName).max(200).optional(), deny: z.array(ToolName).max(200).optional() })
      .optional()
      .describe("tools.allow and tools.deny (deny wins)"),
    execMode: z.enum(POLICY_EXEC_MODES).optional().describe("tools.exec.mode"),
    sandboxMode: z.enum(POLICY_SANDBOX_MODES).optional().describe("agents.defaults.sandbox.mode"),
    toolCallCostCapsUsd: z
      .record(ToolName, Usd)
      .refine((caps) => Object.keys(caps).length <= 100, { message: "At most 100 caps" })
      .optional()
      .describe('Largest cost of one tool call, per tool; "*" caps every tool (enforced by the clawfleet plugin)'),
    toolCallPricesUsd: z
      .record(ToolName, Usd)
      .refine((prices) => Object.keys(prices).length <= 100, { message: "At most 100 prices" })
      .optional()
      .describe('What one call of a tool costs, per tool ("*" for any other): OpenClaw gives a plugin no cost for a tool call, so the caps compare these'),
    dailySpendCapUsd: Usd.optional().describe("Largest spend per agent per UTC day (enforced by the clawfleet plugin)"),
  })
  .meta({ id: "PolicyDocument" });
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/**
 * The heartbeat answer's `policy` when the agent's applied revision differs from its effective one:
 * `{ "version": <revision>, ...PolicyDocument }` (the effective, merged document).
 */
export const DeliveredPolicy = PolicyDocument.extend({ version: z.number().int().min(0).max(1e9) });
export type DeliveredPolicy = z.infer<typeof DeliveredPolicy>;

/** Heartbeat body, additive: how the agent's last attempt at a policy revision went. */
export const PolicyStatusReport = z.strictObject({
  version: z.number().int().min(0).max(1e9),
  status: z.enum(["applied", "failed"]),
  message: z.string().max(500).optional().describe("Why it failed (the gateway's error), absent when applied"),
});
export type PolicyStatusReport = z.infer<typeof PolicyStatusReport>;

/** Heartbeat body, additive: what the clawfleet plugin inside the gateway refused and spent today. */
export const GuardReport = z.strictObject({
  revision: z.number().int().min(0).max(1e9).describe("The policy revision the plugin enforces"),
  refusals: z.number().int().min(0).max(1e12).describe("Tool calls refused since the plugin started"),
  spendTodayUsd: z.number().min(0).max(1e9).describe("Spend the plugin counted today (UTC) from the gateway's own usage events"),
  lastRefusals: z
    .array(z.strictObject({ at: z.iso.datetime(), tool: z.string().max(100), reason: z.string().max(300) }))
    .max(10)
    .default([]),
});
export type GuardReport = z.infer<typeof GuardReport>;
