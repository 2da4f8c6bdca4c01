import { planLimit } from "@/lib/api/errors";
import { billingEnabled, LIMIT_LABELS, PLANS, type LimitName } from "@/lib/billing/plans";
import { db, type Sql, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { limit } from "@/lib/rate-limit";
import { teamPlan } from "./plan";

type CountedLimit = Extract<LimitName, "agents" | "members" | "alertChannels">;

/** How much of each counted limit a team uses now (pending invitations count as members when inviting). */
export async function countUsage(sql: Sql | Tx, teamId: string, what: CountedLimit, withPending = false): Promise<number> {
  const [row] =
    what === "agents" ? await sql<{ n: number }[]>`select count(*)::int as n from agents where team_id = ${teamId}`
    : what === "alertChannels" ? await sql<{ n: number }[]>`select count(*)::int as n from alert_channels where team_id = ${teamId}`
    : await sql<{ n: number }[]>`
        select ((select count(*) from memberships where team_id = ${teamId})
          + (case when ${withPending} then (select count(*) from invitations where team_id = ${teamId}
              and accepted_at is null and revoked_at is null and expires_at > now()) else 0 end))::int as n`;
  return row?.n ?? 0;
}

/**
 * Refuses one more agent, member or channel when the team's plan is full (402 plan_limit). Inside the
 * creating transaction, with the team row locked so that two requests cannot both take the last place.
 * What a team already has is never touched: a smaller plan only refuses new ones.
 */
export async function assertRoomFor(tx: Tx, teamId: string, what: CountedLimit, withPending = false): Promise<void> {
  if (!billingEnabled(env())) return;
  await tx`select 1 from teams where id = ${teamId} for no key update`;
  const { plan, limits } = await teamPlan(tx, teamId);
  const max = limits[what];
  if (max === null) return;
  const current = await countUsage(tx, teamId, what, withPending);
  if (current < max) return;
  const label = LIMIT_LABELS[what].toLowerCase();
  throw planLimit(`The ${PLANS[plan].name} plan allows ${max} ${label}; the team has ${current}. Upgrade the plan to add more.`, { limit: what, plan, max, current });
}

/** Refuses raising history retention above the plan's maximum (lowering it, or keeping it, is always allowed). */
export async function assertRetentionAllowed(tx: Tx, teamId: string, current: number, requested: number | undefined): Promise<void> {
  if (requested === undefined || requested <= current || !billingEnabled(env())) return;
  const { plan, limits } = await teamPlan(tx, teamId);
  const max = limits.historyRetentionDays;
  if (max === null || requested <= max) return;
  throw planLimit(`The ${PLANS[plan].name} plan keeps history for at most ${max} days.`, { limit: "historyRetentionDays", plan, max, current, requested });
}

/** Counts one API request against the team's per-minute plan limit (billing on only). */
export async function enforcePlanRate(teamId: string): Promise<void> {
  if (!billingEnabled(env())) return;
  const { plan, limits } = await teamPlan(await db(), teamId);
  const max = limits.apiRequestsPerMinute;
  if (max === null) return;
  const result = await limit(`plan-api:${teamId}`, { limit: max, windowS: 60 });
  if (result.success) return;
  const resetS = Math.max(1, Math.ceil(result.resetMs / 1000));
  throw planLimit(
    `The ${PLANS[plan].name} plan allows ${max} API requests per minute; try again in ${resetS} s or upgrade the plan.`,
    { limit: "apiRequestsPerMinute", plan, max, current: max },
    { "Retry-After": String(resetS), RateLimit: `limit=${max}, remaining=0, reset=${resetS}` },
  );
}
