import { z } from "zod";
import { Id, label } from "./common";

export const MAX_BUDGET_USD = 10_000_000;

const Amount = z
  .number({ message: "An amount in USD" })
  .finite()
  .gt(0, { message: "A budget must be more than $0" })
  .max(MAX_BUDGET_USD, { message: "At most $10,000,000 a month" })
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: "At most two decimals (cents)" });
const Thresholds = z
  .array(z.number().int().min(1, { message: "A threshold is 1 to 1000 %" }).max(1000, { message: "A threshold is 1 to 1000 %" }))
  .max(10)
  .refine((t) => new Set(t).size === t.length, { message: "Each threshold once" })
  .transform((t) => [...t].sort((a, b) => a - b))
  .describe("Percentages of the amount at which to alert, once each per month");
const Scope = z
  .strictObject({ type: z.enum(["team", "fleet", "agent"]), id: Id.nullable().default(null).describe("The fleet or agent (null for the team)") })
  .refine((s) => (s.type === "team") === (s.id === null), { message: "A team budget names no id; a fleet or agent budget names its fleet or agent", path: ["id"] });

const fields = {
  name: label(100),
  scope: Scope.default({ type: "team", id: null }),
  amountUsd: Amount.describe("The monthly budget in USD (UTC calendar months)"),
  thresholds: Thresholds.default([50, 80, 100]),
  forecastAlert: z.boolean().default(true).describe("Also alert, once a month, when the forecast says the month will end over budget"),
  channelIds: z.array(Id).max(20).default([]),
  severity: z.enum(["critical", "warning", "info"]).default("warning"),
  squelchMinutes: z.number().int().min(0).max(10080).default(0).describe("At most one notification per N minutes for this budget"),
};
export const BudgetCreateInput = z.strictObject(fields);
export type BudgetCreateInput = z.infer<typeof BudgetCreateInput>;
// An update names what changes; the scope stays (a budget for something else is another budget).
export const BudgetUpdateInput = z
  .strictObject({
    name: fields.name, amountUsd: fields.amountUsd, thresholds: Thresholds, forecastAlert: z.boolean(), channelIds: fields.channelIds.unwrap(),
    severity: fields.severity.unwrap(), squelchMinutes: fields.squelchMinutes.unwrap(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change" });
export type BudgetUpdateInput = z.infer<typeof BudgetUpdateInput>;

export const BudgetMonth = z.object({
  month: z.string().describe("The current UTC month, YYYY-MM"),
  spentUsd: z.number(),
  forecastUsd: z.number().describe("Spent so far + the last 7 days' daily average × days left"),
  percent: z.number().describe("spentUsd as a percentage of the amount"),
  daysElapsed: z.number().int(),
  daysInMonth: z.number().int(),
});
export const Budget = z
  .object({
    id: Id,
    name: z.string(),
    scope: z.object({ type: z.enum(["team", "fleet", "agent"]), id: Id.nullable(), name: z.string().nullable().describe("The fleet's or agent's name (null: the team, or deleted)") }),
    amountUsd: z.number(),
    thresholds: z.array(z.number().int()),
    forecastAlert: z.boolean(),
    channelIds: z.array(Id),
    severity: z.string(),
    squelchMinutes: z.number().int(),
    ruleId: Id.describe("The alert rule its alerts belong to"),
    month: BudgetMonth,
    fired: z.array(z.string()).describe("What alerted this month: thresholds as numbers in text, and 'forecast'"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Budget" });
export type Budget = z.infer<typeof Budget>;
export const BudgetResponse = z.object({ budget: Budget });
export const BudgetListResponse = z.object({ budgets: z.array(Budget), nextCursor: z.null() });
