#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server in a temporary data directory.
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
datadir=$(mktemp -d /tmp/samenwerking-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$datadir"
  as_pg=(runuser -u postgres --)
fi
stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap stop EXIT
"${as_pg[@]}" "$bindir/initdb" -D "$datadir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A random port can be taken (it lies in the range the kernel hands out to outgoing connections): try another.
for poging in 1 2 3 4 5; do
  port=${PGTEST_PORT:-$(( 55000 + RANDOM % 5000 ))}
  if "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w \
    -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null; then
    break
  fi
  if [ -n "${PGTEST_PORT:-}" ] || [ "$poging" -eq 5 ]; then
    cat "$datadir/server.log" >&2
    exit 1
  fi
done
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres samenwerking 2>/dev/null || \
  "${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres samenwerking
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') draait op 127.0.0.1:$port"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/samenwerking"
"$@"
