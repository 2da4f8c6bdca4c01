import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { StepUpInput } from "@/lib/schemas/two-factor";
import { disableTotp } from "@/lib/server/two-factor/totp-enrol";

// POST /api/me/two-factor/totp/disable – turn the app off (your password or a current code)
export const POST = withUser(async (req, principal) => {
  const input = await parseBody(req, StepUpInput);
  return json({ twoFactor: await disableTotp(principal, input) });
});
