import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../helpers/process";
import { waitFor } from "./support";

// A production server process of our own (scripts/server.mjs) beside the end-to-end server, with
// the environment a spec gives it, on a port of its own; ready once /api/health answers.

export type Instance = { name: string; url: string; process: ChildProcess; log: string[] };

export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => log.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => log.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`instance ${name}`, async () => {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited: ${log.join("")}`);
    return (await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : undefined;
  }, 120_000);
  return { name, url, process: child, log };
}

export async function stopInstance(instance: Instance | undefined, signal: NodeJS.Signals = "SIGTERM") {
  const child = instance?.process;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid, signal);
  await exited;
}
