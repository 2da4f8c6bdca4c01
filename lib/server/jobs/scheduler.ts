import { JOBS, runJob, type JobName } from "./run-job";

const TICK_MS = 60_000;
const DELIVERY_MS = 5_000;
const FIRST_TICK_MS = 15_000;

const globalForScheduler = globalThis as typeof globalThis & { __fleetScheduler?: NodeJS.Timeout; __fleetDelivery?: NodeJS.Timeout };

/**
 * Self-hosted scheduling: every minute each job is offered to `runJob`, which runs it only when its
 * period has passed and no other instance holds it, so any number of instances run each job once.
 */
export function startScheduler(log: (line: string) => void = (line) => console.log(line)): void {
  if (globalForScheduler.__fleetScheduler) return;
  const tick = async () => {
    for (const job of Object.keys(JOBS) as JobName[]) {
      try {
        const outcome = await runJob(job);
        if (outcome.ran) log(`[jobs] ${job} in ${outcome.ms} ms: ${JSON.stringify(outcome.result)}`);
      } catch (error) {
        log(`[jobs] ${job} failed, retrying next minute: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const first = setTimeout(() => void tick(), FIRST_TICK_MS);
  first.unref();
  globalForScheduler.__fleetScheduler = setInterval(() => void tick(), TICK_MS);
  globalForScheduler.__fleetScheduler.unref();
  // Alert notifications: queued and sent every few seconds; rows are claimed with SKIP LOCKED, so
  // instances share the work instead of repeating it.
  let delivering = false;
  globalForScheduler.__fleetDelivery = setInterval(() => {
    if (delivering) return;
    delivering = true;
    void import("../alerts/dispatch")
      .then(({ deliveryTick }) => deliveryTick())
      .then((r) => (r.sent || r.failed || r.queued.triggers || r.queued.resolves) && log(`[alerts] ${JSON.stringify(r)}`))
      .catch((error: unknown) => log(`[alerts] delivery failed, retrying: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (delivering = false));
  }, DELIVERY_MS);
  globalForScheduler.__fleetDelivery.unref();
}

export function stopScheduler(): void {
  clearInterval(globalForScheduler.__fleetScheduler);
  clearInterval(globalForScheduler.__fleetDelivery);
  globalForScheduler.__fleetScheduler = undefined;
  globalForScheduler.__fleetDelivery = undefined;
}
