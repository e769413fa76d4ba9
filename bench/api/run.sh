#!/bin/sh
# bench/api/run.sh - the API benchmark of issue 3: an authenticated case
# read (policy, case and team from the store, a durable access-log record
# through the group-committing logger, the JSON answer) against GET /health
# (the server alone), in the same run, with Debian's wrk.
#
#   sh bench/api/run.sh [BUILD_DIR]      (default: build)
#
# Environment: BENCH_CASES (demo cases, 300), BENCH_SECONDS (per run, 10),
# BENCH_CONNECTIONS (64), BENCH_THREADS (2).
#
# Prints req/s, p50 and p99 latency of both, the server's CPU time per
# request, the ratio, how the access-log commits grouped (records per
# commit, from the server's log at stop) and PASS or FAIL against the
# target: a case read at least half as fast as /health with p99 under
# 25 ms at 64 connections. Then the same figures as "name value" lines
# for scripts. A fresh demo database in a temporary directory; the server
# is stopped with SIGTERM at the end, also on failure.
#
# The machine is shared: other work on it moves req/s by a factor of two
# between runs. The CPU time per request moves much less; compare it too.
set -eu

BUILD=${1:-build}
BIN=$BUILD/casustafel
CASES=${BENCH_CASES:-300}
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
PY=/usr/bin/python3
USER_NAME=coordinator.ams

for tool in wrk oathtool curl; do
	command -v $tool >/dev/null 2>&1 || {
		echo "bench/api: $tool ontbreekt; 'make deps' installeert het." >&2
		exit 1
	}
done
[ -x "$BIN" ] || { echo "bench/api: $BIN ontbreekt; eerst 'make build'." >&2; exit 1; }

