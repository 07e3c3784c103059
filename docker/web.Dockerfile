# syntax=docker/dockerfile:1.7
# The web app: a Next.js static export, served by Caddy with /config.json rendered from the
# environment at start. Build context: the repository root.
#
#   docker build -f docker/web.Dockerfile .

ARG NODE_IMAGE=node:22-bookworm-slim
ARG CADDY_IMAGE=caddy:2.10-alpine
ARG TURBO_VERSION=2.11.11

# --- prune: the web app's workspaces only ---
FROM ${NODE_IMAGE} AS prune
ARG TURBO_VERSION
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install --global --no-audit --no-fund "turbo@${TURBO_VERSION}"
WORKDIR /repo
COPY . .
RUN turbo prune @parley/web --docker --out-dir /pruned

# --- build: next build (output: 'export') into apps/web/out ---
FROM ${NODE_IMAGE} AS build
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=prune /pruned/json/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY --from=prune /pruned/full/ ./
COPY tsconfig.base.json ./
RUN npx turbo run build --filter=@parley/web... --output-logs=errors-only

# --- web: static files only, no Node ---
FROM ${CADDY_IMAGE} AS web
RUN addgroup -S parley && adduser -S -D -H -G parley parley \
 && mkdir -p /srv/parley /var/lib/caddy \
 && chown parley:parley /var/lib/caddy
COPY --from=build /app/apps/web/out/ /srv/parley/
COPY docker/web/Caddyfile /etc/caddy/Caddyfile
COPY --chmod=0755 docker/web/entrypoint.sh /usr/local/bin/parley-web
# Caddy keeps its state under XDG dirs; point them somewhere the unprivileged user owns.
ENV XDG_CONFIG_HOME=/var/lib/caddy XDG_DATA_HOME=/var/lib/caddy
USER parley
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/config.json"]
ENTRYPOINT ["/usr/local/bin/parley-web"]
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
