import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { db, type Sql, type Tx } from "@/lib/db/client";
import { sendMail, type Mail } from "@/lib/mail/transport";
import { backoffSeconds } from "../alerts/dispatch";

const BATCH = 20;
const LEASE_S = 60;
const MAX_ATTEMPTS = 30;
const aad = (id: string) => `mail_outbox:${id}`;

/**
 * Queues a mail in the caller's transaction: it goes out only if the change that caused it commits,
 * and survives a crash or an SMTP outage (the scheduler retries it). The content holds one-time
 * links, so it is encrypted at rest and cleared once sent. Call `kickMail()` after the commit.
 */
export async function queueMail(tx: Tx | Sql, kind: string, mail: Mail): Promise<void> {
  const [{ id } = { id: "" }] = await tx<{ id: string }[]>`select gen_random_uuid() as id`;
  await tx`insert into mail_outbox (id, kind, recipient, content_encrypted) values (${id}, ${kind}, ${mail.to}, ${encryptSecret(JSON.stringify(mail), aad(id))})`;
}

/** Forgets delivered and abandoned mail after 30 days (their content was already cleared); run with the nightly purge. */
export async function purgeMailOutbox(tx: Tx): Promise<number> {
  const gone = await tx`delete from mail_outbox where status <> 'pending' and created_at < now() - interval '30 days'`;
  return gone.count;
}

type Claimed = { id: string; kind: string; attempts: number; content_encrypted: string };

/** Sends due mail: each row leased (a crashed sender's mail is retried), sent, then marked; failures back off and retry. */
export async function deliverDueMail(): Promise<{ sent: number; failed: number; retrying: number }> {
  const sql = await db();
  const claimed = await sql<Claimed[]>`
    update mail_outbox set next_attempt_at = now() + make_interval(secs => ${LEASE_S})
    where id in (select id from mail_outbox where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ${BATCH} for update skip locked)
    returning id, kind, attempts, content_encrypted`;
  const counts = { sent: 0, failed: 0, retrying: 0 };
  await Promise.all(
    claimed.map(async (m) => {
      let error: string | null = null;
      try {
        await sendMail(JSON.parse(decryptSecret(m.content_encrypted, aad(m.id))) as Mail);
      } catch (e) {
        // Only the SMTP server's answer is kept: the mail's content (its links) never reaches a log.
        error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      }
      const attempts = m.attempts + 1;
      const retry = error !== null && attempts < MAX_ATTEMPTS;
      const status = error === null ? "sent" : retry ? "pending" : "failed";
      await sql`
        update mail_outbox set status = ${status}, attempts = ${attempts}, last_error = ${error},
          content_encrypted = ${status === "pending" ? m.content_encrypted : null}, sent_at = ${error === null ? sql`now()` : null},
          next_attempt_at = now() + make_interval(secs => ${retry ? backoffSeconds(attempts) : 0})
        where id = ${m.id}`;
      counts[error === null ? "sent" : retry ? "retrying" : "failed"]++;
    }),
  );
  return counts;
}

const kick = { running: false, again: false };

/** Delivers what was just queued, without holding up the request that queued it; the scheduler catches anything missed. */
export function kickMail(): void {
  if (kick.running) {
    kick.again = true;
    return;
  }
  kick.running = true;
  void deliverDueMail()
    .catch((e: unknown) => console.warn("[mail] delivery failed, retrying later:", e instanceof Error ? e.message : e))
    .finally(() => {
      kick.running = false;
      if (kick.again) {
        kick.again = false;
        kickMail();
      }
    });
}
