import { AppError } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { clientIp, isSameOrigin } from "@/lib/auth/request";
import { PasswordResetInput } from "@/lib/schemas/account";
import { resetPassword } from "@/lib/server/accounts/reset-password";

// POST /api/auth/reset-password – set a new password with a one-time reset link; every session of the person ends
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  const input = await parseBody(req, PasswordResetInput);
  await resetPassword(input, { ip: clientIp(req) });
  return json({ ok: true });
});
