// Human lines or one JSON object per line (--json); the run loop and the commands log through this.

export type Fields = Record<string, unknown>;

export interface Logger {
  info(event: string, message: string, fields?: Fields): void;
  warn(event: string, message: string, fields?: Fields): void;
  error(event: string, message: string, fields?: Fields): void;
}

type Level = "info" | "warn" | "error";

export function createLogger(json: boolean, stdout = process.stdout, stderr = process.stderr): Logger {
  const write = (level: Level, event: string, message: string, fields: Fields = {}) => {
    if (json) {
      stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), level, event, message, ...fields })}\n`);
      return;
    }
    const line = `${new Date().toISOString()} ${level === "info" ? "" : `${level}: `}${message}\n`;
    (level === "info" ? stdout : stderr).write(line);
  };
  return {
    info: (event, message, fields) => write("info", event, message, fields),
    warn: (event, message, fields) => write("warn", event, message, fields),
    error: (event, message, fields) => write("error", event, message, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Prints a command's result: the object itself with --json, the human lines otherwise. */
export function printResult(json: boolean, result: unknown, lines: string[]): void {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${lines.join("\n")}\n`);
}
