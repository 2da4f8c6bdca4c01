import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { CommandCreateInput } from "@/lib/schemas/commands";
import { createCommand } from "@/lib/server/commands/create";
import { listCommands } from "@/lib/server/commands/list";

type Params = { id: string };

// GET /api/agents/[id]/commands – recent commands and their state
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ commands: await listCommands(ctx, id), nextCursor: null }));

// POST /api/agents/[id]/commands – queue restart, set_model or apply_config (maintainers and owners)
export const POST = withSession<Params>(async (req, ctx, { id }) => json({ command: await createCommand(ctx, id, await parseBody(req, CommandCreateInput)) }, 201));
