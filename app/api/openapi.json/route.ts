import { buildOpenApi } from "@/lib/api/openapi";

// GET /api/openapi.json – the API description, generated from the zod schemas
export function GET() {
  return Response.json(buildOpenApi(), { headers: { "Cache-Control": "public, max-age=300" } });
}
