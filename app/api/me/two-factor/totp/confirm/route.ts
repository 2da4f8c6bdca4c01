import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { TotpConfirmInput } from "@/lib/schemas/two-factor";
import { confirmTotp } from "@/lib/server/two-factor/totp-enrol";

// POST /api/me/two-factor/totp/confirm – turn the app on with a code from it; answers recovery codes, once
export const POST = withUser(async (req, principal) => {
  const { code } = await parseBody(req, TotpConfirmInput);
  return json({ recoveryCodes: await confirmTotp(principal, code) });
}, { beforeTwoFactor: true });
