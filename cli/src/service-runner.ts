import { execFile } from "node:child_process";

/** How a systemctl or launchctl call ended; `missing` when the binary is not installed. */
export interface RunOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

/** Runs one service-manager command; injectable so tests never touch the machine's services. */
export type ServiceRunner = (file: string, args: readonly string[]) => Promise<RunOutcome>;

const TIMEOUT_MS = 60_000;

/** The real runner: execFile without a shell. Never throws. */
export const execRunner: ServiceRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr, missing: false });
      const missing = error.code === "ENOENT";
      const code = typeof error.code === "number" ? error.code : null;
      const why = missing ? "" : error.killed ? `timed out after ${TIMEOUT_MS / 1000} s` : error.message;
      resolve({ code, stdout, stderr: stderr || why, missing });
    });
  });

/** One clause saying why a call failed, e.g. "`systemctl --user daemon-reload` failed (exit 1: Failed to connect to bus)". */
export function failure(file: string, args: readonly string[], outcome: RunOutcome): string {
  if (outcome.missing) return `${file} was not found (is ${file === "systemctl" ? "systemd" : "launchd"} running on this host?)`;
  const detail = outcome.stderr.trim().split("\n").filter(Boolean).slice(-2).join(" ").slice(0, 300);
  const exit = outcome.code === null ? "no exit code" : `exit ${outcome.code}`;
  return `\`${[file, ...args].join(" ")}\` failed (${detail ? `${exit}: ${detail}` : exit})`;
}
