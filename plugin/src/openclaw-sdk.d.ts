// The one SDK import the plugin makes; the gateway's loader supplies the module at run time.
declare module "openclaw/plugin-sdk/plugin-entry" {
  export function definePluginEntry<E extends { id: string; name: string; description?: string }>(entry: E): E;
}

declare const CLAWFLEET_PLUGIN_VERSION: string;
