import { db } from "@/lib/db/client";
import type { ChannelType } from "@/lib/schemas/alerts";
import { channelConfig } from "./channel-admin";
import type { AlertNotification } from "./channels/types";
import { isRetryable } from "./channels/deliver";
import { deliverToChannel } from "../mail/alert-channel";
import { queueNotifications } from "./queue";

const BATCH = 20;
const LEASE_S = 60;
const MAX_ATTEMPTS = 60;
const MAX_BACKOFF_S = 120;

/** Exponential backoff with full jitter, capped so a receiver back after an outage hears within two minutes. */
export function backoffSeconds(attempt: number, retryAfterS?: number, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_S, 5 * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(retryAfterS ?? 0, Math.round(jittered));
}

type Claimed = { id: string; channel_id: string; attempts: number; payload: AlertNotification; type: ChannelType; config_encrypted: string };

/**
 * Sends due notifications: each is leased (so a crashed sender's work is retried, never lost),
 * delivered, and its attempt logged; failures are retried with backoff until they succeed, fail
 * permanently (a 4xx the receiver means), or run out of attempts.
 */
export async function dispatchDue(): Promise<{ sent: number; failed: number; retrying: number }> {
  const sql = await db();
  const claimed = await sql<Claimed[]>`
    update notifications n set next_attempt_at = now() + make_interval(secs => ${LEASE_S})
    from alert_channels c
    where c.id = n.channel_id and n.id in (
      select id from notifications where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ${BATCH} for update skip locked)
    returning n.id, n.channel_id, n.attempts, n.payload, c.type, c.config_encrypted`;
  const counts = { sent: 0, failed: 0, retrying: 0 };
  await Promise.all(
    claimed.map(async (n) => {
      const started = performance.now();
      const result = await deliverToChannel(n.type, channelConfig({ id: n.channel_id, config_encrypted: n.config_encrypted }) as never, n.payload);
      const ms = Math.round(performance.now() - started);
      const attempts = n.attempts + 1;
      const retry = !result.ok && isRetryable(result) && attempts < MAX_ATTEMPTS;
      const status = result.ok ? "sent" : retry ? "pending" : "failed";
      await sql.begin(async (tx) => {
        await tx`insert into notification_attempts (notification_id, status_code, error, duration_ms) values (${n.id}, ${result.status}, ${result.error ?? null}, ${ms})`;
        await tx`
          update notifications set status = ${status}, attempts = ${attempts}, last_error = ${result.ok ? null : (result.error ?? `HTTP ${result.status}`)},
            sent_at = ${result.ok ? sql`now()` : null}, next_attempt_at = now() + make_interval(secs => ${retry ? backoffSeconds(attempts, result.retryAfterS) : 0})
          where id = ${n.id}`;
      });
      counts[result.ok ? "sent" : retry ? "retrying" : "failed"]++;
    }),
  );
  return counts;
}

/** One round of delivery: turn waiting alerts into notifications, then send what is due. */
export async function deliveryTick() {
  const sql = await db();
  const queued = await sql.begin((tx) => queueNotifications(tx));
  const sent = await dispatchDue();
  return { queued, ...sent };
}
