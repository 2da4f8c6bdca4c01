declare const CLAWFLEET_VERSION: string | undefined;

/** The agent's version: set by the build (cli/build.mjs); "dev" when run from the sources. */
export const AGENT_VERSION: string = typeof CLAWFLEET_VERSION === "string" ? CLAWFLEET_VERSION : "dev";
