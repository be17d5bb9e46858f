#!/usr/bin/env bash
# Token API benchmark: token reads of one warm grant vs the hub's /health, in the same run, with wrk.
# Starts the hub in demo mode (embedded MariaDB + in-process simulator) on spare ports, installs one simulated
# location through the real install flow, then measures. Usage: bench/token-api.sh [duration] [connections]
# Environment: BENCH_HUB_PORT / BENCH_SIM_PORT (default 18080 / 18090; pick others when several people share the
# machine), BENCH_THREADS (wrk threads, 2), BENCH_JAR (the hub jar, default bootstrap/target/accesshub.jar, e.g. an
# older build to compare under the same load), BENCH_JAVA_OPTS (-Xmx1g), BENCH_WARMUP (5s per endpoint), BENCH_HEALTH
# (true; false skips the /health run), BENCH_TRIVIAL (true; false skips /health/liveness, the hub's most trivial
# endpoint: no database, no API key, the same HTTP stack and filters, though Micronaut's liveness indicator looks for
# deadlocked threads at a safepoint on every call), BENCH_REJECTED (false; true also measures what an attacker's
# requests cost: the token endpoint without a key, 401, and a path without a route, 404).
# After each measured run it prints the CPU used by the hub, MariaDB, wrk and everything else on the machine, so a
# figure taken while other jobs ran can be recognised as such.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-20s}"
CONNECTIONS="${2:-32}"
THREADS="${BENCH_THREADS:-2}"
HUB_PORT="${BENCH_HUB_PORT:-18080}"
SIM_PORT="${BENCH_SIM_PORT:-18090}"
JAR="${BENCH_JAR:-bootstrap/target/accesshub.jar}"
WARMUP="${BENCH_WARMUP:-5s}"
WORK="$(mktemp -d /tmp/accesshub-bench-XXXXXX)"

command -v wrk >/dev/null 2>&1 || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

ACCESSHUB_PORT="$HUB_PORT" ACCESSHUB_DEMO_SIMULATOR_PORT="$SIM_PORT" ACCESSHUB_DATA_DIR="$WORK/data" \
  ACCESSHUB_LOG_LEVEL=WARN ACCESSHUB_REFRESH_SCHEDULER_ENABLED=false \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$JAR" > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; wait $HUB_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HUB_PORT/health" >/dev/null && break; sleep 0.5; done
KEY="$(cat "$WORK/data/demo-api-key")"

# Install sim-loc-0001 through the real flow: install link -> simulated consent -> OAuth callback. Like a browser,
# curl keeps the hub's install cookie (-c) and presents it on the callback (-b): the callback is refused without it.
# Both requests go to localhost, the host of the registered redirect URI, so the cookie matches.
COOKIES="$WORK/cookies.txt"
AUTH_URL="$(curl -s -c "$COOKIES" -o /dev/null -w '%{redirect_url}' "http://localhost:$HUB_PORT/oauth/install")"
STATE="$(printf '%s' "$AUTH_URL" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')"
CALLBACK="$(curl -s -X POST "http://127.0.0.1:$SIM_PORT/_sim/authorize" -H 'Content-Type: application/json' \
  -d "{\"target\":\"LOCATION\",\"locationId\":\"sim-loc-0001\",\"state\":\"$STATE\",\"redirectUri\":\"http://localhost:$HUB_PORT/oauth/callback\"}" \
  | sed -n 's/.*"redirectUrl":"\([^"]*\)".*/\1/p')"
curl -sf -b "$COOKIES" "$CALLBACK" >/dev/null
TOKEN_URL="http://127.0.0.1:$HUB_PORT/api/v1/locations/sim-loc-0001/access-token"
curl -sf -H "Authorization: Bearer $KEY" "$TOKEN_URL" >/dev/null

echo "jar: $JAR; token cache TTL: ${ACCESSHUB_TOKEN_CACHE_TTL:-2s (default)}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
# CPU accounting (clock ticks): the whole machine from /proc/stat, the hub and its MariaDB from /proc/<pid>/stat.
TICKS="$(getconf CLK_TCK)"
DB_PID="$(pgrep -f "mariadbd.*$WORK" | head -1 || true)"
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; } # busy, total
cpu_of() { if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk '{print $14+$15}' "/proc/$1/stat"; else echo 0; fi; }
measured() { # wrk arguments; prints wrk's report, then who used the CPU during the run
  local b0 t0 h0 d0 b1 t1 h1 d1 w
  read -r b0 t0 < <(busy); h0=$(cpu_of "$HUB_PID"); d0=$(cpu_of "$DB_PID")
  if command -v /usr/bin/time >/dev/null 2>&1; then
    /usr/bin/time -f "%U %S" -o "$WORK/wrk.time" wrk "$@"
    w=$(awk -v t="$TICKS" '{printf "%d", ($1+$2)*t}' "$WORK/wrk.time")
  else
    wrk "$@"; w=0
  fi
  read -r b1 t1 < <(busy); h1=$(cpu_of "$HUB_PID"); d1=$(cpu_of "$DB_PID")
  awk -v b=$((b1-b0)) -v t=$((t1-t0)) -v h=$((h1-h0)) -v d=$((d1-d0)) -v w="$w" -v cores="$(nproc)" 'BEGIN{
    if (t <= 0) t = 1; o = b - h - d - w; if (o < 0) o = 0;
    printf "  CPU during the run (share of all %d cores): hub %.0f%%, MariaDB %.0f%%, wrk %.0f%%, other processes %.0f%%, idle %.0f%%\n",
      cores, 100*h/t, 100*d/t, 100*w/t, 100*o/t, 100*(t-b)/t }'
}

echo "warm-up ($WARMUP per endpoint) ..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $KEY" "$TOKEN_URL" >/dev/null
[ "${BENCH_HEALTH:-true}" = true ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$HUB_PORT/health" >/dev/null
[ "${BENCH_TRIVIAL:-true}" = true ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$HUB_PORT/health/liveness" >/dev/null
echo "=== token API: GET /api/v1/locations/sim-loc-0001/access-token ($DURATION, $CONNECTIONS connections) ==="
measured -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "$TOKEN_URL"
if [ "${BENCH_HEALTH:-true}" = true ]; then
  echo "=== /health ($DURATION, $CONNECTIONS connections) ==="
  measured -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$HUB_PORT/health"
fi
if [ "${BENCH_TRIVIAL:-true}" = true ]; then
  echo "=== /health/liveness, the trivial endpoint ($DURATION, $CONNECTIONS connections) ==="
  measured -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$HUB_PORT/health/liveness"
fi
if [ "${BENCH_REJECTED:-false}" = true ]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$TOKEN_URL" >/dev/null
  echo "=== token API without a key, 401 ($DURATION, $CONNECTIONS connections) ==="
  measured -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$TOKEN_URL"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$HUB_PORT/no/such/path" >/dev/null
  echo "=== a path without a route, 404 ($DURATION, $CONNECTIONS connections) ==="
  measured -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$HUB_PORT/no/such/path"
fi
