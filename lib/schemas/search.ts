import { z } from "zod";
import { AgentStatus } from "./agents";
import { Id } from "./common";

export const SearchQuery = z.strictObject({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(20).default(8) });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchResults = z.object({
  agents: z.array(z.object({ id: Id, name: z.string(), status: AgentStatus, region: z.string(), tags: z.array(z.string()), fleetId: Id, hostname: z.string() })),
  fleets: z.array(z.object({ id: Id, name: z.string(), agentCount: z.number().int() })),
});
export type SearchResults = z.infer<typeof SearchResults>;
export const SearchResponse = z.object({ results: SearchResults });
