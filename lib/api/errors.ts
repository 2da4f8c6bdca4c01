import { ZodError } from "zod";

export const ERROR_STATUS = {
  unauthorized: 401,
  plan_limit: 402,
  forbidden: 403,
  two_factor_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid_request: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

// Server bundles may each hold their own copy of this module (instrumentation, every route), so an
// AppError is recognised by a registered symbol rather than by which copy of the class made it.
const APP_ERROR = Symbol.for("openclaw-fleet.AppError");

/** The one error type services throw; `toErrorResponse` maps it to the contract's shape. */
export class AppError extends Error {
  readonly [APP_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && APP_ERROR in value;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new AppError("forbidden", message);

/** A plan limit reached: 402 naming the limit, its maximum and where the team stands. */
export const planLimit = (
  message: string,
  details: { limit: string; plan: string; max: number; current: number; requested?: number },
  headers?: Record<string, string>,
) => new AppError("plan_limit", message, details, headers);

type PgError = { code?: string; constraint_name?: string };

/** Any thrown value as the AppError it answers with (unexpected ones become `internal`). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return new AppError("invalid_request", "The request is invalid", details);
  }
  const pg = error as PgError;
  if (pg?.code === "23505") return new AppError("conflict", "That already exists");
  if (pg?.code === "22P02" || pg?.code === "22001" || pg?.code === "23514") {
    return new AppError("invalid_request", "A value is out of range or malformed");
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("unavailable", "The database is unavailable for a moment; try again shortly", undefined, { "Retry-After": "2" });
  }
  return new AppError("internal", "Something went wrong on our side");
}

// The database cannot be reached or is restarting: the connection was refused, reset or closed by the
// driver, or the server says it is shutting down, starting up or out of connections. The request did
// nothing (a transaction that did not commit is rolled back), so the caller may simply try again.
const UNAVAILABLE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_DRIVER = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return UNAVAILABLE_SOCKET.has(code) || UNAVAILABLE_DRIVER.has(code) || /^(08|57P0)/.test(code) || code === "53300";
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

/** Any thrown value as the contract's answer: status, body and headers (unexpected ones are logged). */
export function errorAnswer(error: unknown) {
  const appError = toAppError(error);
  if (appError.code === "internal") console.error("[api] unhandled error", error);
  return {
    code: appError.code,
    status: ERROR_STATUS[appError.code],
    body: errorBody(appError),
    headers: { "Cache-Control": "no-store", ...appError.headers },
  };
}

export function toErrorResponse(error: unknown): Response {
  const { status, body, headers } = errorAnswer(error);
  return Response.json(body, { status, headers });
}
