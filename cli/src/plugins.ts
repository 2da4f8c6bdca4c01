import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isErrnoError } from "./guards";
import { silentLogger } from "./logger";
import type { Logger } from "./logger";
import { PLUGIN_TIMEOUT_MS, execPlugin, pluginEnv } from "./plugins-exec";
import type { Env } from "./plugins-exec";
import { mergeResults, parsePluginOutput, withProblems } from "./plugins-output";
import type { CustomValue, PluginResult, PluginResults } from "./plugins-output";
import { clamp, printable } from "./text";

export type { CustomValue, PluginReport, PluginResults } from "./plugins-output";

export interface PluginsOptions {
  dir: string;
  /** Time between the starts of two rounds; read again after each round (the server may change it). */
  intervalMs: number | (() => number);
  timeoutMs?: number;
  env?: Readonly<Env>;
  log?: Logger;
}

export interface PluginRunner {
  /** The latest result of every plugin, merged; never waits for a run in progress. */
  latest(): PluginResults;
  /** Settles when the first round has finished (every plugin done or killed). */
  firstRound: Promise<void>;
  /** Stops the timer and kills the plugins still running. */
  stop(): void;
}

/** The server takes at most this many plugin reports per heartbeat. */
export const MAX_PLUGINS = 50;
/** A plugin may run an hour at most, whatever the option says (the server takes durations up to a day). */
const MAX_TIMEOUT_MS = 3_600_000;

export function defaultPluginsDir(configPath: string): string {
  return path.join(path.dirname(configPath), "plugins");
}

/** The plugins in `dir`, by name: executable files and `.mjs` modules (hidden files and the rest are ignored). */
export async function listPlugins(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isErrnoError(error, "ENOENT") || isErrnoError(error, "ENOTDIR")) return [];
    throw error;
  }
  const found = await Promise.all(
    names.filter((n) => !n.startsWith(".")).map(async (name) => {
      const info = await stat(path.join(dir, name)).catch(() => null);
      return info?.isFile() && (name.endsWith(".mjs") || (info.mode & 0o111) !== 0) ? name : null;
    }),
  );
  return found.filter((n): n is string => n !== null).sort();
}

/**
 * Runs every plugin of `dir` each interval, all at once and each in a child process with its
 * time-out, on a timer of its own: a heartbeat takes whatever results are there and never waits.
 * The directory is read again every round, so plugins can be added and removed while the agent runs.
 */
export function startPlugins(options: PluginsOptions): PluginRunner {
  const set = pluginSet(options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = async (): Promise<void> => {
    const started = performance.now();
    await set.round().catch((error: unknown) => options.log?.error("plugins", `plugin round failed: ${String(error)}`));
    if (set.stopped()) return;
    const interval = typeof options.intervalMs === "function" ? options.intervalMs() : options.intervalMs;
    timer = setTimeout(() => void loop(), Math.max(0, started + interval - performance.now()));
    timer.unref();
  };
  return {
    latest: set.latest,
    firstRound: loop(),
    stop: () => {
      set.stop();
      clearTimeout(timer);
    },
  };
}

/** One round of every plugin (for a single heartbeat): settles when each has finished or been killed. */
export async function runPluginsOnce(options: Omit<PluginsOptions, "intervalMs">): Promise<PluginResults> {
  const set = pluginSet(options);
  await set.round();
  return set.latest();
}

function pluginSet(options: Omit<PluginsOptions, "intervalMs">) {
  const { dir, log = silentLogger } = options;
  const timeoutMs = clamp(options.timeoutMs ?? PLUGIN_TIMEOUT_MS, 100, MAX_TIMEOUT_MS);
  const env = pluginEnv(options.env);
  const results = new Map<string, PluginResult>();
  const stopping = new AbortController();

  const runOne = async (name: string): Promise<void> => {
    const run = await execPlugin(path.join(dir, name), { timeoutMs, env, signal: stopping.signal });
    const parsed = run.ok ? parsePluginOutput(run.stdout) : { values: new Map<string, CustomValue>(), problems: [run.error] };
    if (stopping.signal.aborted) return;
    const report = withProblems({ name: printable(name, 100), ok: true, durationMs: run.durationMs }, parsed.problems);
    const before = results.get(name)?.report;
    if (report.error && report.error !== before?.error) log.warn("plugin_error", `plugin ${name}: ${report.error}`, { plugin: name });
    if (!report.error && before?.error) log.info("plugin_ok", `plugin ${name} ok again`, { plugin: name });
    results.set(name, { report, values: parsed.values });
  };
  const round = async (): Promise<void> => {
    const names = await listPlugins(dir).catch((error: unknown) => {
      log.error("plugins_dir", `cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    if (names.length > MAX_PLUGINS) log.warn("plugins_limit", `${names.length} plugins in ${dir}: only the first ${MAX_PLUGINS} run`);
    const running = names.slice(0, MAX_PLUGINS);
    for (const name of results.keys()) if (!running.includes(name)) results.delete(name);
    await Promise.all(running.map(runOne));
  };
  return {
    round,
    latest: () => mergeResults([...results.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r)),
    stopped: () => stopping.signal.aborted,
    stop: () => stopping.abort(),
  };
}
