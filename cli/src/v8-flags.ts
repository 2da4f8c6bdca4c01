import nodeFlags from "../node-flags.json";

/**
 * Node.js flags the agent is started with (by the installer's `clawfleet` command and the service
 * units): V8's lite mode (no optimizing compiler, feedback allocated lazily) and a small young
 * generation trade speed the agent does not need for resident memory (bench/agent).
 */
export const NODE_FLAGS: readonly string[] = nodeFlags;
