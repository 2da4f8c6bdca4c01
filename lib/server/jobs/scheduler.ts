import { JOBS, runJob, type JobName } from "./run-job";

const TICK_MS = 60_000;
const FIRST_TICK_MS = 15_000;

const globalForScheduler = globalThis as typeof globalThis & { __fleetScheduler?: NodeJS.Timeout };

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
}

export function stopScheduler(): void {
  clearInterval(globalForScheduler.__fleetScheduler);
  globalForScheduler.__fleetScheduler = undefined;
}
