import { createServer } from "node:net";

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/**
 * A port for a real OpenClaw gateway that no other run on this machine is likely to hold: a random
 * base in 20000–59999, away from the fixed ports other specs use (18789, 18795), with the base and
 * the gateway's derived browser-control port (base + 2) both free right now.
 */
export async function freeGatewayPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 120 * Math.floor(Math.random() * 333);
    if ((await canListen(base)) && (await canListen(base + 2))) return base;
  }
  throw new Error("no free port pair for a gateway");
}
