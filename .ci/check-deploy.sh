#!/usr/bin/env bash
# Validates the production deployment (docker/) on a machine without a Docker engine:
#   - every compose file, with docker/.env.example and with a freshly generated .env,
#     through Debian's docker-compose (v1) `config`;
#   - the generated access-token key pair (the private key signs, the public key verifies);
#   - the Dockerfiles' structure, the compose file's intent and its drift against the servers'
#     config.ts, the route prefixes and .env.example (docker/check/check_deploy.py);
#   - both Caddyfiles with `caddy validate` and `caddy fmt`, and the proxy's routing against
#     stand-in upstreams in a real Caddy (docker/check/proxy-routes.mjs);
#   - the shell scripts with `sh -n` and, when Debian has it, shellcheck;
#   - with hadolint installed, the Dockerfiles too (Debian does not package it).
# Exits non-zero on any problem. Installs what it needs with apt-get when missing (root).
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

apt_install() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "check-deploy: missing ${missing[*]} (install them, or run as root to let apt-get do it)" >&2
    return 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

apt_install docker-compose:docker-compose python3:python3 openssl:openssl node:nodejs
# Optional validators: used when Debian has them.
apt_install caddy:caddy || true
apt_install shellcheck:shellcheck || true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Caddy keeps state under $HOME; keep it out of the real one.
export XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config"

