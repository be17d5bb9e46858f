#!/usr/bin/env bash
# Proxy benchmark (issue 11, item 2): runs ProxyBenchmark (bootstrap test sources, kept out of ./mvnw verify by its
# name). Part 1, overhead: one hub, one location, a sequential contacts search sent directly at the simulator and
# through the proxy alternately (2,000 each after 1,000 each to warm up); p50/p90/p99/mean of both and the difference.
# Part 2, throughput: [hubs] hub instances on one database proxy contacts searches for [locations] distinct locations
# for [seconds] with 200 client threads, budget [limit] per 10 s (a ninth of it, at least 1, reserved for background
# work), the simulator enforcing the same limit per 10 s; prints proxied calls per second against the budget-limited
# maximum (goal: >= 90 %), the simulator's 429s (goal: 0), the busiest sliding window of one location (goal: <= the
# product cap) and the database statements per proxied call.
# Usage: bench/proxy.sh [locations] [seconds] [hubs] [limit]
#   PROXY_BENCH_OVERHEAD_CALLS=0 skips part 1; PROXY_BENCH_SEND_ALLOWANCE=3s sets the throughput hubs' send allowance
#   (default 1s); BENCH_MAVEN_ARGS="-o -pl bootstrap" runs against modules already installed (default:
#   "-pl bootstrap -am", which builds them first).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCATIONS="${1:-100}"
SECONDS_RUN="${2:-30}"
HUBS="${3:-3}"
LIMIT="${4:-90}"
LOG="${TMPDIR:-/tmp}/accesshub-proxy-bench.log"
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
./mvnw -B -q ${BENCH_MAVEN_ARGS:--pl bootstrap -am} verify -Dtest=ProxyBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dproxy.bench.locations="$LOCATIONS" \
  -Dproxy.bench.seconds="$SECONDS_RUN" -Dproxy.bench.hubs="$HUBS" -Dproxy.bench.limit="$LIMIT" \
  -Dproxy.bench.overhead.calls="${PROXY_BENCH_OVERHEAD_CALLS:-2000}" \
  ${PROXY_BENCH_SEND_ALLOWANCE:+-Dproxy.bench.send-allowance="$PROXY_BENCH_SEND_ALLOWANCE"} > "$LOG" 2>&1 || {
  tail -40 "$LOG"; exit 1; }
cat bootstrap/target/proxy-bench.txt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
