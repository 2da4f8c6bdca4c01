import { AppError } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withPublic } from "@/lib/api/with-session";
import { clientIp, isSameOrigin, publicOrigin } from "@/lib/auth/request";
import { ForgotPasswordInput } from "@/lib/schemas/mail";
import { requestPasswordReset } from "@/lib/server/mail/forgot-password";

// POST /api/auth/forgot-password – mail a one-time reset link; the same answer, as fast, for any address
export const POST = withPublic(async (req) => {
  if (req.headers.has("origin") && !isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  const input = await parseBody(req, ForgotPasswordInput);
  return json(await requestPasswordReset(input.email, { ip: clientIp(req), origin: publicOrigin(req) }), 202);
});
