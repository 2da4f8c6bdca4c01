import { createRequire } from "node:module";

/**
 * Node's `require`, for built-ins loaded at their first use rather than at start: node:https and
 * node:child_process stay unloaded in an agent that never needs them. (Node 22+ gives node:http
 * lazy WebSocket getters that an ES import evaluates, loading undici; `require` leaves them alone.)
 */
export const nodeRequire = createRequire(import.meta.url);
