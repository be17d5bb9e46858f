#!/usr/bin/env bash
# Token API benchmark: token reads of one warm grant vs the hub's /health, in the same run, with wrk.
# Starts the hub in demo mode (embedded MariaDB + in-process simulator) on spare ports, installs one simulated
# location through the real install flow, then measures. Usage: bench/token-api.sh [duration] [connections]
# Environment: BENCH_HUB_PORT / BENCH_SIM_PORT (default 18080 / 18090; pick others when several people share the
# machine), BENCH_THREADS (wrk threads, 2), BENCH_JAR (the hub jar, default bootstrap/target/accesshub.jar, e.g. an
# older build to compare under the same load), BENCH_JAVA_OPTS (-Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-20s}"
CONNECTIONS="${2:-32}"
THREADS="${BENCH_THREADS:-2}"
HUB_PORT="${BENCH_HUB_PORT:-18080}"
SIM_PORT="${BENCH_SIM_PORT:-18090}"
JAR="${BENCH_JAR:-bootstrap/target/accesshub.jar}"
WORK="$(mktemp -d /tmp/accesshub-bench-XXXXXX)"

command -v wrk >/dev/null 2>&1 || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package

ACCESSHUB_PORT="$HUB_PORT" ACCESSHUB_DEMO_SIMULATOR_PORT="$SIM_PORT" ACCESSHUB_DATA_DIR="$WORK/data" \
  ACCESSHUB_LOG_LEVEL=WARN ACCESSHUB_REFRESH_SCHEDULER_ENABLED=false \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$JAR" > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; wait $HUB_PID 2>/dev/null; rm -rf "$WORK"' EXIT

for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HUB_PORT/health" >/dev/null && break; sleep 0.5; done
KEY="$(cat "$WORK/data/demo-api-key")"

# Install sim-loc-0001 through the real flow: install link -> simulated consent -> OAuth callback.
AUTH_URL="$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$HUB_PORT/oauth/install")"
STATE="$(printf '%s' "$AUTH_URL" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')"
CALLBACK="$(curl -s -X POST "http://127.0.0.1:$SIM_PORT/_sim/authorize" -H 'Content-Type: application/json' \
  -d "{\"target\":\"LOCATION\",\"locationId\":\"sim-loc-0001\",\"state\":\"$STATE\",\"redirectUri\":\"http://localhost:$HUB_PORT/oauth/callback\"}" \
  | sed -n 's/.*"redirectUrl":"\([^"]*\)".*/\1/p')"
curl -sf "$CALLBACK" >/dev/null
TOKEN_URL="http://127.0.0.1:$HUB_PORT/api/v1/locations/sim-loc-0001/access-token"
curl -sf -H "Authorization: Bearer $KEY" "$TOKEN_URL" >/dev/null

echo "jar: $JAR; token cache TTL: ${ACCESSHUB_TOKEN_CACHE_TTL:-2s (default)}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
echo "warm-up (5s) ..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $KEY" "$TOKEN_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$HUB_PORT/health" >/dev/null
echo "=== token API: GET /api/v1/locations/sim-loc-0001/access-token ($DURATION, $CONNECTIONS connections) ==="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "$TOKEN_URL"
echo "=== /health ($DURATION, $CONNECTIONS connections) ==="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$HUB_PORT/health"
