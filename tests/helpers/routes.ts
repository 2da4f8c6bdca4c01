import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type RouteFile = { file: string; pattern: string; regex: RegExp; keys: string[] };

const API_DIR = path.join(process.cwd(), "app", "api");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : entry === "route.ts" ? [full] : [];
  });
}

const specificity = (r: { pattern: string; keys: string[] }) => (r.pattern.includes("[...") ? 1000 : r.keys.length);

/** Every app/api route file, as an OpenAPI-style pattern (/api/fleets/{id}) and a matcher. */
export function apiRouteFiles(): RouteFile[] {
  return walk(API_DIR)
    .map((file) => {
      const segments = path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep);
      const keys: string[] = [];
      const regexParts = segments.map((s) => {
        const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
        if (catchAll?.[1]) return keys.push(catchAll[1]) && "(.+)";
        const dynamic = /^\[(\w+)\]$/.exec(s);
        if (dynamic?.[1]) return keys.push(dynamic[1]) && "([^/]+)";
        return s.replace(/\./g, "\\.");
      });
      const pattern = "/" + segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
      return { file, pattern, regex: new RegExp(`^/${regexParts.join("/")}$`), keys };
    })
    // As Next.js routes: static segments before dynamic ones, catch-all last.
    .sort((a, b) => specificity(a) - specificity(b));
}
