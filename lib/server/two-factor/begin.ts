import { db } from "@/lib/db/client";
import { openPendingSignIn } from "./pending";
import { hasSecondFactor } from "./status";

/** After a correct password: a pending sign-in when the person has a second factor, else null (sign in now). */
export async function beginSecondFactor(userId: string, meta: { ip: string; userAgent: string }) {
  if (!(await hasSecondFactor(await db(), userId))) return null;
  return openPendingSignIn(userId, meta);
}
