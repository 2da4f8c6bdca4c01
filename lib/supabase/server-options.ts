import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import WebSocket from "ws";

// supabase-js makes a Realtime client inside every client, and Node.js 20 has no WebSocket of its
// own; the auth clients on the server never open one, but a constructor must be there (ws's
// constructor takes what the browser's does, its types only differ in detail).
export const serverClientOptions = { realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor } };
