import { open, readFile, unlink } from "node:fs/promises";
import { CliError } from "./errors";
import { isErrnoError } from "./guards";

/**
 * One running agent per config file: two would interleave seqs and double-run commands.
 * The lock is `<config>.lock` holding the pid; a lock whose process is gone is taken over.
 */
const held = new Set<string>();

export async function acquireRunLock(configPath: string): Promise<() => Promise<void>> {
  const file = `${configPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(file);
      return () => release(file);
    } catch (error) {
      if (!isErrnoError(error, "EEXIST")) throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      // Our own pid in a lock we do not hold is a leftover from an earlier process (pid reuse).
      const busy = holder === process.pid ? held.has(file) : Number.isInteger(holder) && holder > 0 && isAlive(holder);
      if (busy) {
        throw new CliError(`another clawfleet run (pid ${holder}) is using ${configPath}`);
      }
      await unlink(file).catch(() => {});
    }
  }
  throw new CliError(`could not take the lock ${file}`);
}

async function release(file: string): Promise<void> {
  held.delete(file);
  const holder = await readFile(file, "utf8").catch(() => "");
  if (holder.trim() === String(process.pid)) await unlink(file).catch(() => {});
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    return isErrnoError(error, "EPERM");
  }
}
