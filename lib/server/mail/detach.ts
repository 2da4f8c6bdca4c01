import { after } from "next/server";

/**
 * Runs `task` after the response: through Next.js's `after` where a request is being served (on
 * Vercel it keeps the function alive until done), else simply without awaiting it. Failures are
 * logged by name only.
 */
export function detach(name: string, task: () => Promise<unknown>): void {
  const run = () => task().catch((e: unknown) => console.warn(`[mail] ${name} failed:`, e instanceof Error ? e.message : e));
  try {
    after(run);
  } catch {
    void run();
  }
}
