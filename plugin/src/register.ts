import { registerCommands } from "./commands";
import { refusalFor } from "./decide";
import { guardStateFile, sharedGuardState } from "./guard-state";
import type { PluginApi, ToolCallEvent, ToolDecision } from "./openclaw-api";
import { priceOutput } from "./pricing";
import { readSettings } from "./settings";

export const POLICY_ID = "fleet-policy";
export const STATUS_METHOD = "clawfleet.status";

/** Registers the guard with the gateway: called again with new settings whenever they change. */
export function registerGuard(api: PluginApi, stateFile = guardStateFile()): void {
  const settings = readSettings(api.pluginConfig);
  const state = sharedGuardState(stateFile);
  // Only the gateway's own refusals and spend write the state file: the openclaw CLI loads the plugin too.
  state.revision = settings.revision;

  const evaluate = (event: ToolCallEvent): ToolDecision | undefined => {
    const reason = refusalFor(event.toolName, settings, state.spendToday());
    if (reason === null) return undefined;
    state.refuse(event.toolName, reason);
    return { block: true, blockReason: reason };
  };
  // A trusted policy runs before every ordinary before_tool_call hook; older gateways get the hook.
  if (api.registerTrustedToolPolicy) api.registerTrustedToolPolicy({ id: POLICY_ID, description: "OpenClaw Fleet policy: denied tools, cost caps, daily spend cap", evaluate });
  else api.on("before_tool_call", evaluate, { priority: 1000 });

  api.on("llm_output", (event) => state.addSpend(priceOutput(api.config, event)));

  api.registerGatewayMethod(
    STATUS_METHOD,
    ({ respond }) => {
      const { unpricedToday: _unpriced, ...report } = state.report();
      respond(true, report);
    },
    { scope: "operator.read" },
  );

  api.registerCli(({ program }) => registerCommands(program, stateFile, settings.revision), {
    commands: ["clawfleet"],
    descriptors: [{ name: "clawfleet", description: "OpenClaw Fleet: the guard's report, and pairing this host", hasSubcommands: true }],
  });
}
