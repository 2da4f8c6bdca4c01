import { z } from "zod";
import { Agent, AgentStatus } from "./agents";
import { Id } from "./common";

export const OverviewQuery = z.strictObject({ fleetId: Id.optional() });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

const Counts = z.record(AgentStatus, z.number().int());
export const AgentEvent = z.object({
  id: z.string(),
  agentId: Id,
  agentName: z.string(),
  fleetId: Id,
  from: z.string(),
  to: z.string(),
  at: z.string(),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

export const RegionCell = z.object({
  region: z.string().describe("Empty for agents without a region"),
  total: z.number().int(),
  counts: Counts,
  avgCpuPct: z.number().nullable(),
  maxCpuPct: z.number().nullable(),
  avgLoad1: z.number().nullable(),
});
export type RegionCell = z.infer<typeof RegionCell>;

export const Overview = z.object({
  total: z.number().int(),
  counts: Counts,
  attention: z.array(Agent).describe("Offline, stale and degraded agents, most urgent first"),
  regions: z.array(RegionCell),
  recentEvents: z.array(AgentEvent),
});
export type Overview = z.infer<typeof Overview>;
export const OverviewResponse = z.object({ overview: Overview });
export const AgentEventListResponse = z.object({ events: z.array(AgentEvent), nextCursor: z.null() });
