# syntax=docker/dockerfile:1.7
# Parley's Node servers and the migration job. Build context: the repository root.
#
#   docker build -f docker/node.Dockerfile --target server --build-arg APP=login-server .
#   docker build -f docker/node.Dockerfile --target migrate .
#
# APP is login-server, msg-server or file-server. compose.yaml builds all of them.

ARG NODE_IMAGE=node:22-bookworm-slim
# Keep in step with the root package.json's devDependencies.
ARG TURBO_VERSION=2.11.11

# --- prune: only APP's workspaces and a lockfile cut down to them (turbo prune --docker) ---
FROM ${NODE_IMAGE} AS prune
ARG APP=login-server
ARG TURBO_VERSION
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install --global --no-audit --no-fund "turbo@${TURBO_VERSION}"
WORKDIR /repo
COPY . .
RUN turbo prune "@parley/${APP}" --docker --out-dir /pruned

# --- build: install (a cached layer until the lockfile changes), then compile ---
FROM ${NODE_IMAGE} AS build
# OpenSSL lets Prisma pick its engine build; its CLI fetches the schema engine during npm ci.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app
COPY --from=prune /pruned/json/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY --from=prune /pruned/full/ ./
# Outside any workspace, so turbo prune leaves them out: the shared compiler settings and the
# Prisma schema with its hand-written migrations.
COPY tsconfig.base.json ./
COPY prisma ./prisma
ARG APP=login-server
RUN npx turbo run build --filter="@parley/${APP}..." --output-logs=errors-only

# --- migrate: `prisma migrate deploy` with Prisma's real schema engine (one-shot job) ---
FROM build AS migrate
WORKDIR /app/packages/db
USER node
# prisma.config.mjs (in packages/db) reads DATABASE_URL and points at /app/prisma.
CMD ["node", "/app/node_modules/prisma/build/index.js", "migrate", "deploy"]

# --- production-deps: drop dev dependencies, keep only what runs ---
FROM build AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /runtime/prisma \
 && cp -a package.json node_modules /runtime/ \
 && cp -a prisma/migrations /runtime/prisma/ \
 && for dir in packages/* apps/*; do \
      mkdir -p "/runtime/$dir"; \
      for part in package.json dist node_modules; do \
        if [ -e "$dir/$part" ]; then cp -a "$dir/$part" "/runtime/$dir/"; fi; \
      done; \
    done

# --- server: the runtime image ---
FROM ${NODE_IMAGE} AS server
ARG APP=login-server
ENV NODE_ENV=production PARLEY_APP=${APP}
WORKDIR /app
COPY --from=production-deps /runtime/ ./
COPY docker/healthcheck.mjs /app/healthcheck.mjs
# The file-server keeps uploads in progress here (a volume in compose); owned by the app user.
RUN mkdir -p /var/lib/parley/files && chown -R node:node /var/lib/parley
WORKDIR /app/apps/${APP}
USER node
EXPOSE 3001 3002 3003
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
CMD ["node", "dist/main.js"]
