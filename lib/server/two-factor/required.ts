import { AppError } from "@/lib/api/errors";
import { twoFactorMissing } from "./status";

export const SETUP_PATH = "/setup-two-factor";

/**
 * A signed-in person whose team requires two-factor, without it: 403 two_factor_required until they
 * set it up. API tokens are a credential of their own and are not asked (see the README).
 */
export async function assertTwoFactorSetUp(userId: string): Promise<void> {
  if (await twoFactorMissing(userId)) {
    throw new AppError("two_factor_required", `A team of yours requires two-factor sign-in: set it up at ${SETUP_PATH} first`);
  }
}
