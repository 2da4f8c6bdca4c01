import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { publicOrigin } from "@/lib/auth/request";
import { EmailChangeInput } from "@/lib/schemas/mail";
import { requestEmailChange } from "@/lib/server/mail/email-change";

// POST /api/me/email – ask to change your e-mail address (current password required); it changes once the link sent to the new address is opened
export const POST = withUser(async (req, principal) => {
  const input = await parseBody(req, EmailChangeInput);
  return json({ emailChange: await requestEmailChange(principal, input, publicOrigin(req)) }, 201);
});
