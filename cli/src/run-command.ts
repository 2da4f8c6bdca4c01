import { COMMON_HELP, parseCommandArgs, positiveInt } from "./cli-args";
import { resolveConfigPath } from "./config";
import { EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { createLogger, printResult, silentLogger } from "./logger";
import { PLUGIN_TIMEOUT_MS } from "./plugins-exec";
import { runLoop } from "./run-loop";
import { runOnce } from "./run-once";
import { DEFAULT_MAX_SPOOL } from "./spool";

export const RUN_HELP = `Usage: clawfleet run [--once] [--spool-dir DIR] [--max-spool N] [--plugins-dir DIR] [--plugin-timeout S] [--no-usage]

Sends a signed heartbeat every interval: gateway health and round-trip time, host CPU, memory,
memory pressure, disk I/O and load, and the gateway's own token usage and cost per model (read
over its WebSocket protocol with read scope). Runs the commands the server sends back (restart,
set_model) and acknowledges them. Heartbeats that cannot be sent wait in an on-disk spool.

  --once          send one heartbeat (after the spool) and exit: 0 when accepted
  --spool-dir DIR where unsent heartbeats wait (default: spool/ next to the config file)
  --max-spool N   keep at most N unsent heartbeats, dropping the oldest (default ${DEFAULT_MAX_SPOOL})
  --plugins-dir DIR
                  custom metric plugins, run every interval: executables and .mjs modules that
                  print {"metrics": {...}} or Prometheus text (default: plugins/ next to the config file)
  --plugin-timeout S
                  kill a plugin still running after S seconds (default ${PLUGIN_TIMEOUT_MS / 1000})
  --no-usage      do not read the gateway's usage and cost
${COMMON_HELP}

Environment: OPENCLAW_BIN, the openclaw binary used for commands (default: openclaw on the PATH);
OPENCLAW_GATEWAY_TOKEN, the gateway's token for reading usage (default: gateway.auth.token from
$OPENCLAW_CONFIG_PATH or ~/.openclaw/openclaw.json, for a gateway on this host).
Exit codes: 0 stopped or sent, 1 failure, 2 usage, 3 key revoked or agent deleted (re-pair),
5 config file readable or writable by other users (chmod 600 it).`;

export async function runCli(argv: string[]): Promise<ExitCode> {
  const values = parseCommandArgs(argv, {
    once: { type: "boolean", default: false },
    "spool-dir": { type: "string" },
    "max-spool": { type: "string" },
    "plugins-dir": { type: "string" },
    "plugin-timeout": { type: "string" },
    "no-usage": { type: "boolean", default: false },
  } as const);
  if (values.help) {
    printResult(false, null, [RUN_HELP]);
    return EXIT.ok;
  }
  const options = {
    configPath: resolveConfigPath(values.config),
    spoolDir: values["spool-dir"],
    maxSpool: positiveInt(values["max-spool"], "--max-spool", DEFAULT_MAX_SPOOL),
    pluginsDir: values["plugins-dir"],
    pluginTimeoutMs: positiveInt(values["plugin-timeout"], "--plugin-timeout", PLUGIN_TIMEOUT_MS / 1000) * 1000,
    usage: !values["no-usage"],
  };
  if (values.once) {
    // With --json the result object is the whole output.
    const result = await runOnce({ ...options, log: values.json ? silentLogger : createLogger(false) });
    if (values.json) printResult(true, result, []);
    if (result.ok) return EXIT.ok;
    return result.outcome === "unauthorized" ? EXIT.unauthorized : EXIT.failure;
  }
  const log = createLogger(values.json);
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    log.info("stopping", `${name}: stopping after the heartbeat in progress (repeat to quit at once)`);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    return await runLoop({ ...options, log, signal: controller.signal });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
