import { COMMON_HELP, parseCommandArgs, positiveInt } from "./cli-args";
import { resolveConfigPath } from "./config";
import { EXIT } from "./errors";
import type { ExitCode } from "./errors";
import { createLogger, printResult, silentLogger } from "./logger";
import { runLoop } from "./run-loop";
import { runOnce } from "./run-once";
import { DEFAULT_MAX_SPOOL } from "./spool";

export const RUN_HELP = `Usage: clawfleet run [--once] [--spool-dir DIR] [--max-spool N]

Sends a signed heartbeat every interval: gateway health and round-trip time, host CPU, memory,
memory pressure, disk I/O and load. Runs the commands the server sends back (restart, set_model)
and acknowledges them. Heartbeats that cannot be sent wait in an on-disk spool.

  --once          send one heartbeat (after the spool) and exit: 0 when accepted
  --spool-dir DIR where unsent heartbeats wait (default: spool/ next to the config file)
  --max-spool N   keep at most N unsent heartbeats, dropping the oldest (default ${DEFAULT_MAX_SPOOL})
${COMMON_HELP}

Environment: OPENCLAW_BIN, the openclaw binary used for commands (default: openclaw on the PATH).
Exit codes: 0 stopped or sent, 1 failure, 2 usage, 3 key revoked or agent deleted (re-pair).`;

export async function runCli(argv: string[]): Promise<ExitCode> {
  const values = parseCommandArgs(argv, {
    once: { type: "boolean", default: false },
    "spool-dir": { type: "string" },
    "max-spool": { type: "string" },
  } as const);
  if (values.help) {
    printResult(false, null, [RUN_HELP]);
    return EXIT.ok;
  }
  const options = {
    configPath: resolveConfigPath(values.config),
    spoolDir: values["spool-dir"],
    maxSpool: positiveInt(values["max-spool"], "--max-spool", DEFAULT_MAX_SPOOL),
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
