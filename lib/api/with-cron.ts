import { createHash, timingSafeEqual } from "node:crypto";
import { AppError, toErrorResponse } from "@/lib/api/errors";
import { env } from "@/lib/env";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True when the header carries `Bearer <CRON_SECRET>`; compared in constant time (as digests of equal length). */
export function isCronAuthorized(authorization: string | null): boolean {
  const secret = env().CRON_SECRET;
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  if (!secret || !given) return false;
  return timingSafeEqual(digest(given), digest(secret));
}

/** For the scheduler's routes (Vercel Cron or anything that knows CRON_SECRET). */
export function withCron(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      if (!isCronAuthorized(req.headers.get("authorization"))) throw new AppError("unauthorized", "A valid Bearer CRON_SECRET is required");
      return await handler(req);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
