import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AuditVerifyQuery } from "@/lib/schemas/audit";
import { verifyAudit } from "@/lib/server/audit/verify";

// GET /api/audit/verify – walks the team's hash-chained audit trail and names the first row that was changed or removed (owners)
export const GET = withSession(async (req, ctx) => json(await verifyAudit(ctx, parseQuery(req, AuditVerifyQuery).expectHead)));
