#!/usr/bin/env bash
# Webhook intake benchmark: signed INSTALL webhooks verified (Ed25519) and stored in the inbox on the embedded
# MariaDB, measured with wrk. Inbox processing is switched off so the figure is intake alone.
# A warm-up run (BENCH_WARMUP, default 30s) posts other webhooks first so the JIT has compiled the hot paths;
# every measured request is a new webhookId (the script prints how many answers said "stored").
# Usage: bench/webhook-intake.sh [duration] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-20s}"
CONNECTIONS="${2:-32}"
THREADS="${BENCH_THREADS:-2}"
HUB_PORT="${BENCH_HUB_PORT:-18080}"
SIM_PORT="${BENCH_SIM_PORT:-18090}"
EVENTS_COUNT="${BENCH_EVENTS:-200000}"
WORK="$(mktemp -d /tmp/accesshub-bench-XXXXXX)"

command -v wrk >/dev/null 2>&1 || { echo "installing wrk (Debian package)"; apt-get install -y -q wrk >/dev/null; }
[ -f bootstrap/target/accesshub.jar ] || ./mvnw -B -q -DskipTests package
SIM_JAR="$(ls ghl-simulator/target/ghl-simulator-*-all.jar)"

echo "signing $EVENTS_COUNT distinct webhooks ..."
java -cp "$SIM_JAR" io.accesshub.simulator.SignedWebhookFile "$EVENTS_COUNT" "$WORK/events.tsv"

ACCESSHUB_PORT="$HUB_PORT" ACCESSHUB_DEMO_SIMULATOR_PORT="$SIM_PORT" ACCESSHUB_DATA_DIR="$WORK/data" \
  ACCESSHUB_LOG_LEVEL=WARN ACCESSHUB_WEBHOOKS_PROCESSING_ENABLED=false ACCESSHUB_REFRESH_SCHEDULER_ENABLED=false \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -jar bootstrap/target/accesshub.jar > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; wait $HUB_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HUB_PORT/health" >/dev/null && break; sleep 0.5; done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
WARMUP="${BENCH_WARMUP:-30s}"
echo "=== warm-up ($WARMUP, webhooks from line 150,001 on; not measured) ==="
EVENTS="$WORK/events.tsv" THREADS="$THREADS" START=150001 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" \
  -s bench/webhook-intake.lua "http://127.0.0.1:$HUB_PORT" | grep -E "Requests/sec|answers"
echo "=== webhook intake: POST /webhooks/ghl, signed, stored ($DURATION, $CONNECTIONS connections) ==="
EVENTS="$WORK/events.tsv" THREADS="$THREADS" START=1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s bench/webhook-intake.lua "http://127.0.0.1:$HUB_PORT"
