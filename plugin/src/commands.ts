import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { CliCommand } from "./openclaw-api";

/**
 * `openclaw clawfleet status [--json]`: what the guard refused and counted (from its state file,
 * which the gateway keeps current); `openclaw clawfleet pair …`: runs `clawfleet pair` with the
 * same arguments (the agent: $CLAWFLEET_BIN, else clawfleet on the PATH).
 */
export function registerCommands(program: CliCommand, stateFile: string, revision: number): void {
  const root = program.command("clawfleet").description("OpenClaw Fleet: the guard's report, and pairing this host (clawfleet)");
  root
    .command("status")
    .description("What the fleet guard refused and today's spend it counted")
    .option("--json", "print JSON")
    .action((options: unknown) => {
      const json = typeof options === "object" && options !== null && (options as Record<string, unknown>).json === true;
      process.stdout.write(`${statusText(stateFile, revision, json)}\n`);
    });
  root
    .command("pair")
    .description("Pair this host with OpenClaw Fleet (runs clawfleet pair with these arguments)")
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async (...args: unknown[]) => {
      const command = args.at(-1) as CliCommand;
      process.exitCode = await runAgent(["pair", ...command.args]);
    });
}

/** The guard's counts as the gateway last saved them, with the revision its settings now name. */
export function statusText(stateFile: string, revision: number, json: boolean): string {
  let report: Record<string, unknown> | null = null;
  try {
    report = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, unknown>;
  } catch {
    report = null;
  }
  report = { day: null, refusals: 0, spendTodayUsd: 0, lastRefusals: [], ...report, revision };
  if (json) return JSON.stringify(report);
  const refusals = Array.isArray(report.lastRefusals) ? (report.lastRefusals as { at: string; tool: string; reason: string }[]) : [];
  const lines = [
    `policy revision ${String(report.revision)}; ${String(report.refusals)} tool calls refused since the gateway started`,
    report.day ? `spend counted on ${String(report.day)} (UTC): $${String(report.spendTodayUsd)}` : "no spend or refusal counted yet",
    ...refusals.map((r) => `  ${r.at}  ${r.tool}: ${r.reason}`),
  ];
  return lines.join("\n");
}

function runAgent(args: string[]): Promise<number> {
  const bin = process.env.CLAWFLEET_BIN || "clawfleet";
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: "inherit" });
    child.on("error", (error) => {
      process.stderr.write(`clawfleet: cannot run ${bin} (${error.message}); install the agent from your Fleet server's /install.sh\n`);
      resolve(1);
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
