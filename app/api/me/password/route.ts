import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { PasswordChangeInput } from "@/lib/schemas/account";
import { changePassword } from "@/lib/server/accounts/change-password";

// POST /api/me/password – change your password (current one required); your other sessions end
export const POST = withUser(async (req, principal) => {
  const input = await parseBody(req, PasswordChangeInput);
  return json(await changePassword(principal, input));
});
