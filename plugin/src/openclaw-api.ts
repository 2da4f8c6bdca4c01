// The part of OpenClaw's plugin API (2026.9.6, OpenClawPluginApi) this plugin uses, as the
// gateway passes it; typed here so the plugin builds without the 800 MB gateway package.

export type ToolCallEvent = { toolName: string; params: Record<string, unknown>; runId?: string; toolCallId?: string };
export type ToolContext = { agentId?: string; sessionKey?: string; toolName?: string };
export type ToolDecision = { block: true; blockReason: string };

export type TokenUsage = { input?: number; output?: number; cacheRead?: number; cacheWrite?: number; total?: number };
/** `llm_output`: one per model attempt (a run's model calls until it settles), usage summed over them. */
export type LlmOutputEvent = { runId?: string; provider: string; model: string; usage?: TokenUsage; lastAssistant?: unknown };

export type RespondFn = (ok: boolean, payload?: unknown, error?: { code: string; message: string }) => void;
export type GatewayMethodHandler = (options: { params: Record<string, unknown>; respond: RespondFn }) => void | Promise<void>;

/** commander's Command, as far as plugin CLI registrars use it. */
export interface CliCommand {
  command(name: string): CliCommand;
  description(text: string): CliCommand;
  option(flags: string, description?: string): CliCommand;
  allowUnknownOption(allow?: boolean): CliCommand;
  allowExcessArguments(allow?: boolean): CliCommand;
  helpOption(flags: string | false): CliCommand;
  action(handler: (...args: unknown[]) => void | Promise<void>): CliCommand;
  readonly args: string[];
}

export interface PluginLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PluginApi {
  id: string;
  config: unknown;
  pluginConfig?: Record<string, unknown>;
  logger: PluginLogger;
  on(hook: "before_tool_call", handler: (event: ToolCallEvent, ctx: ToolContext) => ToolDecision | void, options?: { priority?: number }): void;
  on(hook: "llm_output", handler: (event: LlmOutputEvent, ctx: ToolContext) => void): void;
  registerTrustedToolPolicy?: (policy: { id: string; description: string; evaluate: (event: ToolCallEvent, ctx: ToolContext) => ToolDecision | void }) => void;
  registerGatewayMethod(method: string, handler: GatewayMethodHandler, options?: { scope?: string }): void;
  registerCli(
    registrar: (ctx: { program: CliCommand }) => void,
    options?: { commands?: string[]; descriptors?: { name: string; description: string; hasSubcommands: boolean }[] },
  ): void;
}
