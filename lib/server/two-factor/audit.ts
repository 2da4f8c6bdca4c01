import type { Principal } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { audit, type AuditEvent } from "../audit/record";

export type PersonActor = Pick<Principal, "user" | "token" | "ip">;

/**
 * A change to a person's own sign-in (second factors, recovery codes) is recorded in every team
 * they belong to: each team's owners can see how its members sign in.
 */
export async function auditPerson(tx: Tx, actor: PersonActor, event: Omit<AuditEvent, "targetType" | "targetId">): Promise<void> {
  const teams = await tx<{ id: string }[]>`select team_id as id from memberships where user_id = ${actor.user.id} order by team_id`;
  for (const team of teams) {
    await audit(tx, { ...actor, team }, { ...event, targetType: "user", targetId: actor.user.id });
  }
}
