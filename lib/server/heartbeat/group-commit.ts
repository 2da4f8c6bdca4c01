import { db } from "@/lib/db/client";
import { writeBatch, type Outcome, type Pending } from "./write-batch";

type Waiting = Pending & { resolve: (o: Outcome) => void; reject: (e: unknown) => void };

const MAX_BATCH = 400;
const MAX_PARALLEL = 3;
const JTI_SWEEP_MS = 60_000;

/**
 * Group commit: heartbeats arriving while a transaction is open wait and go together in the next
 * one, so a thousand concurrent agents cost a few transactions, not a thousand connections. Each
 * caller's promise settles only after the transaction holding its heartbeat has committed.
 */
class GroupCommitter {
  private queue: Waiting[] = [];
  private inFlight = new Set<string>();
  private running = 0;
  private lastSweep = Date.now();

  submit(item: Pending): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.running < MAX_PARALLEL && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.running++;
      void this.flush(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** Up to MAX_BATCH items, one per agent, none for an agent whose previous heartbeat is still being written. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const agents = new Set<string>();
    for (const item of this.queue) {
      const id = item.agent.agentId;
      if (batch.length < MAX_BATCH && !agents.has(id) && !this.inFlight.has(id)) {
        agents.add(id);
        batch.push(item);
      } else rest.push(item);
    }
    this.queue = rest;
    for (const id of agents) this.inFlight.add(id);
    return batch;
  }

  private async flush(batch: Waiting[]) {
    try {
      const sql = await db();
      const outcomes = await writeBatch(sql, batch);
      for (const item of batch) item.resolve(outcomes.get(item.agent.agentId) ?? { kind: "gone" });
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      for (const item of batch) this.inFlight.delete(item.agent.agentId);
    }
    if (Date.now() - this.lastSweep > JTI_SWEEP_MS) {
      this.lastSweep = Date.now();
      // A jti only needs remembering until its token expires: after that the token is refused anyway.
      const sql = await db();
      await sql`delete from used_jtis where expires_at < now() - interval '1 minute'`.catch(() => {});
    }
  }
}

const globalForCommit = globalThis as typeof globalThis & { __heartbeatCommitter?: GroupCommitter };

export function commitHeartbeat(item: Pending): Promise<Outcome> {
  globalForCommit.__heartbeatCommitter ??= new GroupCommitter();
  return globalForCommit.__heartbeatCommitter.submit(item);
}
