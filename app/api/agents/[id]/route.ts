import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AgentUpdateInput } from "@/lib/schemas/agents";
import { deleteAgent } from "@/lib/server/agents/delete";
import { getAgent } from "@/lib/server/agents/get";
import { updateAgent } from "@/lib/server/agents/update";

type Params = { id: string };

// GET /api/agents/[id] – one agent with its latest state
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ agent: await getAgent(ctx, id) }));

// PATCH /api/agents/[id] – edit, move to another fleet, pause or resume
export const PATCH = withSession<Params>(async (req, ctx, { id }) => json({ agent: await updateAgent(ctx, id, await parseBody(req, AgentUpdateInput)) }));

// DELETE /api/agents/[id] – delete the agent; its heartbeats are refused from then on
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteAgent(ctx, id);
  return noContent();
});
