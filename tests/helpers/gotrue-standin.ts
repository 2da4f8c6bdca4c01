import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

/**
 * A stand-in for a Supabase project's Auth server (GoTrue), since no Supabase project is reachable
 * from tests. It speaks the parts of GoTrue's REST API that supabase-js and @supabase/ssr use:
 * `POST /auth/v1/token` (grant_type password, refresh_token, pkce), `POST /auth/v1/otp` (magic links,
 * readable here with `lastLink`), `GET|POST /auth/v1/verify`, `GET /auth/v1/user`, `POST
 * /auth/v1/logout`, `GET /auth/v1/settings` (one enabled external provider, GitHub), a fake `GET
 * /auth/v1/authorize` that signs in at once and redirects back with a PKCE code, and the JWKS at
 * `/auth/v1/.well-known/jwks.json`. Access tokens are ES256 JWTs under a key made here, with the
 * issuer, audience and claims of real Supabase tokens.
 */
export type StandInUser = { id: string; email: string; password?: string; confirmedAt: string | null; metadata: Record<string, unknown> };
export type GoTrueStandIn = {
  url: string;
  issuer: string;
  anonKey: string;
  users: Map<string, StandInUser>;
  /** The OAuth provider's person: who the fake authorize endpoint signs in. */
  oauthEmail: string;
  accessTtlS: number;
  addUser: (email: string, password: string, confirmed?: boolean) => StandInUser;
  /** The last magic link sent to an address. */
  lastLink: (email: string) => string | undefined;
  /** A token signed by the stand-in's own key, with any claims changed (for tests of refusal). */
  sign: (claims: JWTPayload, opts?: { key?: CryptoKey; kid?: string; alg?: string }) => Promise<string>;
  sessionFor: (user: StandInUser, method?: string) => Promise<Record<string, unknown>>;
  close: () => Promise<void>;
};

type Flow = { userId: string; challenge?: string; method?: string; amr: string };

const b64url = (input: string) => createHash("sha256").update(input).digest("base64url");

