import { loadGatewayDevice } from "./gateway-device";
import { GatewayRpc } from "./gateway-rpc";
import { resolveGatewayToken } from "./gateway-token";
import type { ApplyDeps } from "./policy-apply";
import { installGatewayPlugin } from "./plugin-install";

// config.patch answers once the gateway has applied the write (plugin reloads included).
const WRITE_TIMEOUT_MS = 120_000;

/** The gateway connection and plugin install a policy needs: operator.admin (config.* requires it). */
export function policyDeps(options: { gatewayUrl: string; configPath: string; version: string; openclawBin?: string }): ApplyDeps {
  return {
    gateway: async () => {
      const token = await resolveGatewayToken({ gatewayUrl: options.gatewayUrl });
      if (token.token === null) throw new Error(token.reason);
      const device = await loadGatewayDevice(options.configPath);
      const rpc = await GatewayRpc.connect({ gatewayUrl: options.gatewayUrl, token: token.token, device, version: options.version, scopes: ["operator.admin"], timeoutMs: 15_000 });
      return { request: (method, params) => rpc.request(method, params, WRITE_TIMEOUT_MS), close: () => rpc.close() };
    },
    installPlugin: () => installGatewayPlugin({ configPath: options.configPath, bin: options.openclawBin }),
  };
}
