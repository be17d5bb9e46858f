#!/usr/bin/env bash
# Cost of the token-read audit on warm token reads: alternating runs of bench/token-api.sh with the audit off and on
# (ACCESSHUB_AUDIT_TOKEN_READS_ENABLED), then the median reads/s of each and the difference.
# Usage: bench/audit-cost.sh [rounds] [duration] [connections]   (defaults 3, 15s, 32; BENCH_WARMUP as in token-api.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-15s}"; CONNECTIONS="${3:-32}"
[ -f bootstrap/target/accesshub.jar ] || ./mvnw -B -q -DskipTests package
off=(); on=()
run() { # audit flag -> reads/s
  ACCESSHUB_AUDIT_TOKEN_READS_ENABLED="$1" BENCH_HEALTH=false bench/token-api.sh "$DURATION" "$CONNECTIONS" \
    | tee /dev/stderr | awk '/^Requests\/sec:/{r=$2} END{print r}'
}
for i in $(seq 1 "$ROUNDS"); do
  off+=("$(run false)"); on+=("$(run true)")
  echo "round $i: audit off ${off[-1]} reads/s, audit on ${on[-1]} reads/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_off="$(median "${off[@]}")"; m_on="$(median "${on[@]}")"
echo "audit off: ${off[*]} (median $m_off reads/s)"
echo "audit on:  ${on[*]} (median $m_on reads/s)"
awk -v a="$m_off" -v b="$m_on" 'BEGIN{printf "audit cost: %.1f%% of warm token-read throughput\n", 100*(a-b)/a}'
