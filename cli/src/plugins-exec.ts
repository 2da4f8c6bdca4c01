import type * as ChildProcesses from "node:child_process";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { nodeRequire } from "./builtin";

export const PLUGIN_TIMEOUT_MS = 5_000;
export const MAX_PLUGIN_OUTPUT = 64 * 1024;
const STDERR_TAIL = 2_048;

// Plugins are third-party code: they get the agent's environment without anything that looks like a
// secret (tokens, keys, passwords, credentials) and without the agent's own CLAWFLEET_* settings.
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH/i;
const AGENT_SETTING = /^CLAWFLEET_/i;

export type Env = Record<string, string | undefined>;

export function pluginEnv(env: Readonly<Env> = process.env): Env {
  const kept: Env = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SECRET_NAME.test(name) && !AGENT_SETTING.test(name)) kept[name] = value;
  }
  return kept;
}

export interface ExecPluginOptions {
  timeoutMs: number;
  env?: Env;
  maxOutput?: number;
  /** Aborting kills the plugin (the agent is stopping). */
  signal?: AbortSignal;
}

export type ExecResult = { ok: true; stdout: string; durationMs: number } | { ok: false; error: string; durationMs: number };

/** `.mjs` modules run under this Node.js; anything else runs as the executable it is. Never through a shell. */
export function pluginCommand(file: string): [string, string[]] {
  return file.endsWith(".mjs") ? [process.execPath, [file]] : [file, []];
}

/**
 * Runs one plugin and answers what it printed, or why it failed: a spawn error, a non-zero exit, a
 * signal, more than `maxOutput` bytes, or the time-out. Never throws. The plugin leads a process
 * group of its own, so the kill (SIGKILL) reaches whatever it started too.
 */
export function execPlugin(file: string, options: ExecPluginOptions): Promise<ExecResult> {
  const { timeoutMs, maxOutput = MAX_PLUGIN_OUTPUT, signal } = options;
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const full = path.resolve(file); // it runs in its own directory: a relative path would no longer lead to it
  const [command, args] = pluginCommand(full);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // (ProcessEnv as the app's types declare it requires NODE_ENV, which a plugin need not get.)
      const env = (options.env ?? pluginEnv()) as NodeJS.ProcessEnv;
      const { spawn } = nodeRequire("node:child_process") as typeof ChildProcesses;
      child = spawn(command, args, { shell: false, detached: true, cwd: path.dirname(full), env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    } catch (error) {
      return resolve({ ok: false, error: spawnError(error), durationMs: elapsed() });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = "";
    let failure: string | null = null;
    let settled = false;
    const finish = (result: ExecResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const kill = (reason: string) => {
      if (failure !== null) return;
      failure = reason;
      killGroup(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const onAbort = () => kill("stopped with the agent");
    const timer = setTimeout(() => kill(`timed out after ${timeoutMs / 1000} s (killed)`), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.stdout?.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) return kill(`printed more than ${Math.round(maxOutput / 1024)} KiB (killed)`);
      chunks.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    child.on("error", (error) => finish({ ok: false, error: spawnError(error), durationMs: elapsed() }));
    child.on("close", (code, sig) => {
      const durationMs = elapsed();
      if (failure !== null) return finish({ ok: false, error: failure, durationMs });
      const tail = stderr.trim().split("\n").slice(-3).join(" ");
      const why = sig ? `killed by ${sig}` : code !== 0 ? `exit code ${code}` : null;
      if (why) return finish({ ok: false, error: tail ? `${why}: ${tail}` : why, durationMs });
      finish({ ok: true, stdout: Buffer.concat(chunks).toString("utf8"), durationMs });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL"); // the group is already gone, or the platform has none
  }
}

function spawnError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "EACCES") return "cannot be run (permission denied)";
  if (code === "ENOENT") return "not found, or its interpreter (#! line) is missing";
  if (code === "ENOEXEC") return "not an executable format (add a #! line)";
  return error instanceof Error ? error.message : String(error);
}
