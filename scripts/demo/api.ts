// The public HTTP API as a person's browser uses it: a session cookie, and our Origin on mutations.
export interface DemoLogin {
  email: string;
  password: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_RATE_LIMIT_WAITS = 5;

export class ApiSession {
  constructor(
    readonly url: string,
    private cookie = "",
  ) {}

  /** Sends one request; waits out 429s (Retry-After) a few times; throws ApiError on any other failure. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(method === "GET" ? {} : { origin: this.url }),
          ...(this.cookie ? { cookie: this.cookie } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const fresh = res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .filter((c) => c.includes("=") && !c.endsWith("="));
      if (fresh.length > 0) this.cookie = mergeCookies(this.cookie, fresh);
      const text = await res.text();
      if (res.status === 429 && attempt < MAX_RATE_LIMIT_WAITS) {
        await new Promise((r) => setTimeout(r, Math.min(60, Number(res.headers.get("retry-after")) || 1) * 1000));
        continue;
      }
      if (!res.ok) throw new ApiError(res.status, `${method} ${path}: ${res.status} ${errorMessage(text)}`);
      return (text ? JSON.parse(text) : {}) as T;
    }
  }
}

function mergeCookies(current: string, fresh: string[]): string {
  const jar = new Map(current ? current.split("; ").map((c) => [c.slice(0, c.indexOf("=")), c] as const) : []);
  for (const c of fresh) jar.set(c.slice(0, c.indexOf("=")), c);
  return [...jar.values()].join("; ");
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    // not JSON: the start of the text says enough
  }
  return text.slice(0, 200);
}

/** Logs in; when the account does not exist yet, signs up (which also creates its team). */
export async function openSession(url: string, login: DemoLogin, name = "Demo"): Promise<ApiSession> {
  const session = new ApiSession(url.replace(/\/+$/, ""));
  try {
    await session.request("POST", "/api/auth/login", login);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    await session.request("POST", "/api/auth/signup", { ...login, name });
  }
  return session;
}
