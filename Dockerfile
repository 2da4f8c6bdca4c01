# syntax=docker/dockerfile:1
# OpenClaw Fleet: Next.js's standalone output with the production server (ingest front included).
# Runs as the non-root `node` user, fetches nothing at run time (fonts and assets are in the image),
# applies database migrations at start, and takes every setting from the environment.

FROM node:20.20-bookworm-slim AS deps
WORKDIR /src
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# The same steps the image-equivalent test runs (tests/e2e/docker-image.spec.ts).
RUN node cli/build.mjs && npx next build && node scripts/assemble-standalone.mjs

FROM node:20.20-bookworm-slim AS run
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /src/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/server.mjs"]
