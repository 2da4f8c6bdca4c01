import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

export interface AtomicWriteOptions {
  /** File mode of the written file (default 0600). */
  mode?: number;
  /** Mode of directories created on the way (default 0700). */
  dirMode?: number;
  /** When false, fail with EEXIST instead of replacing an existing file. */
  overwrite?: boolean;
}

/**
 * Writes `data` to `file` so that readers see either the old or the new content, never a torn
 * one: a temporary file in the same directory is written, synced, then renamed (or hard-linked,
 * which refuses to replace, when overwrite is false).
 */
export async function writeFileAtomic(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const { mode = 0o600, dirMode = 0o700, overwrite = true } = options;
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: dirMode });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) await rename(temp, file);
    else await link(temp, file);
  } finally {
    if (!overwrite) await unlink(temp).catch(() => {});
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not supported everywhere (Windows), hence best effort.
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore
  }
}
