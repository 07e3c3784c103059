#!/bin/sh
# Writes docker/.env from docker/.env.example with fresh secrets: an Ed25519 key pair for access
# tokens, random passwords for PostgreSQL, Redis, MinIO and the admin account, and the link
# secret. Needs only openssl. Refuses to overwrite an existing file (FORCE=1 to replace it).
#
#   sh docker/init-env.sh
#   PARLEY_PUBLIC_URL=https://chat.acme.com ACME_EMAIL=it@acme.com sh docker/init-env.sh
#   sh docker/init-env.sh /path/to/other.env
set -eu

here=$(cd "$(dirname "$0")" && pwd)
target=${1:-"$here/.env"}

if [ -e "$target" ] && [ "${FORCE:-0}" != 1 ]; then
  echo "init-env: $target exists; not overwriting (FORCE=1 to replace it and every secret in it)" >&2
  exit 1
fi
if ! command -v openssl >/dev/null 2>&1; then
  echo "init-env: needs openssl" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
openssl genpkey -algorithm ed25519 -out "$work/auth.pem" 2>/dev/null
openssl pkey -in "$work/auth.pem" -pubout -out "$work/auth.pub"

# PEM on one line, "\n" between lines: what the servers' AUTH_*_KEY settings accept.
one_line() { awk 'NF { printf "%s\\n", $0 }' "$1"; }
secret() { openssl rand -hex 24; }

AUTH_PRIVATE_KEY=$(one_line "$work/auth.pem")
AUTH_PUBLIC_KEY=$(one_line "$work/auth.pub")
POSTGRES_PASSWORD=$(secret)
REDIS_PASSWORD=$(secret)
MINIO_ROOT_PASSWORD=$(secret)
S3_SECRET_KEY=$(secret)
FILE_LINK_SECRET=$(secret)
ADMIN_PASSWORD=$(openssl rand -hex 12)
export AUTH_PRIVATE_KEY AUTH_PUBLIC_KEY POSTGRES_PASSWORD REDIS_PASSWORD MINIO_ROOT_PASSWORD \
  S3_SECRET_KEY FILE_LINK_SECRET ADMIN_PASSWORD

# The public address, if given: PARLEY_SITE_ADDRESS follows it (a host name for HTTPS).
if [ -n "${PARLEY_PUBLIC_URL:-}" ]; then
  case "$PARLEY_PUBLIC_URL" in
    https://*) PARLEY_SITE_ADDRESS=${PARLEY_PUBLIC_URL#https://} ;;
    http://*) PARLEY_SITE_ADDRESS=$PARLEY_PUBLIC_URL ;;
    *)
      echo "init-env: PARLEY_PUBLIC_URL must start with https:// or http://" >&2
      exit 1
      ;;
  esac
  export PARLEY_PUBLIC_URL PARLEY_SITE_ADDRESS
fi

umask 077
# Values travel through ENVIRON (awk -v would turn the "\n" in the keys into line breaks).
awk '
  BEGIN {
    split("AUTH_PRIVATE_KEY AUTH_PUBLIC_KEY POSTGRES_PASSWORD REDIS_PASSWORD MINIO_ROOT_PASSWORD S3_SECRET_KEY FILE_LINK_SECRET ADMIN_PASSWORD PARLEY_PUBLIC_URL PARLEY_SITE_ADDRESS ACME_EMAIL", keys, " ")
    for (i in keys) if (ENVIRON[keys[i]] != "") value[keys[i]] = ENVIRON[keys[i]]
  }
  /^[A-Z_][A-Z0-9_]*=/ {
    name = substr($0, 1, index($0, "=") - 1)
    if (name in value) { print name "=" value[name]; next }
  }
  { print }
' "$here/.env.example" >"$target.tmp"
mv "$target.tmp" "$target"
chmod 600 "$target"

echo "init-env: wrote $target (mode 600) with new secrets."
echo "init-env: the first start creates the account 'admin' with password $ADMIN_PASSWORD"
if [ -z "${PARLEY_PUBLIC_URL:-}" ]; then
  echo "init-env: now set PARLEY_PUBLIC_URL, PARLEY_SITE_ADDRESS and ACME_EMAIL in $target"
fi
