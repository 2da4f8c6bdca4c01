import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { RotationPreviewInput } from "@/lib/schemas/rotations";
import { planRotation, targetWrite } from "./plan";

/** What rotating would do, writing nothing: the agents it covers, the policies it would write, what would refuse it. */
export async function previewRotation(ctx: TeamContext, input: RotationPreviewInput) {
  assertCan(ctx, "policy:read");
  const sql = await db();
  // A transaction only because resolving a selection locks its rows; it writes nothing.
  const plan = await sql.begin((tx) => planRotation(tx, ctx, input, false));
  return { agents: plan.agents.length, scopeLabel: plan.scopeLabel, policies: plan.targets.map(targetWrite), problems: plan.problems };
}
