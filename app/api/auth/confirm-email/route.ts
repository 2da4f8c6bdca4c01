import { AppError } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { clientIp, isSameOrigin } from "@/lib/auth/request";
import { EmailConfirmInput } from "@/lib/schemas/mail";
import { confirmEmailChange } from "@/lib/server/mail/email-change";

// POST /api/auth/confirm-email – open an e-mail change's one-time link: the account takes the new address
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  const input = await parseBody(req, EmailConfirmInput);
  return json(await confirmEmailChange(input.token, { ip: clientIp(req) }));
});
