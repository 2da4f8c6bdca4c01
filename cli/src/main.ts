import { wantsJson } from "./cli-args";
import { CliError, EXIT, describeError } from "./errors";
import type { ExitCode } from "./errors";
import { AGENT_VERSION } from "./version";

export const MAIN_HELP = `Usage: clawfleet <command> [options]

Reports an OpenClaw host to OpenClaw Fleet and carries out the fleet's commands.

Commands:
  pair               pair this host with an agent (clawfleet pair --url URL --code CODE)
  run                send heartbeats every interval (--once for one)
  status             show the pairing, the last heartbeat, the spool, the gateway and the service
  discover           list the OpenClaw gateways this host can find (loopback, openclaw, mDNS)
  install-service    run clawfleet as a service (systemd on Linux, launchd on macOS)
  uninstall-service  stop and remove that service

Run clawfleet <command> --help for its options, clawfleet --version for the version. Every command takes --json and --config PATH.
Exit codes: 0 success, 1 failure, 2 usage, 3 key revoked or agent deleted (re-pair),
4 service file written or removed but systemctl/launchctl missing or refused,
5 config file readable or writable by other users (chmod 600 it).`;

type Command = (argv: string[]) => Promise<ExitCode>;

// Each command's modules are loaded when it runs: `run` stays resident without the others'
// code and the built-ins they need (mDNS sockets, readline, DNS).
const COMMANDS: Record<string, () => Promise<Command>> = {
  pair: async () => (await import("./pair-command")).pairCli,
  run: async () => (await import("./run-command")).runCli,
  status: async () => (await import("./status-command")).statusCli,
  discover: async () => (await import("./discover-command")).discoverCli,
  "install-service": async () => (await import("./service-command")).installServiceCli,
  "uninstall-service": async () => (await import("./service-command")).uninstallServiceCli,
};

/** Runs the CLI for `argv` (without node and the script) and answers the exit code. */
export async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "version") {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${MAIN_HELP}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) return fail(new CliError(`unknown command "${name}" (try clawfleet --help)`, EXIT.usage, "usage"), wantsJson(rest));
  try {
    return await (await command())(rest);
  } catch (error) {
    return fail(error, wantsJson(rest));
  }
}

function fail(error: unknown, json: boolean): ExitCode {
  const known = error instanceof CliError;
  const message = known ? error.message : `unexpected error: ${describeError(error)}`;
  const code = known ? error.code : "internal";
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`clawfleet: ${message}\n`);
  if (!known && !json && error instanceof Error && process.env.CLAWFLEET_DEBUG) process.stderr.write(`${error.stack ?? ""}\n`);
  return known ? error.exitCode : EXIT.failure;
}
