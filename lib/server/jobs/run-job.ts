import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { evaluateMetricRules } from "../alerts/evaluate-metrics";
import { rotateChannelSecrets } from "../alerts/rotate";
import { expireBatchCommands } from "../batches/expire";
import { evaluateBudgets } from "../budgets/evaluate";
import { rotateTeamSecrets } from "../secrets/rotate";
import { purgeMailOutbox } from "../mail/outbox";
import { checkStale } from "./check-stale";
import { dropRetired, purgeHistory } from "./purge";

// Self-hosted, `watch-stale` runs every few seconds, so an agent turns stale within seconds of its
// deadline; `check-stale` adds the sweep of threshold rules (heartbeats evaluate them as they arrive)
// and is what `/api/cron/check-stale` runs where a platform's cron is the only clock (Vercel).
export const STALE_WATCH_MS = 2_000;
export const JOBS = {
  "watch-stale": { everyMs: STALE_WATCH_MS, run: (tx: Tx) => checkStale(tx) },
  "check-stale": {
    everyMs: 5 * 60_000,
    run: async (tx: Tx) => ({ ...(await checkStale(tx)), thresholds: await evaluateMetricRules(tx), expiredCommands: await expireBatchCommands(tx) }),
  },
  budgets: { everyMs: 60_000, run: (tx: Tx) => evaluateBudgets(tx) },
  purge: { everyMs: 24 * 3_600_000, run: async (tx: Tx) => ({ ...(await purgeHistory(tx)), rotatedSecrets: (await rotateChannelSecrets(tx)) + (await rotateTeamSecrets(tx)), mailPurged: await purgeMailOutbox(tx) }) },
} satisfies Record<string, { everyMs: number; run: (tx: Tx) => Promise<unknown> }>;
export type JobName = keyof typeof JOBS;

export type JobOutcome = { job: JobName; ran: boolean; reason?: "running elsewhere" | "ran recently"; result?: unknown; ms: number };

const lockKey = (job: string) => createHash("sha256").update(`job:${job}`).digest().readBigInt64BE(0);

/**
 * Runs a job once across every instance: under a transaction-scoped advisory lock (a second caller
 * returns at once), and, unless forced, only when its period has passed since the last run anywhere.
 * The job's work and its record commit together.
 */
export async function runJob(job: JobName, { force = false } = {}): Promise<JobOutcome> {
  const started = performance.now();
  const sql = await db();
  const spec = JOBS[job];
  const outcome: JobOutcome = await sql.begin(async (tx) => {
    const [lock] = await tx<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(${lockKey(job).toString()}::bigint) as ok`;
    if (!lock?.ok) return { job, ran: false, reason: "running elsewhere" as const, ms: performance.now() - started };
    if (!force) {
      // Slightly less than the period, so a scheduler firing on time is never skipped by its own last run.
      const [recent] = await tx<{ recent: boolean }[]>`
        select last_started_at > now() - ${`${Math.floor(spec.everyMs * 0.9)} milliseconds`}::interval as recent from job_runs where job = ${job}`;
      if (recent?.recent) return { job, ran: false, reason: "ran recently" as const, ms: performance.now() - started };
    }
    await tx`
      insert into job_runs (job, last_started_at, runs) values (${job}, now(), 1)
      on conflict (job) do update set last_started_at = now(), runs = job_runs.runs + 1`;
    const result = await spec.run(tx);
    await tx`update job_runs set last_finished_at = clock_timestamp(), last_result = ${JSON.stringify(result)}::jsonb where job = ${job}`;
    return { job, ran: true, result, ms: Math.round(performance.now() - started) };
  });
  // Reclaiming the space of dropped history happens after the purge committed, outside its lock.
  if (job === "purge") await dropRetired(sql);
  return outcome;
}
