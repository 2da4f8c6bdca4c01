// `npm run user:reset-password -- <email>`: prints a one-time password reset link (30 minutes) for
// the account, for an operator whose owner is locked out. Same database as `npm run db:migrate`.
import { AppError } from "@/lib/api/errors";
import { createPool, resolveDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { RESET_TTL_MINUTES, createResetLinkForEmail } from "@/lib/server/accounts/reset-links";

async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email || process.argv.length > 3) {
    console.error("Usage: npm run user:reset-password -- <email>");
    return 1;
  }
  const settings = env();
  const origin = settings.APP_URL ? new URL(settings.APP_URL).origin : `http://127.0.0.1:${settings.PORT}`;
  const { url, embedded } = await resolveDatabase();
  const sql = createPool(url, 1);
  try {
    await migrate(sql);
    const link = await createResetLinkForEmail(sql, email, origin);
    console.log(`Password reset link for ${email} (single use, valid ${RESET_TTL_MINUTES} minutes, until ${link.expiresAt}):`);
    console.log(link.url);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      console.error(`${error.message}; nothing was changed.`);
      return 1;
    }
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
    if (embedded?.owned) await embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
