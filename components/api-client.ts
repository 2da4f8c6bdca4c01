export type ApiErrorDetails = Array<{ path: string; message: string }>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
  }

  /** Field errors by field name, for inline messages. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.details ?? []).map((d) => [d.path.split(".")[0] ?? "", d.message]));
  }
}

/** Calls our JSON API from the browser; errors in the contract's shape become ApiError. */
export async function apiFetch<T = unknown>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
    signal: init.signal,
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!res.ok) {
    const details = Array.isArray(data?.error?.details) ? (data.error.details as ApiErrorDetails) : undefined;
    throw new ApiError(res.status, data?.error?.code ?? "internal", data?.error?.message ?? `Request failed (${res.status})`, details);
  }
  return data as T;
}
