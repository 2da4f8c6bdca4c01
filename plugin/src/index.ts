import { definePluginEntry } from "openclaw/plugin-sdk/plugin-entry";
import type { PluginApi } from "./openclaw-api";
import { registerGuard } from "./register";

export default definePluginEntry({
  id: "clawfleet",
  name: "OpenClaw Fleet guard",
  description: `Fleet policy guardrails for OpenClaw (clawfleet plugin ${CLAWFLEET_PLUGIN_VERSION})`,
  register: (api: PluginApi) => registerGuard(api),
});
