import { parseBody, parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AgentCreateInput, AgentListQuery } from "@/lib/schemas/agents";
import { createAgent } from "@/lib/server/agents/create";
import { listAgents } from "@/lib/server/agents/list";

// GET /api/agents – the team's agents (filters: fleetId, status, region, q; cursor pagination)
export const GET = withSession(async (req, ctx) => json(await listAgents(ctx, parseQuery(req, AgentListQuery))));

// POST /api/agents – register an agent in a fleet (maintainers and owners)
export const POST = withSession(async (req, ctx) => json({ agent: await createAgent(ctx, await parseBody(req, AgentCreateInput)) }, 201));
