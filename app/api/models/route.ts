import { parseBody, parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { ModelListQuery, ModelUpdateInput } from "@/lib/schemas/prices";
import { listModels } from "@/lib/server/prices/list-models";
import { updateModel } from "@/lib/server/prices/update-model";

// GET /api/models – the price catalogue as the team sees it, with today's price of each model
export const GET = withSession(async (req, ctx) => json(await listModels(ctx, parseQuery(req, ModelListQuery))));

// PATCH /api/models – set a model's capability tier or mark it unavailable for the team (maintainers and owners)
export const PATCH = withSession(async (req, ctx) => json(await updateModel(ctx, await parseBody(req, ModelUpdateInput))));
