import { currentHost, serviceRoot } from "./service-host";
import type { ServiceHost, ServiceScope } from "./service-host";
import { exists, managed, serviceRef } from "./service-install";
import { serviceState } from "./service-manager";

/** The `service` field of clawfleet status. */
export interface ServiceStatus {
  installed: boolean;
  manager: "systemd" | "launchd" | null;
  scope: ServiceScope | null;
  file: string | null;
  /** null when systemctl or launchctl could not be asked (missing, no bus). */
  running: boolean | null;
  /** systemd's ActiveState or launchd's state, "not installed", or why it is unknown. */
  state: string;
}

export interface ServiceStatusOptions {
  host?: ServiceHost;
  /** Default: $CLAWFLEET_SERVICE_ROOT, else "/". */
  root?: string;
}

/** Finds the user service, else the system one, and asks the service manager whether it runs. */
export async function serviceStatus(options: ServiceStatusOptions = {}): Promise<ServiceStatus> {
  const host = options.host ?? currentHost();
  const root = options.root ?? serviceRoot(undefined, host.env);
  const platform = host.platform;
  if (platform !== "linux" && platform !== "darwin") {
    return { installed: false, manager: null, scope: null, file: null, running: null, state: `no service support on ${platform}` };
  }
  for (const scope of ["user", "system"] as const) {
    const ref = serviceRef(platform, scope, root, host);
    if (!(await exists(ref.file))) continue;
    const { running, state } = await serviceState(managed(platform, { scope, root, host }, ref.file));
    return { installed: true, manager: ref.manager, scope, file: ref.file, running, state };
  }
  const manager = platform === "linux" ? "systemd" : "launchd";
  return { installed: false, manager, scope: null, file: null, running: false, state: "not installed" };
}