step "generate an env file (docker/init-env.sh)"
if PARLEY_PUBLIC_URL=https://chat.example.com ACME_EMAIL=ops@example.com \
  sh docker/init-env.sh "$work/generated.env" >/dev/null; then
  if grep -Eq '^[A-Z_]+=.*change-me' "$work/generated.env"; then
    fail "init-env.sh left placeholder values: $(grep -Eo '^[A-Z_]+=.*change-me' "$work/generated.env" | cut -d= -f1 | tr '\n' ' ')"
  fi
  if [ "$(stat -c %a "$work/generated.env")" != 600 ]; then fail "init-env.sh: the env file is not mode 600"; fi
  if sh docker/init-env.sh "$work/generated.env" >/dev/null 2>&1; then fail "init-env.sh overwrote an existing file"; fi
  # The pair must match, in the one-line form the servers read (\n escapes).
  if ! node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
    const env = Object.fromEntries(readFileSync(process.argv[1], "utf8").split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    const pem = (v) => v.replace(/\\n/g, "\n");
    const priv = createPrivateKey(pem(env.AUTH_PRIVATE_KEY));
    const pub = createPublicKey(pem(env.AUTH_PUBLIC_KEY));
    if (priv.asymmetricKeyType !== "ed25519") throw new Error("not ed25519");
    const data = Buffer.from("parley");
    if (!verify(null, data, pub, sign(null, data, priv))) throw new Error("keys do not match");
  ' "$work/generated.env"; then
    fail "init-env.sh: AUTH_PRIVATE_KEY and AUTH_PUBLIC_KEY are not a matching Ed25519 pair"
  fi
else
  fail "docker/init-env.sh failed"
fi

step "docker-compose config"
compose_files=(docker/compose*.yaml docker/compose*.yml)
for file in "${compose_files[@]}"; do
  [ -e "$file" ] || continue
  for env in docker/.env.example "$work/generated.env"; do
    [ -e "$env" ] || continue
    if docker-compose -f "$file" --env-file "$env" config -q; then
      echo "ok: $file with $(basename "$env")"
    else
      fail "$file does not validate with $env"
    fi
  done
done
# A missing secret must stop compose, not start a server with an empty one.
grep -v '^POSTGRES_PASSWORD=' docker/.env.example >"$work/incomplete.env"
if docker-compose -f docker/compose.yaml --env-file "$work/incomplete.env" config -q 2>/dev/null; then
  fail "compose.yaml accepts an env file without POSTGRES_PASSWORD"
fi

step "structure and drift (docker/check/check_deploy.py)"
if docker-compose -f docker/compose.yaml --env-file docker/.env.example config >"$work/resolved.yaml"; then
  python3 docker/check/check_deploy.py "$work/resolved.yaml" || fail "check_deploy.py found problems"
else
  fail "cannot resolve docker/compose.yaml"
fi

step "Caddy"
if command -v caddy >/dev/null 2>&1; then
  PARLEY_SITE_ADDRESS=chat.example.com ACME_EMAIL=ops@example.com \
    caddy validate --config docker/proxy/Caddyfile --adapter caddyfile >"$work/caddy.log" 2>&1 ||
    { cat "$work/caddy.log" >&2; fail "docker/proxy/Caddyfile does not validate"; }
  PARLEY_PUBLIC_URL=https://chat.example.com \
    caddy validate --config docker/web/Caddyfile --adapter caddyfile >"$work/caddy.log" 2>&1 ||
    { cat "$work/caddy.log" >&2; fail "docker/web/Caddyfile does not validate"; }
  # Each documented site.d snippet, imported the way the container imports it.
  for example in docker/proxy/site.d/*.caddy.example; do
    [ -e "$example" ] || continue
    dir="$work/site.d-$(basename "$example" .caddy.example)"
    mkdir -p "$dir/certs"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
      -subj /CN=chat.example.com -keyout "$dir/certs/privkey.pem" -out "$dir/certs/fullchain.pem" 2>/dev/null
    sed "s#/etc/caddy/site.d#$dir#g" "$example" >"$dir/example.caddy"
    sed "s#/etc/caddy/site.d#$dir#g" docker/proxy/Caddyfile >"$dir/Caddyfile"
    PARLEY_SITE_ADDRESS=chat.example.com ACME_EMAIL=ops@example.com \
      caddy validate --config "$dir/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 ||
      { cat "$work/caddy.log" >&2; fail "$example does not validate inside docker/proxy/Caddyfile"; }
  done
  for file in docker/proxy/Caddyfile docker/web/Caddyfile; do
    caddy fmt "$file" | diff -q - "$file" >/dev/null || fail "$file is not formatted (caddy fmt --overwrite $file)"
  done
  node docker/check/proxy-routes.mjs || fail "the proxy routes requests wrongly"
  echo "ok: Caddyfiles"
else
  echo "skip: caddy is not installed; Caddyfiles not validated"
fi

step "shell scripts"
for script in docker/init-env.sh docker/web/entrypoint.sh docker/minio/create-bucket.sh; do
  sh -n "$script" || fail "$script: syntax error"
done
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -s sh docker/init-env.sh docker/web/entrypoint.sh docker/minio/create-bucket.sh || fail "shellcheck"
  shellcheck .ci/check-deploy.sh || fail "shellcheck .ci/check-deploy.sh"
  echo "ok: shellcheck"
fi
# The web entrypoint refuses values that would break /config.json.
for bad in '' 'chat.example.com' 'https://chat.example.com/' 'https://x"}' 'https://a b'; do
  if PARLEY_PUBLIC_URL="$bad" sh docker/web/entrypoint.sh true 2>/dev/null; then
    fail "docker/web/entrypoint.sh accepts PARLEY_PUBLIC_URL=$bad"
  fi
done
for good in https://chat.example.com http://10.0.0.5:8080 'https://[::1]:8443'; do
  PARLEY_PUBLIC_URL="$good" sh docker/web/entrypoint.sh true || fail "docker/web/entrypoint.sh refuses $good"
done

if command -v hadolint >/dev/null 2>&1; then
  step "hadolint"
  hadolint docker/*.Dockerfile || fail "hadolint"
fi

if [ "$failures" -gt 0 ]; then
  printf '\ncheck-deploy: %d problem(s)\n' "$failures" >&2
  exit 1
fi
printf '\ncheck-deploy: all deployment checks passed\n'
