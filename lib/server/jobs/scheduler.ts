import { JOBS, STALE_WATCH_MS, runJob, type JobName } from "./run-job";

const TICK_MS = 60_000;
const DELIVERY_MS = 1_000;
const FIRST_TICK_MS = 15_000;

type Timers = { tick?: NodeJS.Timeout; watch?: NodeJS.Timeout; delivery?: NodeJS.Timeout; stopped?: boolean };
const globalForScheduler = globalThis as typeof globalThis & { __fleetScheduler?: Timers };

/** Runs that said nothing new and are not logged: the budgets check, every minute, when no alert opened or resolved. */
const QUIET: Partial<Record<JobName, (result: unknown) => boolean>> = {
  budgets: (r) => typeof r === "object" && r !== null && "opened" in r && "resolved" in r && r.opened === 0 && r.resolved === 0,
};
export const worthLogging = (job: JobName, result: unknown) => !QUIET[job]?.(result);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `step` every `ms` after the previous run ended (never two at once), until stopped. */
function every(timers: Timers, key: "watch" | "delivery", ms: number, step: () => Promise<void>) {
  const loop = () => {
    timers[key] = setTimeout(() => {
      void step().finally(() => !timers.stopped && loop());
    }, ms);
    timers[key].unref();
  };
  loop();
}

/**
 * Self-hosted scheduling. Every few seconds the stale check looks at the agents whose deadline has
 * passed (an indexed read that finds nothing when all are on time); every second alert notices are
 * queued and sent; every minute the other jobs are offered to `runJob`. `runJob` runs a job only when
 * its period has passed and no other instance holds it, so any number of instances run each job
 * once, and delivery claims rows with SKIP LOCKED, so instances share it instead of repeating it.
 */
export function startScheduler(log: (line: string) => void = (line) => console.log(line)): void {
  if (globalForScheduler.__fleetScheduler) return;
  const timers: Timers = {};
  globalForScheduler.__fleetScheduler = timers;
  const slowJobs = (Object.keys(JOBS) as JobName[]).filter((job) => job !== "watch-stale");
  const tick = async () => {
    for (const job of slowJobs) {
      try {
        const outcome = await runJob(job);
        if (outcome.ran && worthLogging(job, outcome.result)) log(`[jobs] ${job} in ${outcome.ms} ms: ${JSON.stringify(outcome.result)}`);
      } catch (error) {
        log(`[jobs] ${job} failed, retrying next minute: ${message(error)}`);
      }
    }
  };
  timers.tick = setTimeout(function minute() {
    void tick();
    timers.tick = setTimeout(minute, TICK_MS);
    timers.tick.unref();
  }, FIRST_TICK_MS);
  timers.tick.unref();

  every(timers, "watch", STALE_WATCH_MS, async () => {
    try {
      const outcome = await runJob("watch-stale");
      const result = outcome.result as { stale: number; offline: number } | undefined;
      if (result && result.stale + result.offline > 0) log(`[jobs] watch-stale in ${outcome.ms} ms: ${JSON.stringify(result)}`);
    } catch (error) {
      log(`[jobs] watch-stale failed, retrying: ${message(error)}`);
    }
  });

  every(timers, "delivery", DELIVERY_MS, async () => {
    try {
      const { deliveryTick } = await import("../alerts/dispatch");
      const r = await deliveryTick();
      if (r.sent || r.failed || r.queued.triggers || r.queued.resolves) log(`[alerts] ${JSON.stringify(r)}`);
    } catch (error) {
      log(`[alerts] delivery failed, retrying: ${message(error)}`);
    }
    await deliverMailStep(log);
  });
}

/** Mail waiting in the outbox (queued with the change that caused it) goes out on the same beat as alert notices. */
async function deliverMailStep(log: (line: string) => void) {
  try {
    const { mailConfigured } = await import("@/lib/mail/transport");
    if (!mailConfigured()) return;
    const { deliverDueMail } = await import("../mail/outbox");
    const r = await deliverDueMail();
    if (r.sent || r.failed) log(`[mail] ${JSON.stringify(r)}`);
  } catch (error) {
    log(`[mail] delivery failed, retrying: ${message(error)}`);
  }
}

export function stopScheduler(): void {
  const timers = globalForScheduler.__fleetScheduler;
  if (!timers) return;
  timers.stopped = true;
  clearTimeout(timers.tick);
  clearTimeout(timers.watch);
  clearTimeout(timers.delivery);
  globalForScheduler.__fleetScheduler = undefined;
}
