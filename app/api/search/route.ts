import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { SearchQuery } from "@/lib/schemas/search";
import { search } from "@/lib/server/search/run";

// GET /api/search?q – agents and fleets by name, hostname, tag or region (the command palette)
export const GET = withSession(async (req, ctx) => json({ results: await search(ctx, parseQuery(req, SearchQuery)) }));
