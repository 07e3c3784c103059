#!/bin/sh
# Checks PARLEY_PUBLIC_URL before Caddy puts it into /config.json (see docker/web/Caddyfile):
# an http(s) origin without quotes, spaces or a trailing slash, so the JSON stays valid.
set -eu
url="${PARLEY_PUBLIC_URL:-}"
if ! printf '%s' "$url" | grep -Eq '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$'; then
  echo "parley-web: PARLEY_PUBLIC_URL must be an origin such as https://chat.example.com (got '$url')" >&2
  exit 64
fi
exec "$@"
