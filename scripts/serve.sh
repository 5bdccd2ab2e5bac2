#!/usr/bin/env bash
# Runs the app as in production: gunicorn with the production settings, PostgreSQL and WhiteNoise.
# Without DATABASE_URL it starts (and keeps) a PostgreSQL cluster of its own in .postgres/, on 127.0.0.1 only.
# Without SECRET_KEY it makes one once and keeps it in .secret_key. Both stay outside git.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if [ -z "${SECRET_KEY:-}" ]; then
  [ -s .secret_key ] || (umask 077 && head -c 48 /dev/urandom | base64 -w0 > .secret_key)
  SECRET_KEY=$(cat .secret_key)
  export SECRET_KEY
fi
unset DEBUG

if [ -z "${DATABASE_URL:-}" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL ontbreekt: installeer het (apt-get install postgresql) of zet DATABASE_URL." >&2
    exit 1
  fi
  base="$PWD/.postgres"
  port=${PGPORT:-54329}
  mkdir -p "$base"
  chmod 700 "$base"  # the socket in it admits its owner without a password
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$base"  # PostgreSQL refuses to run as root
    as_pg=(runuser -u postgres --)
  fi
  [ -s .postgres-wachtwoord ] || (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > .postgres-wachtwoord)
  wachtwoord=$(cat .postgres-wachtwoord)
  if [ ! -f "$base/data/PG_VERSION" ]; then
    "${as_pg[@]}" "$bindir/initdb" -D "$base/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$base/data" status >/dev/null 2>&1; then
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w \
      -o "-p $port -k $base -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  psql=("${as_pg[@]}" "$bindir/psql" -h "$base" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'samenwerking'")" ]; then
    # The app logs in with a role of its own, not as the superuser.
    echo "CREATE ROLE samenwerking LOGIN PASSWORD :'wachtwoord';" | "${psql[@]}" -v wachtwoord="$wachtwoord"
    "${psql[@]}" -c "CREATE DATABASE samenwerking OWNER samenwerking"
  fi
  export DATABASE_URL="postgres://samenwerking:$wachtwoord@127.0.0.1:$port/samenwerking"
  echo "PostgreSQL uit .postgres/ op 127.0.0.1:$port (stoppen: ${as_pg[*]} $bindir/pg_ctl -D .postgres/data stop)"
fi

"$PY" manage.py migrate --no-input
"$PY" manage.py collectstatic --no-input --verbosity 0
"$PY" manage.py vragenbank_laden
exec "$(dirname "$PY")/gunicorn" samenwerking.wsgi -c samenwerking/gunicorn.conf.py
