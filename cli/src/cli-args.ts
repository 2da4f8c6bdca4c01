import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { usageError } from "./errors";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: "boolean", default: false },
  config: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const COMMON_HELP = `  --config PATH   agent config file (default $CLAWFLEET_CONFIG, else ~/.config/clawfleet/agent.json)
  --json          machine-readable output (one JSON object; one per line for run)
  -h, --help      this help`;

/** parseArgs with the common options added; unknown options and stray arguments are usage errors (exit 2). */
export function parseCommandArgs<T extends OptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

/** True when --json appears anywhere, so that even argument errors come out as JSON. */
export function wantsJson(argv: string[]): boolean {
  return argv.includes("--json");
}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw usageError(`${flag} is required`);
  return value.trim();
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw usageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** A duration in seconds, fractions allowed, in (0, max]. */
export function positiveSeconds(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw usageError(`${flag} must be a number of seconds above 0 and at most ${max}, got "${value}"`);
  return n;
}

export function tcpPort(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw usageError(`${flag} must be a TCP port (1-65535), got "${value}"`);
  return n;
}

/** An absolute http(s) URL without a trailing slash, query or fragment. */
export function httpUrl(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${flag} must be a URL such as https://fleet.example.com, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`${flag} must use http or https`);
  if (url.username || url.password) throw usageError(`${flag} must not contain credentials`);
  if (url.search || url.hash) throw usageError(`${flag} must not contain a query or fragment`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}