export async function startGoTrueStandIn(opts: { accessTtlS?: number } = {}): Promise<GoTrueStandIn> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig", key_ops: ["verify"] };
  const users = new Map<string, StandInUser>();
  const links = new Map<string, string>();
  const otps = new Map<string, { email: string; redirectTo?: string; challenge?: string; method?: string }>();
  const flows = new Map<string, Flow>();
  const refreshTokens = new Map<string, { userId: string; sessionId: string; used: boolean }>();
  const revokedSessions = new Set<string>();

  const server = createServer((req, res) => void handle(req, res).catch((error: unknown) => send(res, 500, { msg: String(error) })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${url}/auth/v1`;

  const standIn: GoTrueStandIn = {
    url,
    issuer,
    anonKey: "standin-anon-key",
    users,
    oauthEmail: "octo@example.com",
    accessTtlS: opts.accessTtlS ?? 3600,
    addUser: (email, password, confirmed = true) => {
      const user: StandInUser = { id: randomUUID(), email: email.toLowerCase(), password, confirmedAt: confirmed ? new Date().toISOString() : null, metadata: {} };
      users.set(user.email, user);
      return user;
    },
    lastLink: (email) => links.get(email.toLowerCase()),
    sign: (claims, o = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: o.alg ?? "ES256", kid: o.kid ?? kid, typ: "JWT" }).sign(o.key ?? privateKey),
    sessionFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function userJson(user: StandInUser, provider = "email") {
    return {
      id: user.id, aud: "authenticated", role: "authenticated", email: user.email, phone: "",
      email_confirmed_at: user.confirmedAt, confirmed_at: user.confirmedAt, last_sign_in_at: new Date().toISOString(),
      app_metadata: { provider, providers: [provider] }, user_metadata: { email: user.email, email_verified: Boolean(user.confirmedAt), ...user.metadata },
      identities: [], created_at: new Date().toISOString(), updated_at: new Date().toISOString(), is_anonymous: false,
    };
  }

  async function sessionFor(user: StandInUser, method = "password", sessionId: string = randomUUID()) {
    const now = Math.floor(Date.now() / 1000);
    const provider = method === "oauth" ? "github" : "email";
    const access = await standIn.sign({
      iss: issuer, sub: user.id, aud: "authenticated", exp: now + standIn.accessTtlS, iat: now,
      email: user.email, phone: "", app_metadata: { provider, providers: [provider] },
      user_metadata: { email: user.email, email_verified: Boolean(user.confirmedAt), ...user.metadata },
      role: "authenticated", aal: "aal1", amr: [{ method, timestamp: now }], session_id: sessionId, is_anonymous: false,
    });
    const refresh = randomBytes(9).toString("base64url");
    refreshTokens.set(refresh, { userId: user.id, sessionId, used: false });
    return { access_token: access, token_type: "bearer", expires_in: standIn.accessTtlS, expires_at: now + standIn.accessTtlS, refresh_token: refresh, user: userJson(user, provider) };
  }

  const byId = (id: string) => [...users.values()].find((u) => u.id === id);

  async function bearerUser(req: IncomingMessage) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, publicKey, { issuer, audience: "authenticated" });
      const sessionId = String(payload.session_id);
      return revokedSessions.has(sessionId) ? null : { user: byId(String(payload.sub)), sessionId };
    } catch {
      return null;
    }
  }

  function newFlow(flow: Flow): string {
    const code = randomUUID();
    flows.set(code, flow);
    return code;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", url);
    if (req.method === "OPTIONS") return send(res, 204);
    const body = req.method === "POST" ? await readJson(req) : {};
    const route = `${req.method} ${u.pathname}`;
    if (route !== "GET /auth/v1/.well-known/jwks.json" && route !== "GET /auth/v1/verify" && route !== "GET /auth/v1/authorize" && req.headers.apikey !== standIn.anonKey) {
      return send(res, 401, { message: "Invalid API key" });
    }
    switch (route) {
      case "GET /auth/v1/.well-known/jwks.json":
        return send(res, 200, { keys: [jwk] });
      case "GET /auth/v1/settings":
        return send(res, 200, { external: { anonymous_users: false, email: true, phone: false, github: true, google: false, gitlab: false }, disable_signup: false, mailer_autoconfirm: false, phone_autoconfirm: false, sms_provider: "", saml_enabled: false });
      case "POST /auth/v1/token":
        return token(u.searchParams.get("grant_type"), body, res);
      case "POST /auth/v1/otp": {
        const email = String(body.email ?? "").toLowerCase();
        if (!users.has(email)) {
          if (body.create_user === false) return send(res, 422, { code: 422, error_code: "otp_disabled", msg: "Signups not allowed for otp" });
          users.set(email, { id: randomUUID(), email, confirmedAt: null, metadata: {} });
        }
        const token = randomBytes(16).toString("hex");
        otps.set(token, { email, redirectTo: u.searchParams.get("redirect_to") ?? undefined, challenge: body.code_challenge as string | undefined, method: body.code_challenge_method as string | undefined });
        const redirect = u.searchParams.get("redirect_to");
        links.set(email, `${issuer}/verify?token=${token}&type=magiclink${redirect ? `&redirect_to=${encodeURIComponent(redirect)}` : ""}`);
        return send(res, 200, {});
      }
      case "GET /auth/v1/verify": {
        const otp = otps.get(u.searchParams.get("token") ?? "");
        if (!otp) {
          const back = new URL(u.searchParams.get("redirect_to") ?? url);
          back.searchParams.set("error", "access_denied");
          back.searchParams.set("error_code", "otp_expired");
          return send(res, 303, undefined, { Location: back.toString() });
        }
        otps.delete(u.searchParams.get("token") ?? "");
        const user = users.get(otp.email);
        if (!user || !otp.challenge) return send(res, 400, { msg: "The stand-in only speaks the PKCE flow" });
        user.confirmedAt ??= new Date().toISOString();
        const code = newFlow({ userId: user.id, challenge: otp.challenge, method: otp.method, amr: "otp" });
        const back = new URL(otp.redirectTo ?? u.searchParams.get("redirect_to") ?? url);
        back.searchParams.set("code", code);
        return send(res, 303, undefined, { Location: back.toString() });
      }
      case "POST /auth/v1/verify": {
        const otp = otps.get(String(body.token_hash ?? ""));
        const user = otp && users.get(otp.email);
        if (!otp || !user) return send(res, 403, { code: 403, error_code: "otp_expired", msg: "Email link is invalid or has expired" });
        otps.delete(String(body.token_hash));
        user.confirmedAt ??= new Date().toISOString();
        return send(res, 200, await sessionFor(user, "otp"));
      }
      case "GET /auth/v1/authorize": {
        const redirect = u.searchParams.get("redirect_to");
        if (u.searchParams.get("provider") !== "github" || !redirect) return send(res, 400, { msg: "Unsupported provider" });
        const email = standIn.oauthEmail;
        const user = users.get(email) ?? standIn.addUser(email, randomUUID(), true);
        user.metadata = { ...user.metadata, full_name: "Octo Cat" };
        const code = newFlow({ userId: user.id, challenge: u.searchParams.get("code_challenge") ?? undefined, method: u.searchParams.get("code_challenge_method") ?? undefined, amr: "oauth" });
        const back = new URL(redirect);
        back.searchParams.set("code", code);
        return send(res, 302, undefined, { Location: back.toString() });
      }
      case "GET /auth/v1/user": {
        const found = await bearerUser(req);
        return found?.user ? send(res, 200, userJson(found.user)) : send(res, 401, { code: 401, error_code: "bad_jwt", msg: "invalid JWT" });
      }
      case "POST /auth/v1/logout": {
        const found = await bearerUser(req);
        if (!found) return send(res, 401, { code: 401, error_code: "bad_jwt", msg: "invalid JWT" });
        revokedSessions.add(found.sessionId);
        for (const [t, r] of refreshTokens) if (r.sessionId === found.sessionId) refreshTokens.delete(t);
        return send(res, 204);
      }
      default:
        return send(res, 404, { code: 404, msg: `The stand-in does not serve ${route}` });
    }
  }

  async function token(grant: string | null, body: Record<string, unknown>, res: ServerResponse) {
    const invalid = (msg: string, code = "invalid_grant") => send(res, 400, { code: 400, error_code: code, msg });
    if (grant === "password") {
      const user = users.get(String(body.email ?? "").toLowerCase());
      if (!user?.password || user.password !== body.password) return invalid("Invalid login credentials", "invalid_credentials");
      if (!user.confirmedAt) return invalid("Email not confirmed", "email_not_confirmed");
      return send(res, 200, await sessionFor(user, "password"));
    }
    if (grant === "refresh_token") {
      const stored = refreshTokens.get(String(body.refresh_token ?? ""));
      const user = stored && !stored.used && byId(stored.userId);
      if (!stored || !user || revokedSessions.has(stored.sessionId)) return invalid("Invalid Refresh Token: Refresh Token Not Found", "refresh_token_not_found");
      stored.used = true;
      return send(res, 200, await sessionFor(user, "password", stored.sessionId));
    }
    if (grant === "pkce") {
      const flow = flows.get(String(body.auth_code ?? ""));
      const verifier = String(body.code_verifier ?? "");
      const user = flow && byId(flow.userId);
      const matches = flow?.method?.toLowerCase() === "plain" ? verifier === flow.challenge : flow?.challenge === b64url(verifier);
      if (!flow || !user || !matches) return invalid("code challenge does not match previously saved code verifier", "bad_code_verifier");
      flows.delete(String(body.auth_code));
      return send(res, 200, await sessionFor(user, flow.amr));
    }
    return invalid("Unsupported grant type", "validation_failed");
  }

  return standIn;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "authorization, apikey, content-type, x-client-info, x-supabase-api-version, x-retry-count",
    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
    ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    ...headers,
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let data = "";
  for await (const chunk of req) data += String(chunk);
  try {
    const parsed: unknown = JSON.parse(data || "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
