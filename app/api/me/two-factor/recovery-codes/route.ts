import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { StepUpInput } from "@/lib/schemas/two-factor";
import { regenerateRecoveryCodes } from "@/lib/server/two-factor/totp-enrol";

// POST /api/me/two-factor/recovery-codes – ten new recovery codes in place of the old (your password or a current code)
export const POST = withUser(async (req, principal) => {
  const input = await parseBody(req, StepUpInput);
  return json({ recoveryCodes: await regenerateRecoveryCodes(principal, input) });
});
