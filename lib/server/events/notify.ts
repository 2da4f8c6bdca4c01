import type { Tx } from "@/lib/db/client";

export const EVENTS_CHANNEL = "fleet_events";

export type StatusEvent = { teamId: string; agentId: string; fleetId: string; from: string; to: string };

/** Publishes a status change with pg_notify; delivered to listeners only if the transaction commits. */
export async function notifyStatus(tx: Tx, event: StatusEvent): Promise<void> {
  const payload = JSON.stringify({ type: "agent.status", ...event, at: new Date().toISOString() });
  await tx`select pg_notify(${EVENTS_CHANNEL}, ${payload})`;
}
