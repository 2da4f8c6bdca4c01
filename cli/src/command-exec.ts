import type * as ChildProcesses from "node:child_process";
import type { ExecFileException } from "node:child_process";
import { nodeRequire } from "./builtin";
import type { CommandAck } from "./config";
import { printable } from "./text";

/** A command as the heartbeat response delivers it. */
export interface AgentCommand {
  id: string;
  type: string;
  args: Record<string, unknown>;
}

export interface ExecOptions {
  /** The openclaw binary; default `$OPENCLAW_BIN`, else `openclaw` on the PATH. */
  bin?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export const COMMAND_TIMEOUT_MS = 60_000;

type Plan = { args: string[]; done: string; stdin?: string };

/** The argv (and input) to pass to openclaw for a command, or the reason it cannot be run. */
export function openclawArgs(command: AgentCommand): Plan | { error: string } {
  switch (command.type) {
    case "restart":
      return { args: ["gateway", "restart"], done: "restarted" };
    case "set_model": {
      const model = command.args.model;
      // A model ref never starts with "-": refusing that keeps it from being read as an option.
      if (typeof model !== "string" || !/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:@/-]+$/.test(model) || model.startsWith("-")) {
        return { error: "invalid args.model (expected provider/model)" };
      }
      return { args: ["models", "set", model], done: `model set to ${model}` };
    }
    case "apply_config": {
      // One validated write by openclaw itself: objects merge, scalars and arrays replace, null deletes.
      const config = command.args.config;
      if (typeof config !== "object" || config === null || Array.isArray(config)) return { error: "invalid args.config (expected an object)" };
      return { args: ["config", "patch", "--stdin"], stdin: JSON.stringify(config), done: "config applied" };
    }
    default:
      return { error: "unsupported command" };
  }
}

/** Runs one command through the openclaw CLI and answers its acknowledgement. Never throws. */
export async function executeCommand(command: AgentCommand, options: ExecOptions = {}): Promise<CommandAck> {
  const plan = openclawArgs(command);
  if ("error" in plan) return { commandId: command.id, status: "failed", message: plan.error };
  const env = options.env ?? process.env;
  const bin = options.bin ?? (env.OPENCLAW_BIN || "openclaw");
  const timeoutMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS;
  const outcome = await run(bin, plan, timeoutMs, env);
  if (outcome.ok) return { commandId: command.id, status: "done", message: plan.done };
  return { commandId: command.id, status: "failed", message: printable(outcome.message, 500) };
}

function run(bin: string, plan: Plan, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const { execFile } = nodeRequire("node:child_process") as typeof ChildProcesses;
    const child = execFile(bin, plan.args, { timeout: timeoutMs, env, maxBuffer: 1024 * 1024, windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ok: true });
      resolve({ ok: false, message: failureMessage(error, bin, stderr, timeoutMs) });
    });
    child.stdin?.on("error", () => {}); // a binary that exits without reading its input is reported above
    child.stdin?.end(plan.stdin ?? "");
  });
}

function failureMessage(error: ExecFileException, bin: string, stderr: string, timeoutMs: number): string {
  if (error.code === "ENOENT") return `${bin} not found (install openclaw or set OPENCLAW_BIN)`;
  if (error.killed === true) return `timed out after ${timeoutMs / 1000} s`;
  const tail = stderr.trim().split("\n").slice(-3).join(" ");
  const exit = typeof error.code === "number" ? `exit code ${error.code}` : error.message;
  return tail ? `${exit}: ${tail}` : exit;
}
