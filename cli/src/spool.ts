import { readFile, readdir, unlink } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { isErrnoError, isRecord } from "./guards";
import { isHeartbeatBody } from "./heartbeat-body";
import type { HeartbeatBody } from "./heartbeat-body";

export interface SpoolEntry {
  file: string;
  agentId: string;
  body: HeartbeatBody;
}

export const DEFAULT_MAX_SPOOL = 1000;

const NAME = /^\d{16}-[0-9a-f-]+\.json$/;

/**
 * Heartbeats that could not be sent, one JSON file each, named by seq so that a directory listing
 * is the sending order. Bounded: beyond `max` files the oldest are dropped.
 */
export class Spool {
  constructor(
    readonly dir: string,
    readonly max = DEFAULT_MAX_SPOOL,
  ) {}

  /** Stores one body; answers how many old ones were dropped to stay within the bound. */
  async add(agentId: string, body: HeartbeatBody): Promise<number> {
    const name = `${String(body.seq).padStart(16, "0")}-${agentId.toLowerCase().replace(/[^0-9a-f-]/g, "")}.json`;
    await writeFileAtomic(path.join(this.dir, name), JSON.stringify({ agentId, body }), { mode: 0o600, dirMode: 0o700 });
    const names = await this.names();
    const excess = names.slice(0, Math.max(0, names.length - this.max));
    await Promise.all(excess.map((n) => this.unlink(n)));
    return excess.length;
  }

  /** All stored bodies, oldest (lowest seq) first. Unreadable files are deleted. */
  async list(): Promise<SpoolEntry[]> {
    const entries: SpoolEntry[] = [];
    for (const name of await this.names()) {
      const entry = await this.read(name);
      if (entry) entries.push(entry);
      else await this.unlink(name);
    }
    return entries;
  }

  async remove(entry: SpoolEntry): Promise<void> {
    await this.unlink(entry.file);
  }

  async size(): Promise<number> {
    return (await this.names()).length;
  }

  private async names(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((n) => NAME.test(n)).sort();
    } catch (error) {
      if (isErrnoError(error, "ENOENT")) return [];
      throw error;
    }
  }

  private async read(name: string): Promise<SpoolEntry | null> {
    try {
      const data: unknown = JSON.parse(await readFile(path.join(this.dir, name), "utf8"));
      if (!isRecord(data) || typeof data.agentId !== "string" || !isHeartbeatBody(data.body)) return null;
      return { file: name, agentId: data.agentId, body: data.body };
    } catch {
      return null;
    }
  }

  private async unlink(name: string): Promise<void> {
    await unlink(path.join(this.dir, name)).catch((error: unknown) => {
      if (!isErrnoError(error, "ENOENT")) throw error;
    });
  }
}
