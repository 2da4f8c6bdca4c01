import { z } from "zod";
import { Id, printableAscii } from "./common";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const Day = z.string().regex(DAY, { message: "A UTC date, YYYY-MM-DD" }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: "Not a date" });

const CostFilters = z.strictObject({
  from: Day.optional().describe("First UTC day (default: the first day of the month before `to`'s)"),
  to: Day.optional().describe("Last UTC day (default: today)"),
  fleetId: Id.optional(),
  agentId: Id.optional(),
  provider: printableAscii(100).optional(),
  model: printableAscii(200).optional().describe("A model as reported (with `provider`, or alone)"),
});
const validRange = <T extends z.ZodType<{ from?: string; to?: string }>>(schema: T) =>
  schema
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`", path: ["from"] })
    .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: "At most 366 days", path: ["from"] });

export const CostQuery = validRange(CostFilters);
export type CostQuery = z.infer<typeof CostFilters>;

const Money = z.object({
  costUsd: z.number().describe("reportedUsd + estimatedUsd"),
  reportedUsd: z.number().describe("As the OpenClaw gateway priced the calls"),
  estimatedUsd: z.number().describe("Tokens × the catalogue's price in force that day (the team's own price first)"),
  unpricedCalls: z.number().int().describe("Calls nobody could price: neither the gateway nor the catalogue knows the model"),
  inputTokens: z.number(),
  outputTokens: z.number(),
  calls: z.number().int(),
});

export const CostDay = Money.extend({ day: z.string(), provider: z.string(), model: z.string() });
export const CostModel = Money.extend({ provider: z.string(), model: z.string() });
export const CostProvider = Money.extend({ provider: z.string() });
export const CostFleet = Money.extend({ fleetId: z.string(), name: z.string().nullable().describe("null: the fleet was deleted") });
export const CostAgent = Money.extend({ agentId: z.string(), fleetId: z.string(), name: z.string().nullable().describe("null: the agent was deleted") });

export const CostSummary = z.object({
  from: z.string(),
  to: z.string(),
  totals: Money,
  daily: z.array(CostDay).describe("Per UTC day, provider and model, oldest first"),
  byModel: z.array(CostModel),
  byProvider: z.array(CostProvider),
  byFleet: z.array(CostFleet),
  topAgents: z.array(CostAgent).describe("The ten costliest agents in the range"),
  month: z.object({
    month: z.string().describe("The current UTC month, YYYY-MM"),
    toDateUsd: z.number(),
    forecastUsd: z.number().describe("Month to date plus the last seven days' daily average for each day left"),
    daysElapsed: z.number().int(),
    daysInMonth: z.number().int(),
  }),
});
export const CostSummaryResponse = z.object({ costs: CostSummary });
export type CostSummary = z.infer<typeof CostSummary>;
export type CostMoney = z.infer<typeof Money>;

export const CostExportQuery = validRange(
  CostFilters.extend({ by: z.enum(["day", "agent"]).default("day").describe("day: one line per day, provider and model; agent: one line per agent") }),
);
