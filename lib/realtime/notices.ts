/** One live event as published for a team, before a transport carries it to browsers. */
export type TeamEvent = { type: string; teamId: string; data: Record<string, unknown> };

/**
 * A published notice (the JSON the database sends with pg_notify and, in Supabase mode, with
 * realtime.send) as the events browsers hear: a batch of heartbeat summaries becomes one
 * `agent.heartbeat` per agent; anything else passes as it is. Malformed notices give nothing.
 */
export function expandNotice(notice: unknown): TeamEvent[] {
  if (!notice || typeof notice !== "object") return [];
  const { type, teamId, ...rest } = notice as Record<string, unknown>;
  if (typeof type !== "string" || typeof teamId !== "string") return [];
  if (type === "agent.heartbeats" && Array.isArray(rest.items)) {
    return (rest.items as Record<string, unknown>[]).map((item) => ({ type: "agent.heartbeat", teamId, data: { ...item, teamId, at: rest.at } }));
  }
  return [{ type, teamId, data: { ...rest, teamId } }];
}
