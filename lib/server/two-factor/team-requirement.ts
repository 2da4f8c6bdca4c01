import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { audit } from "../audit/record";
import { hasSecondFactor } from "./status";

/** Whether the team requires every member to sign in with two-factor. */
export async function teamRequiresTwoFactor(teamId: string): Promise<boolean> {
  const sql = await db();
  const [row] = await sql<{ required: boolean }[]>`select require_two_factor as required from teams where id = ${teamId}`;
  return row?.required ?? false;
}

/**
 * Owners turn the requirement on or off; an owner turns it on only with a second factor of their
 * own, so the switch never locks its own author out. Members without one are led to set it up.
 */
export async function setTeamTwoFactor(ctx: TeamContext, required: boolean): Promise<boolean> {
  assertCan(ctx, "team:update");
  const sql = await db();
  await sql.begin(async (tx) => {
    const [before] = await tx<{ required: boolean }[]>`select require_two_factor as required from teams where id = ${ctx.team.id} for update`;
    if (required && !(await hasSecondFactor(tx, ctx.user.id))) {
      throw new AppError("conflict", "Set up two-factor for yourself first (an authenticator app or a passkey), then require it of the team");
    }
    if (before?.required === required) return;
    await tx`update teams set require_two_factor = ${required}, updated_at = now() where id = ${ctx.team.id}`;
    await audit(tx, ctx, { action: "team.two_factor_required", targetType: "team", targetId: ctx.team.id, before: { required: before?.required ?? false }, after: { required } });
  });
  return required;
}
