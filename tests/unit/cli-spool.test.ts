import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HeartbeatBody } from "@/cli/src/heartbeat-body";
import { Spool } from "@/cli/src/spool";

const AGENT = "11111111-1111-4111-8111-111111111111";
let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), "clawfleet-spool-")), "spool");
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

function body(seq: number): HeartbeatBody {
  return {
    seq,
    sentAt: new Date(1_800_000_000_000 + seq * 30_000).toISOString(),
    status: "ok",
    gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 1.5 },
    host: { hostname: "box-1", os: "linux", arch: "x64", uptimeS: 100 },
    metrics: { cpuPct: 1, memUsedPct: 2, load1: 0.1 },
    usage: [],
    policyVersion: 0,
    acks: [],
  };
}

describe("clawfleet spool", () => {
  it("drains oldest first, whatever order bodies were added in", async () => {
    const spool = new Spool(dir, 10);
    for (const seq of [3, 1, 12, 2]) await spool.add(AGENT, body(seq));
    expect((await spool.list()).map((e) => e.body.seq)).toEqual([1, 2, 3, 12]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it("is bounded: beyond max the oldest are dropped", async () => {
    const spool = new Spool(dir, 3);
    const dropped: number[] = [];
    for (let seq = 1; seq <= 5; seq += 1) dropped.push(await spool.add(AGENT, body(seq)));
    expect(dropped).toEqual([0, 0, 0, 1, 1]);
    expect(await spool.size()).toBe(3);
    expect((await spool.list()).map((e) => e.body.seq)).toEqual([3, 4, 5]);
  });

  it("survives re-opening, one JSON file per body, and removes entries once sent", async () => {
    const first = new Spool(dir, 100);
    for (let seq = 1; seq <= 4; seq += 1) await first.add(AGENT, body(seq));
    const files = await readdir(dir);
    expect(files).toHaveLength(4);
    for (const f of files) expect(f).toMatch(/\.json$/);

    const reopened = new Spool(dir, 100);
    const entries = await reopened.list();
    expect(entries.map((e) => e.body)).toEqual([1, 2, 3, 4].map(body));
    expect(entries.every((e) => e.agentId === AGENT)).toBe(true);
    const [oldest] = entries;
    if (!oldest) throw new Error("spool empty");
    await reopened.remove(oldest);
    expect((await new Spool(dir, 100).list()).map((e) => e.body.seq)).toEqual([2, 3, 4]);
  });

  it("shrinks to a lower bound on the next add and discards unreadable files", async () => {
    await new Spool(dir, 100).add(AGENT, body(1));
    await writeFile(path.join(dir, "0000000000000002-11111111-1111-4111-8111-111111111111.json"), "{torn");
    const spool = new Spool(dir, 2);
    for (let seq = 3; seq <= 6; seq += 1) await spool.add(AGENT, body(seq));
    expect((await spool.list()).map((e) => e.body.seq)).toEqual([5, 6]);
    const empty = new Spool(path.join(dir, "never-created"), 5);
    expect(await empty.size()).toBe(0);
    expect(await empty.list()).toEqual([]);
  });
});
