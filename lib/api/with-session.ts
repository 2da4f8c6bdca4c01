import { AppError, toErrorResponse } from "@/lib/api/errors";
import { authenticate, contextForTeam, resolveTeam, type Principal, type TeamContext } from "@/lib/auth/context";
import { SESSION_COOKIE, cookieIsSecure, isSameOrigin, isUnsafeMethod, serializeCookie } from "@/lib/auth/request";
import { env } from "@/lib/env";
import { enforceLimits } from "@/lib/rate-limit";
import { enforcePlanRate } from "@/lib/server/billing/limits";
import { assertTwoFactorSetUp } from "@/lib/server/two-factor/required";

type Params = Record<string, string>;
type RouteContext<P extends Params> = { params: Promise<P> };
type Handler<C, P extends Params> = (req: Request, ctx: C, params: P) => Promise<Response>;


async function principalFor(req: Request, { beforeTwoFactor = false } = {}): Promise<Principal> {
  const principal = await authenticate(req);
  if (principal.via === "session" && isUnsafeMethod(req.method) && !isSameOrigin(req)) {
    throw new AppError("forbidden", "Cross-origin request refused");
  }
  const who = principal.token ? `token:${principal.token.id}` : `user:${principal.user.id}`;
  await enforceLimits([{ key: `api:${who}`, rule: { limit: env().RATE_LIMIT_API_PER_MINUTE, windowS: 60 } }]);
  if (principal.via === "session" && !beforeTwoFactor) await assertTwoFactorSetUp(principal.user.id);
  return principal;
}

function finish(response: Response, req: Request, principal: Principal): Response {
  const renewed = principal.renewedSession;
  if (renewed) {
    const cookie = serializeCookie(SESSION_COOKIE, renewed.token, { maxAgeS: renewed.maxAgeS, secure: cookieIsSecure(req) });
    response.headers.append("Set-Cookie", cookie);
  }
  return response;
}

/** For people and their tokens, acting in one team (X-Team-Id, the team cookie, or their first team). */
export function withSession<P extends Params = Params>(handler: Handler<TeamContext, P>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const principal = await principalFor(req);
      const ctx = await resolveTeam(principal, req);
      await enforcePlanRate(ctx.team.id);
      return finish(await handler(req, ctx, await route.params), req, principal);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/**
 * For people acting on their own account, outside any one team (me, team list, invitations).
 * `beforeTwoFactor`: also for a person whose team requires two-factor they have not set up yet
 * (the routes that set it up).
 */
export function withUser<P extends Params = Params>(handler: Handler<Principal, P>, options: { beforeTwoFactor?: boolean } = {}) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const principal = await principalFor(req, options);
      return finish(await handler(req, principal, await route.params), req, principal);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** For /api/teams/[id]/...: the caller acting in the team named by the path, which they must belong to. */
export function withTeamPath<P extends Params & { id: string }>(handler: Handler<TeamContext, P>) {
  return withUser<P>(async (req, principal, params) => {
    const ctx = await contextForTeam(principal, params.id);
    await enforcePlanRate(ctx.team.id);
    return handler(req, ctx, params);
  });
}

/** For unauthenticated routes (sign-up, log-in, health): errors in the contract's shape, nothing else. */
export function withPublic<P extends Params = Params>(handler: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(req, await route.params);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
