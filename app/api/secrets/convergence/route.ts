import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { SecretsConvergenceQuery } from "@/lib/schemas/secrets";
import { secretsConvergence } from "@/lib/server/secrets/convergence";

// GET /api/secrets/convergence?secretId – agents on their effective secrets version, pending, failed or without a key
export const GET = withSession(async (req, ctx) => json(await secretsConvergence(ctx, parseQuery(req, SecretsConvergenceQuery).secretId)));
