import type { Tx } from "@/lib/db/client";
import { EVENTS_CHANNEL } from "../events/notify";
import { alsoBroadcast } from "../realtime/broadcast";

/**
 * Marks the commands of bulk actions past their expiry that no agent acknowledged as expired, so an
 * agent that never came back neither keeps them open (they count against its limit of waiting
 * commands) nor runs them later, and tells the batch's viewers. Returns how many it expired.
 */
export async function expireBatchCommands(tx: Tx): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    with expired as (
      update commands c set status = 'expired', result_message = 'Expired before the agent acknowledged it'
      from batches b
      where c.batch_id = b.id and b.expires_at <= now() and c.status in ('pending', 'delivered')
      returning c.team_id, c.batch_id, c.agent_id
    ),
    notices as (
      select json_build_object('type', 'batch.changed', 'teamId', team_id, 'batchId', batch_id,
        'items', json_agg(json_build_object('agentId', agent_id, 'status', 'expired')))::text as payload
      from (select *, (row_number() over (partition by batch_id order by agent_id) - 1) / 500 as chunk from expired) e
      group by team_id, batch_id, chunk
    ),
    published as (select count(*) as n from (select pg_notify(${EVENTS_CHANNEL}, payload)${tx.unsafe(alsoBroadcast("payload"))} from notices) p)
    select (select count(*) from expired)::int as n from published`;
  return row?.n ?? 0;
}
