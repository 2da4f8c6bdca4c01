import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { requestModule } from "./light-fetch";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export type WsHandlers = { message: (text: string) => void; closed: (error: Error) => void };
export type WsOptions = { timeoutMs: number; maxPayload: number };

/**
 * A WebSocket client connection (RFC 6455) on node:http(s), for the gateway's JSON frames: text
 * messages only, no extensions. `closed` is called once, whoever ends the connection.
 */
export class WsConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private fragments: Buffer[] = [];
  private fragmentSize = 0;
  private ended = false;

  private constructor(
    private readonly socket: Socket,
    private readonly handlers: WsHandlers,
    private readonly maxPayload: number,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", (error) => this.end(error));
    socket.on("close", () => this.end(new Error("the gateway closed the connection")));
  }

  /** Opens `url` (ws: or wss:) and answers once the server accepted the upgrade. */
  static open(url: string, options: WsOptions, handlers: WsHandlers): Promise<WsConnection> {
    const target = new URL(url);
    const key = randomBytes(16).toString("base64");
    const secure = target.protocol === "wss:";
    target.protocol = secure ? "https:" : "http:";
    return new Promise((resolve, reject) => {
      const req = requestModule(target.protocol).request(target, {
        headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": key },
        timeout: options.timeoutMs,
      });
      req.on("timeout", () => req.destroy(new Error(`no WebSocket handshake with ${url} within ${options.timeoutMs / 1000} s`)));
      req.on("error", reject);
      req.on("response", (res: IncomingMessage) => {
        res.resume();
        reject(new Error(`Unexpected server response: ${res.statusCode ?? 0}`));
      });
      req.on("upgrade", (res: IncomingMessage, socket: Socket, head: Buffer) => {
        socket.setTimeout(0);
        const expected = createHash("sha1").update(key + GUID).digest("base64");
        if (res.headers["sec-websocket-accept"] !== expected || res.headers["sec-websocket-extensions"]) {
          socket.destroy();
          reject(new Error("invalid WebSocket handshake answer"));
          return;
        }
        const connection = new WsConnection(socket, handlers, options.maxPayload);
        resolve(connection);
        if (head.length > 0) connection.receive(head);
      });
      req.end();
    });
  }

  send(text: string): void {
    this.write(OP.text, Buffer.from(text));
  }

  close(): void {
    this.shutdown(new Error("connection closed"));
  }

  /** Answers or starts the closing handshake (normal closure) and ends the connection. */
  private shutdown(error: Error): void {
    if (this.ended) return;
    this.write(OP.close, Buffer.from([0x03, 0xe8]));
    this.socket.end();
    this.end(error);
  }

  private write(opcode: number, payload: Buffer): void {
    const length = payload.length;
    const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    if (length < 126) header[1] = 0x80 | length;
    else if (length < 65_536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    const mask = randomBytes(4);
    const masked = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      for (let frame = this.nextFrame(); frame; frame = this.nextFrame()) this.handle(frame.fin, frame.opcode, frame.payload);
    } catch (error) {
      this.socket.destroy();
      this.end(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The next whole frame from the bytes received, or null until more arrive. */
  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | null {
    if (this.ended || this.buffered < 2) return null;
    const head = this.peek(Math.min(this.buffered, 14));
    const first = head[0] ?? 0;
    const second = head[1] ?? 0;
    if (first & 0x70) throw new Error("WebSocket frame with reserved bits set");
    if (second & 0x80) throw new Error("masked WebSocket frame from the server");
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (head.length < 4) return null;
      length = head.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (head.length < 10) return null;
      length = Number(head.readBigUInt64BE(2));
      offset = 10;
    }
    if (length > this.maxPayload) throw new Error(`WebSocket message over ${this.maxPayload} bytes`);
    if (this.buffered < offset + length) return null;
    const frame = this.take(offset + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload: frame.subarray(offset) };
  }

  private peek(size: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= size) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(size: number): Buffer {
    const whole = this.peek(size);
    const rest = whole.subarray(size);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= size;
    return whole.subarray(0, size);
  }

  private handle(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === OP.ping) this.write(OP.pong, payload);
    else if (opcode === OP.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      const reason = payload.subarray(2).toString("utf8");
      this.shutdown(new Error(`the gateway closed the connection (${code}${reason ? ` ${reason}` : ""})`));
    } else if (opcode === OP.text || opcode === OP.binary || opcode === OP.continuation) {
      this.fragmentSize += payload.length;
      if (this.fragmentSize > this.maxPayload) throw new Error(`WebSocket message over ${this.maxPayload} bytes`);
      this.fragments.push(payload);
      if (!fin) return;
      const text = Buffer.concat(this.fragments).toString("utf8");
      this.fragments = [];
      this.fragmentSize = 0;
      this.handlers.message(text);
    }
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.chunks = [];
    this.handlers.closed(error);
  }
}
