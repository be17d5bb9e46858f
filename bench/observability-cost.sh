#!/usr/bin/env bash
# Cost of metrics and tracing on warm token reads: alternating runs of bench/token-api.sh with both off
# (ACCESSHUB_METRICS_ENABLED=false, no OTLP endpoint: no registry, no SDK), metrics only (Micrometer with the
# Prometheus registry, the default), and both on (metrics plus OpenTelemetry tracing every request, exported over
# OTLP/HTTP to a local sink that answers 200), then the median reads/s of each and the differences. The sink is a tiny
# Python HTTP server on BENCH_OTLP_PORT (18430). The order of the three rotates from round to round, so a trend in the
# machine's other load does not favour one of them. With BENCH_SAMPLED_RATIO set (e.g. 0.01) a fourth variant,
# "sampled", traces that share of requests (OTEL_TRACES_SAMPLER=parentbased_traceidratio) with metrics on.
# Usage: bench/observability-cost.sh [rounds] [duration] [connections]   (defaults 3, 15s, 32; BENCH_WARMUP,
# BENCH_HUB_PORT, BENCH_SIM_PORT as in token-api.sh). Pipe its output (2>&1 | tee file) rather than redirecting
# stderr to a file: each run's report is copied to stderr as it comes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-15s}"; CONNECTIONS="${3:-32}"
OTLP_PORT="${BENCH_OTLP_PORT:-18430}"
[ -f bootstrap/target/accesshub.jar ] || ./mvnw -B -q -DskipTests package

python3 - "$OTLP_PORT" <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200)
        self.send_header('Content-Type', 'application/x-protobuf')
        self.send_header('Content-Length', '0')
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
PY
SINK_PID=$!
trap 'kill $SINK_PID 2>/dev/null || true' EXIT

SAMPLED_RATIO="${BENCH_SAMPLED_RATIO:-}"
off=(); metrics=(); both=(); sampled=()
run() { # variant -> reads/s
  local settings=(ACCESSHUB_METRICS_ENABLED=true BENCH_HEALTH=false)
  [ "$1" = off ] && settings[0]=ACCESSHUB_METRICS_ENABLED=false
  [ "$1" = both ] && settings+=("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$OTLP_PORT")
  [ "$1" = sampled ] && settings+=("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$OTLP_PORT"
    OTEL_TRACES_SAMPLER=parentbased_traceidratio "OTEL_TRACES_SAMPLER_ARG=$SAMPLED_RATIO")
  echo "--- $1 ---" >&2
  env -u OTEL_EXPORTER_OTLP_ENDPOINT "${settings[@]}" bench/token-api.sh "$DURATION" "$CONNECTIONS" \
    | tee -a /dev/stderr | awk '/^Requests\/sec:/{r=$2} END{print r}'
}
record() {
  case "$1" in off) off+=("$2") ;; metrics) metrics+=("$2") ;; both) both+=("$2") ;; sampled) sampled+=("$2") ;; esac
}
variants=(off metrics both)
[ -n "$SAMPLED_RATIO" ] && variants+=(sampled)
n=${#variants[@]}
for i in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((n - 1))); do
    v="${variants[$(( (i - 1 + k) % n ))]}"
    record "$v" "$(run "$v")"
  done
  echo "round $i: off ${off[-1]}, metrics ${metrics[-1]}, metrics+tracing ${both[-1]}${SAMPLED_RATIO:+, sampled ${sampled[-1]}} reads/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_off="$(median "${off[@]}")"; m_metrics="$(median "${metrics[@]}")"; m_both="$(median "${both[@]}")"
echo "off:             ${off[*]} (median $m_off reads/s)"
echo "metrics:         ${metrics[*]} (median $m_metrics reads/s)"
echo "metrics+tracing: ${both[*]} (median $m_both reads/s)"
awk -v a="$m_off" -v m="$m_metrics" -v b="$m_both" 'BEGIN{
  printf "metrics cost: %.1f%%, metrics+tracing cost: %.1f%% of warm token-read throughput\n", 100*(a-m)/a, 100*(a-b)/a }'
if [ -n "$SAMPLED_RATIO" ]; then
  m_sampled="$(median "${sampled[@]}")"
  echo "sampled ($SAMPLED_RATIO): ${sampled[*]} (median $m_sampled reads/s)"
  awk -v a="$m_off" -v s="$m_sampled" -v r="$SAMPLED_RATIO" 'BEGIN{
    printf "metrics+tracing sampled at %s cost: %.1f%% of warm token-read throughput\n", r, 100*(a-s)/a }'
fi
