import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { startTotp } from "@/lib/server/two-factor/totp-enrol";

// POST /api/me/two-factor/totp – start setting up an authenticator app: a new secret and its QR code
export const POST = withUser(async (_req, principal) => json({ enrolment: await startTotp(principal) }, 201), { beforeTwoFactor: true });
