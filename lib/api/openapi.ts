import { z } from "zod";
import { ErrorSchema } from "@/lib/schemas/common";
import { ROUTES, type RouteSpec } from "./routes";

type JsonSchema = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  "401": "Not signed in, or the token is invalid",
  "402": "A limit of the team's plan is reached (code plan_limit; details name the limit, its max and the current figure)",
  "403": "Your role does not allow this (or two_factor_required: a team of yours requires two-factor you have not set up)",
  "404": "Not found (or another team's)",
  "409": "Conflict",
  "413": "Body too large",
  "422": "Invalid request",
  "429": "Rate limited (see Retry-After)",
  "503": "The database is unavailable for a moment (code unavailable; see Retry-After)",
};

// Named schemas (`.meta({ id })`) are lifted into components.schemas and referenced from there.
const components: Record<string, JsonSchema> = {};

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  const text = JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _schema, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  Object.assign(components, $defs);
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

function operation(route: RouteSpec) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: m[1] === "rev" ? { type: "integer", minimum: 1 } : { type: "string", format: "uuid" },
  }));
  const errorRef = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return {
    summary: route.summary,
    tags: [route.tag],
    security: route.access === "public" ? [] : route.access === "agent" ? [{ agentJwt: [] }] : route.access === "cron" ? [{ cronSecret: [] }] : [{ session: [] }, { bearer: [] }],
    parameters: [...pathParams, ...(route.query ? queryParameters(route.query) : [])],
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body, "input") } } } } : {}),
    responses: {
      [String(route.status)]: route.response
        ? { description: "Success", content: { "application/json": { schema: schemaOf(route.response, "output") } } }
        : { description: "Success" },
      ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([code, description]) => [code, { description, ...errorRef }])),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: "3.1.0",
    info: { title: "OpenClaw Fleet API", version: "1.0.0", description: "Monitor and steer fleets of OpenClaw agents." },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "ocf_session", description: "Built-in session; in Supabase Auth mode (SUPABASE_AUTH=1) the sb-<project>-auth-token cookies of @supabase/ssr instead, whose access token is verified against the project's keys on every request" },
        bearer: { type: "http", scheme: "bearer", description: "Personal API token (ocf_pat_...)" },
        agentJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "EdDSA JWT signed by the agent's key; claims sub, aud, iat, exp, jti, body_sha256" },
        cronSecret: { type: "http", scheme: "bearer", description: "CRON_SECRET, for the scheduler (Vercel Cron sends it)" },
      },
      parameters: {},
      schemas: { ...components, Error: schemaOf(ErrorSchema, "output") },
    },
    paths,
  };
}