tmp=$(mktemp -d /tmp/ct-bench-api-XXXXXX)
pid=
# Stop the server: SIGTERM, and SIGKILL if it is still there after 10 s
# (a bench run must end, also when the server hangs in its start-up).
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Only our own settings: none of the caller's CASUSTAFEL_* variables.
for v in $(env | sed -n 's/^\(CASUSTAFEL_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
export CASUSTAFEL_DATABASE="$tmp/bench.db"
export CASUSTAFEL_KEY_FILE="$tmp/server.key"
# info: the access logger's batch figures are logged when the server stops.
export CASUSTAFEL_LOG_LEVEL=info

echo "== Demodatabase met $CASES dossiers"
"$BIN" init >/dev/null
"$BIN" demo --cases "$CASES" >"$tmp/demo.txt"
password=$(sed -n 's/^Gedeeld demowachtwoord voor de nieuwe gebruikers: //p' "$tmp/demo.txt")
secret=$(awk -v u="$USER_NAME" '$1 == u && $2 ~ /^[A-Z2-7]+$/ && length($2) == 32 { print $2 }' "$tmp/demo.txt")
[ -n "$password" ] && [ -n "$secret" ] || { echo "bench/api: demo-aanmelding niet gevonden" >&2; exit 1; }

"$BIN" serve --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
base=
# Up to 30 s: on a busy machine the start (argon2id) takes a while.
for _ in $(seq 1 300); do
	base=$(sed -n 's|^Casustafel luistert op \(http://[^/]*\)/$|\1|p' "$tmp/serve.out")
	[ -n "$base" ] && break
	sleep 0.1
done
[ -n "$base" ] || { cat "$tmp/serve.err" >&2; exit 1; }

# Log in: password, then the TOTP code; keep cookie and CSRF token.
json() { "$PY" -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login=$(curl -sS -D "$tmp/headers" -H 'Content-Type: application/json' \
	-d "{\"username\":\"$USER_NAME\",\"password\":\"$password\"}" \
	"$base/api/v1/session")
csrf=$(printf '%s' "$login" | json "['csrf_token']")
cookie=$(sed -n 's/^Set-Cookie: \(ct_session=[^;]*\).*/\1/pi' "$tmp/headers" | tr -d '\r')
code=$(oathtool --totp -b "$secret")
curl -sS -f -o /dev/null -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
	-H 'Content-Type: application/json' -d "{\"code\":\"$code\"}" \
	"$base/api/v1/session/totp"
case_id=$(curl -sS -f -H "Cookie: $cookie" "$base/api/v1/cases?limit=1" |
	json "['items'][0]['id']")
curl -sS -f -o /dev/null -H "Cookie: $cookie" "$base/api/v1/cases/$case_id"

# "Latency" line values and the percentiles, all in milliseconds.
summarise() {
	awk '
	function ms(v) {
		if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
		if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
		if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
		return v + 0
	}
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	$1 == "Requests/sec:" { rps = $2 }
	/Non-2xx/ { bad = $NF }
	END { printf "%s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$1"
}

# The server's CPU time so far (user + system), in clock ticks.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

run_wrk() { # name, url, extra header
	t0=$(server_ticks)
	if [ -n "$3" ]; then
		wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_EACH}s" --latency \
			-H "$3" "$2" >"$tmp/$1.txt"
	else
		wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_EACH}s" --latency \
			"$2" >"$tmp/$1.txt"
	fi
	echo $(($(server_ticks) - t0)) >"$tmp/$1.ticks"
}

# Server CPU microseconds per request of run $1.
cpu_per_request() {
	n=$(awk '/requests in/ { print $1; exit }' "$tmp/$1.txt")
	awk -v t="$(cat "$tmp/$1.ticks")" -v hz="$(getconf CLK_TCK)" -v n="$n" \
		'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }'
}

echo "== wrk: $THREADS threads, $CONNS verbindingen, ${SECONDS_EACH}s per meting"
run_wrk health "$base/health" ""
run_wrk case "$base/api/v1/cases/$case_id" "Cookie: $cookie"

set -- $(summarise "$tmp/health.txt")
h_rps=$1 h_p50=$2 h_p99=$3 h_bad=$4
set -- $(summarise "$tmp/case.txt")
c_rps=$1 c_p50=$2 c_p99=$3 c_bad=$4
h_cpu=$(cpu_per_request health)
c_cpu=$(cpu_per_request case)

kill -TERM "$pid"
wait "$pid" || { echo "bench/api: server stopte niet netjes" >&2; cat "$tmp/serve.err" >&2; exit 1; }
pid=
# "toegangslog: R regels in C commits (gemiddeld A, grootste L), F mislukt"
logline=$(sed -n 's/^.* info toegangslog: //p' "$tmp/serve.err" | tail -n 1)

printf '\n%-34s %10s %9s %9s %12s\n' "" "verz./s" "p50 ms" "p99 ms" \
	"server-CPU"
printf '%-34s %10.0f %9.2f %9.2f %9s us\n' "GET /health" "$h_rps" \
	"$h_p50" "$h_p99" "$h_cpu"
printf '%-34s %10.0f %9.2f %9.2f %9s us\n' \
	"GET /api/v1/cases/{id} + toeg.log" "$c_rps" "$c_p50" "$c_p99" "$c_cpu"
echo "toegangslog (hele run): ${logline:-geen cijfers in het serverlog}"
"$PY" - "$h_rps" "$c_rps" "$c_p50" "$c_p99" "$h_bad" "$c_bad" "$h_cpu" \
	"$c_cpu" <<'PYEOF'
import sys
h, c, p50, p99, hbad, cbad, hcpu, ccpu = (float(x) for x in sys.argv[1:])
ratio = c / h if h else 0.0
ok = ratio >= 0.5 and p99 < 25 and not cbad and not hbad
print("\nverhouding dossier/health: %.2f (doel >= 0.50); p99 dossier %.2f ms "
      "(doel < 25 ms)" % (ratio, p99))
if hbad or cbad:
    print("LET OP: antwoorden anders dan 2xx: health %d, dossier %d"
          % (hbad, cbad))
print("doel %s\n" % ("gehaald" if ok else "NIET gehaald"))
for name, value in (("api_health_rps", "%.0f" % h),
                    ("api_case_rps", "%.0f" % c),
                    ("api_case_p50_ms", "%.2f" % p50),
                    ("api_case_p99_ms", "%.2f" % p99),
                    ("api_health_cpu_us", "%.0f" % hcpu),
                    ("api_case_cpu_us", "%.0f" % ccpu),
                    ("api_ratio_case_over_health", "%.2f" % ratio),
                    ("api_target", "PASS" if ok else "FAIL")):
    print("%-30s %s" % (name, value))
PYEOF
