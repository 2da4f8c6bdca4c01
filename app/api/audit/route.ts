import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AuditQuery } from "@/lib/schemas/audit";
import { listAudit } from "@/lib/server/audit/list";

// GET /api/audit – the team's audit trail, filtered by actor, action, target, text and time
export const GET = withSession(async (req, ctx) => json(await listAudit(ctx, parseQuery(req, AuditQuery))));
