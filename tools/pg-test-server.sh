#!/bin/sh
# pg-test-server.sh - a throw-away PostgreSQL server for the tests.
#
#   tools/pg-test-server.sh start DIR   create DIR, initdb, start; prints the URI
#   tools/pg-test-server.sh env DIR     prints CASUSTAFEL_TEST_PG=<URI>
#   tools/pg-test-server.sh stop DIR    stop the server and remove DIR
#
# Debian's postgresql 15 (package `postgresql`); its programs are not on
# PATH. The cluster trusts local connections (initdb -A trust) and listens
# only on a Unix socket inside DIR (listen_addresses=''), so nothing outside
# this machine, and no other user without access to DIR, can reach it.
# initdb and pg_ctl refuse to run as root: when we are root they run as the
# `postgres` user, who then owns DIR. A failed start stops what it started
# and removes DIR (trap), so a broken run leaves no server behind.
set -eu

PG_VERSION=${PG_VERSION:-15}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}
PORT=${PG_TEST_PORT:-54329}

usage() {
	echo "Gebruik: $0 start|stop|env DIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
case "$dir" in
/*) ;;
*) dir="$(pwd)/$dir" ;;
esac

# Run a PostgreSQL program as the owner of the cluster.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

uri() {
	# libpq takes a socket directory as host, percent-encoded in a URI.
	enc=$(printf '%s' "$dir" | sed 's|/|%2F|g')
	printf 'postgresql://postgres@%s:%s/postgres\n' "$enc" "$PORT"
}

stop() {
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w \
			stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

start() {
	if [ ! -x "$PG_BIN/initdb" ]; then
		echo "$0: $PG_BIN/initdb ontbreekt; installeer het Debian-pakket postgresql." >&2
		exit 1
	fi
	if [ -e "$dir" ]; then
		echo "$0: $dir bestaat al; kies een nieuwe map of stop eerst." >&2
		exit 1
	fi
	trap 'stop' EXIT
	mkdir -p "$dir"
	chmod 0700 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres:postgres "$dir"
	fi
	as_owner "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	# fsync off: a test cluster is thrown away, and the tests are about
	# behaviour, not durability (that is SQLite's and the real server's).
	as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-c listen_addresses='' -k $dir -p $PORT -c fsync=off \
-c max_connections=200" start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	trap - EXIT
	uri
}

case "$cmd" in
start) start ;;
stop) stop ;;
env) printf 'CASUSTAFEL_TEST_PG=%s\n' "$(uri)" ;;
*) usage ;;
esac
