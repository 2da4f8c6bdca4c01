import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { mintRealtimeToken } from "@/lib/server/realtime/mint-token";

export const dynamic = "force-dynamic";

// GET /api/realtime/token – a short-lived Supabase Realtime token and the active team's topic (Supabase mode)
export const GET = withSession(async (_req, ctx) => json(await mintRealtimeToken(ctx)));
