import { loadGatewayDevice } from "./gateway-device";
import { GatewayRpc } from "./gateway-rpc";
import { resolveGatewayToken } from "./gateway-token";
import type { ApplyDeps, PolicyGateway } from "./policy-apply";
import { installGatewayPlugin } from "./plugin-install";

// config.patch answers once the gateway has applied the write (plugin reloads included).
const WRITE_TIMEOUT_MS = 120_000;

type GatewayOptions = { gatewayUrl: string; configPath: string; version: string; openclawBin?: string };

/** A connection for writes (operator.admin: config.* requires it, and it covers sessions.patchMany). */
export async function adminGateway(options: GatewayOptions): Promise<PolicyGateway> {
  const token = await resolveGatewayToken({ gatewayUrl: options.gatewayUrl });
  if (token.token === null) throw new Error(token.reason);
  const device = await loadGatewayDevice(options.configPath);
  const rpc = await GatewayRpc.connect({ gatewayUrl: options.gatewayUrl, token: token.token, device, version: options.version, scopes: ["operator.admin"], timeoutMs: 15_000 });
  return { request: (method, params) => rpc.request(method, params, WRITE_TIMEOUT_MS), close: () => rpc.close() };
}

/** The gateway connection and plugin install a policy needs. */
export function policyDeps(options: GatewayOptions): ApplyDeps {
  return {
    gateway: () => adminGateway(options),
    installPlugin: () => installGatewayPlugin({ configPath: options.configPath, bin: options.openclawBin }),
  };
}
