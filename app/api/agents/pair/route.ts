import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { clientIp } from "@/lib/auth/request";
import { env } from "@/lib/env";
import { enforceLimits } from "@/lib/rate-limit";
import { PairInput } from "@/lib/schemas/agents";
import { pairAgent } from "@/lib/server/agents/pairing";

// POST /api/agents/pair – the CLI exchanges a pairing code and its public key for the agent's identity
export const POST = withPublic(async (req) => {
  const ip = clientIp(req);
  await enforceLimits([{ key: `pair:address:${ip}`, rule: { limit: env().RATE_LIMIT_PAIRING_PER_HOUR, windowS: 3600 } }]);
  return json(await pairAgent(await parseBody(req, PairInput), ip));
});
