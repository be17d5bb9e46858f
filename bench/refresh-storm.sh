#!/usr/bin/env bash
# Refresh storm benchmark: G grants fall due at the same moment and N hub instances sharing one real MariaDB server
# refresh them against the standalone HighLevel simulator with their proactive refresh schedulers.
#
# Usage: bench/refresh-storm.sh [grants=10000] [instances=3]
#
# What it does (everything under a temp dir, every process it starts is stopped at the end):
#  1. starts Debian's mariadb-server (apt-get installs it when missing) on BENCH_DB_PORT with database accesshub,
#     durable settings (innodb_flush_log_at_trx_commit=1) and per-user statistics (userstat=1);
#  2. starts the standalone simulator (ghl-simulator/target/ghl-simulator-*-all.jar) on BENCH_SIM_PORT;
#  3. starts N hub instances (bootstrap/target/accesshub.jar, demo mode off, one shared token keyset file and one
#     shared signing keyset file, the simulator's app configured as ACCESSHUB_APPS_BENCH_*) on BENCH_HUB_PORT,
#     +1, ...; the first one migrates;
#  4. seeds G location grants (bench/SeedGrants.java): the simulator issues a pair per new location
#     (POST /_sim/seed/location-grants) and the hub's own Tink cipher encrypts them into installation + token_grant
#     rows; one seeded grant is read back through the hub's token API to prove the hub decrypts them;
#  5. measures the idle load of the N instances for BENCH_IDLE_SECONDS, then makes every grant due at once
#     (access_token_expires_at = now + 10 min, inside the 30 min refresh window) and polls until every grant has
#     last_refreshed_at after that moment;
#  6. prints the time to refresh all, the presentations per grant and the invariants from the simulator, the hub's
#     end state and the database load (global status and the hub user's statistics).
#
# Environment: BENCH_DB_PORT (3317), BENCH_HUB_PORT (18181, first instance), BENCH_SIM_PORT (18190),
# BENCH_REFRESH_INTERVAL (1s, ACCESSHUB_REFRESH_SCHEDULER_INTERVAL of every instance), BENCH_TIMEOUT (1800 s),
# BENCH_IDLE_SECONDS (10), BENCH_JAVA_OPTS (-Xmx768m per hub), BENCH_LOG_LEVEL (WARN), BENCH_SIM_GRACE_SECONDS (30),
# BENCH_KEEP=1 keeps the temp dir (logs, summary). Any ACCESSHUB_* variable you export reaches every instance
# (e.g. ACCESSHUB_REFRESH_POOL_SIZE, ACCESSHUB_REFRESH_BATCH_SIZE, ACCESSHUB_DB_POOL_SIZE).
set -euo pipefail
cd "$(dirname "$0")/.."

GRANTS="${1:-10000}"
INSTANCES="${2:-3}"
DB_PORT="${BENCH_DB_PORT:-3317}"
HUB_PORT="${BENCH_HUB_PORT:-18181}"
SIM_PORT="${BENCH_SIM_PORT:-18190}"
INTERVAL="${BENCH_REFRESH_INTERVAL:-1s}"
TIMEOUT="${BENCH_TIMEOUT:-1800}"
IDLE_SECONDS="${BENCH_IDLE_SECONDS:-10}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx768m}"
LOG_LEVEL="${BENCH_LOG_LEVEL:-WARN}"
GRACE="${BENCH_SIM_GRACE_SECONDS:-30}"
WORK="$(mktemp -d /tmp/accesshub-storm-XXXXXX)"
SOCK="$WORK/mariadb.sock"
JAR=bootstrap/target/accesshub.jar
PIDS=()
DB_PID=""
OK=0

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$DB_PID" ]; then kill "$DB_PID" 2>/dev/null || true; wait "$DB_PID" 2>/dev/null || true; fi
  if [ "$OK" != 1 ]; then
    echo "--- benchmark failed; last log lines (all logs in $WORK) ---" >&2
    for f in "$WORK"/*.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -15 "$f" >&2; }; done
  elif [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "logs and summary kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

sql() { mariadb -uroot -S "$SOCK" -N -B -e "$1" accesshub; }

# ------------------------------------------------------------------ prerequisites
command -v mariadbd >/dev/null 2>&1 || { log "installing mariadb-server (Debian package)"; apt-get install -y -q mariadb-server >/dev/null; }
command -v jq >/dev/null 2>&1 || { log "installing jq (Debian package)"; apt-get install -y -q jq >/dev/null; }
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
SIM_JAR="$(ls ghl-simulator/target/ghl-simulator-*-all.jar 2>/dev/null | head -1 || true)"
if [ -z "$SIM_JAR" ] || [ -n "$(find ghl-simulator/src/main -newer "$SIM_JAR" -type f | head -1)" ]; then
  log "building the standalone simulator"
  ./mvnw -B -q -pl ghl-simulator -DskipTests package
  SIM_JAR="$(ls ghl-simulator/target/ghl-simulator-*-all.jar | head -1)"
fi
for port in "$DB_PORT" "$SIM_PORT" $(seq "$HUB_PORT" $((HUB_PORT + INSTANCES - 1))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done
mkdir -p "$WORK/classes"
javac -nowarn -cp "$JAR" -d "$WORK/classes" bench/SeedGrants.java > "$WORK/javac.log" 2>&1
seedtool() { java -cp "$JAR:$WORK/classes" SeedGrants "$@"; }

MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), $(mariadbd --version | sed 's/.*Ver //; s/ for.*//')"
log "machine: $MACHINE"
log "storm: $GRANTS grants, $INSTANCES instances, scheduler interval $INTERVAL; work dir $WORK"

# ------------------------------------------------------------------ MariaDB
log "starting MariaDB on port $DB_PORT"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/db" --auth-root-authentication-method=normal \
  > "$WORK/mariadb-install.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$WORK/db" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --socket="$SOCK" --pid-file="$WORK/mariadb.pid" --log-error="$WORK/mariadb.log" \
  --innodb-flush-log-at-trx-commit=1 --innodb-buffer-pool-size=256M --max-connections=500 \
  --skip-name-resolve --userstat=1 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
  2>> "$WORK/mariadb.log" &
DB_PID=$!
for _ in $(seq 1 60); do mariadb -uroot -S "$SOCK" -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
mariadb -uroot -S "$SOCK" -e "CREATE DATABASE accesshub CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
  CREATE USER 'hub'@'127.0.0.1' IDENTIFIED BY 'hubpw'; GRANT ALL ON accesshub.* TO 'hub'@'127.0.0.1';"
DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/accesshub?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&characterEncoding=UTF-8"

# ------------------------------------------------------------------ simulator
log "starting the simulator on port $SIM_PORT (grace window ${GRACE}s)"
REDIRECTS="$(for i in $(seq 0 $((INSTANCES - 1))); do printf 'http://localhost:%s/oauth/callback,' $((HUB_PORT + i)); done)"
GHL_SIM_PORT="$SIM_PORT" GHL_SIM_LOCATIONS=0 GHL_SIM_GRACE_SECONDS="$GRACE" GHL_SIM_REDIRECT_URIS="${REDIRECTS%,}" \
  java -Xmx1g -jar "$SIM_JAR" > "$WORK/simulator.log" 2>&1 &
PIDS+=($!)
SIM="http://127.0.0.1:$SIM_PORT"
for _ in $(seq 1 60); do curl -sf "$SIM/_sim/clock" >/dev/null && break; sleep 0.5; done

# ------------------------------------------------------------------ hub instances
seedtool keyset "$WORK/keyset.json" >/dev/null
seedtool signing-keyset "$WORK/signing-keyset.json" >/dev/null
eval "$(seedtool app-env)"
API_KEY="bench_$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
API_KEY_HASH="$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)"
start_hub() {
  local port=$1
  ACCESSHUB_PORT="$port" ACCESSHUB_DATA_DIR="$WORK/hub-$port" ACCESSHUB_DEMO_ENABLED=false \
  DATASOURCES_DEFAULT_URL="$DB_URL" DATASOURCES_DEFAULT_USERNAME=hub DATASOURCES_DEFAULT_PASSWORD=hubpw \
  ACCESSHUB_TOKEN_ENCRYPTION_KEYSET_FILE="$WORK/keyset.json" ACCESSHUB_SIGNING_KEYSET_FILE="$WORK/signing-keyset.json" \
  ACCESSHUB_HIGHLEVEL_API_BASE_URL="$SIM" ACCESSHUB_HIGHLEVEL_AUTHORIZATION_URL="$SIM/v2/oauth/chooselocation" \
  ACCESSHUB_APPS_BENCH_CLIENT_ID="$BENCH_APP_CLIENT_ID" ACCESSHUB_APPS_BENCH_CLIENT_SECRET="$BENCH_APP_CLIENT_SECRET" \
  ACCESSHUB_APPS_BENCH_SCOPES="$BENCH_APP_SCOPES" ACCESSHUB_APPS_BENCH_REDIRECT_URI="http://localhost:$port/oauth/callback" \
  ACCESSHUB_API_KEYS="bench:$API_KEY_HASH:tokens:read+installations:read+admin" \
  ACCESSHUB_REFRESH_SCHEDULER_INTERVAL="$INTERVAL" ACCESSHUB_REFRESH_SCHEDULER_INITIAL_DELAY=1s \
  ACCESSHUB_LOG_LEVEL="$LOG_LEVEL" \
    java $JAVA_OPTS -jar "$JAR" > "$WORK/hub-$port.log" 2>&1 &
  PIDS+=($!)
}
await_hub() {
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/health/readiness" >/dev/null && return 0; sleep 0.5; done
  echo "hub on port $1 did not become ready" >&2; return 1
}
log "starting hub 1 (runs the Liquibase migration)"
start_hub "$HUB_PORT"
await_hub "$HUB_PORT"
if [ "$INSTANCES" -gt 1 ]; then
  log "starting hubs 2..$INSTANCES"
  for i in $(seq 1 $((INSTANCES - 1))); do start_hub $((HUB_PORT + i)); done
  for i in $(seq 1 $((INSTANCES - 1))); do await_hub $((HUB_PORT + i)); done
fi

# ------------------------------------------------------------------ seed
log "seeding $GRANTS grants (simulator pairs, encrypted with the hub's cipher)"
seedtool seed sim="$SIM" db="$DB_URL" user=hub password=hubpw keyset="$WORK/keyset.json" count="$GRANTS" \
  > "$WORK/seed.log" 2>&1
grep -E "^seeded .* in " "$WORK/seed.log"
read -r SAMPLE_LOCATION SAMPLE_TOKEN < <(sed -n 's/^sample=//p' "$WORK/seed.log")
SERVED="$(curl -sf -H "Authorization: Bearer $API_KEY" \
  "http://127.0.0.1:$HUB_PORT/api/v1/locations/$SAMPLE_LOCATION/access-token" | jq -r .accessToken)"
[ "$SERVED" = "$SAMPLE_TOKEN" ] || { echo "the hub did not serve the seeded token of $SAMPLE_LOCATION" >&2; exit 1; }
log "hub serves the seeded token of $SAMPLE_LOCATION: seeded rows decrypt"
[ "$(sql "SELECT COUNT(*) FROM token_grant")" = "$GRANTS" ] || { echo "seeded row count differs" >&2; exit 1; }

# ------------------------------------------------------------------ load accounting
snapshot() { # $1 = file prefix: global status and the hub user's statistics
  mariadb -uroot -S "$SOCK" -N -B -e "SHOW GLOBAL STATUS" > "$1.status"
  mariadb -uroot -S "$SOCK" -N -B -e "SELECT 'SELECT_COMMANDS', SELECT_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'UPDATE_COMMANDS', UPDATE_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'OTHER_COMMANDS', OTHER_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'COMMIT_TRANSACTIONS', COMMIT_TRANSACTIONS FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'ROLLBACK_TRANSACTIONS', ROLLBACK_TRANSACTIONS FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'ROWS_READ', ROWS_READ FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'ROWS_UPDATED', ROWS_UPDATED FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'BUSY_TIME', BUSY_TIME FROM information_schema.USER_STATISTICS WHERE USER='hub'
    UNION ALL SELECT 'CPU_TIME', CPU_TIME FROM information_schema.USER_STATISTICS WHERE USER='hub'" > "$1.user"
  date +%s.%N > "$1.time"
}
delta() { # $1 = before prefix, $2 = after prefix, $3 = status|user, $4 = name
  awk -v k="$4" 'NR==FNR { if ($1==k) b=$2; next } $1==k { printf "%.10g", $2-b }' "$1.$3" "$2.$3"
}
seconds() { awk -v a="$(cat "$1.time")" -v b="$(cat "$2.time")" 'BEGIN { printf "%.3f", b-a }'; }
per() { awk -v n="$1" -v d="$2" 'BEGIN { if (d > 0) printf "%.1f", n/d; else print "-" }'; }

log "measuring the idle load of $INSTANCES instances for ${IDLE_SECONDS}s"
snapshot "$WORK/idle0"; sleep "$IDLE_SECONDS"; snapshot "$WORK/idle1"
IDLE_SECS="$(seconds "$WORK/idle0" "$WORK/idle1")"
IDLE_HUB_STMTS="$(awk -v s="$(delta "$WORK/idle0" "$WORK/idle1" user SELECT_COMMANDS)" \
  -v u="$(delta "$WORK/idle0" "$WORK/idle1" user UPDATE_COMMANDS)" -v o="$(delta "$WORK/idle0" "$WORK/idle1" user OTHER_COMMANDS)" \
  'BEGIN { print s+u+o }')"
IDLE_RATE="$(per "$IDLE_HUB_STMTS" "$IDLE_SECS")"

# ------------------------------------------------------------------ the storm
curl -sf "$SIM/_sim/invariants" > "$WORK/invariants-before.json"
snapshot "$WORK/s0"
T0="$(sql "SET @t0 = UTC_TIMESTAMP(6); UPDATE token_grant SET access_token_expires_at = @t0 + INTERVAL 10 MINUTE, next_refresh_at = @t0; SELECT @t0;")"
START="$(date +%s.%N)"
log "all $GRANTS grants due at $T0 (UTC, database clock); waiting for the schedulers"
DONE=0; HALF=""; NINETY=""; LAST_PRINT=0; PEAK_RUNNING=0
while :; do
  sleep 1
  # refreshed grants moved their expiry about 24 h ahead: counted on the expiry index, so polling stays cheap
  read -r DONE RUNNING < <(mariadb -uroot -S "$SOCK" -N -B -e "SELECT (SELECT COUNT(*) FROM token_grant
    WHERE access_token_expires_at > '$T0' + INTERVAL 1 HOUR), (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
    WHERE VARIABLE_NAME='THREADS_RUNNING')" accesshub)
  [ "$RUNNING" -gt "$PEAK_RUNNING" ] && PEAK_RUNNING="$RUNNING"
  NOW="$(date +%s.%N)"; ELAPSED="$(awk -v a="$START" -v b="$NOW" 'BEGIN { printf "%.1f", b-a }')"
  [ -z "$HALF" ] && [ $((DONE * 2)) -ge "$GRANTS" ] && HALF="$ELAPSED"
  [ -z "$NINETY" ] && [ $((DONE * 10)) -ge $((GRANTS * 9)) ] && NINETY="$ELAPSED"
  if [ "$DONE" -ge "$GRANTS" ]; then break; fi
  if awk -v e="$ELAPSED" -v t="$TIMEOUT" 'BEGIN { exit !(e > t) }'; then log "timeout after ${TIMEOUT}s"; break; fi
  if awk -v e="$ELAPSED" -v l="$LAST_PRINT" 'BEGIN { exit !(e - l >= 10) }'; then
    log "  ${ELAPSED}s: $DONE / $GRANTS refreshed"; LAST_PRINT="$ELAPSED"
  fi
done
snapshot "$WORK/s1"
DONE="$(sql "SELECT COUNT(*) FROM token_grant WHERE last_refreshed_at >= '$T0'")"
STORM_SECS="$(seconds "$WORK/s0" "$WORK/s1")"
# the exact span from the moment the grants fell due to the last stored refresh (database timestamps)
SPAN="$(sql "SELECT TIMESTAMPDIFF(MICROSECOND, '$T0', MAX(last_refreshed_at)) / 1e6,
  TIMESTAMPDIFF(MICROSECOND, '$T0', MIN(last_refreshed_at)) / 1e6 FROM token_grant WHERE last_refreshed_at >= '$T0'")"
read -r LAST_AT FIRST_AT <<< "$SPAN"
sleep 2   # let late duplicates, if any, reach the simulator before it is asked
curl -sf "$SIM/_sim/presentations/summary" > "$WORK/presentations-summary.json"
curl -sf "$SIM/_sim/invariants" > "$WORK/invariants.json"

# ------------------------------------------------------------------ report
d() { delta "$WORK/s0" "$WORK/s1" "$1" "$2"; }
HUB_SELECT="$(d user SELECT_COMMANDS)"; HUB_UPDATE="$(d user UPDATE_COMMANDS)"; HUB_OTHER="$(d user OTHER_COMMANDS)"
HUB_STMTS="$(awk -v a="$HUB_SELECT" -v b="$HUB_UPDATE" -v c="$HUB_OTHER" 'BEGIN { print a+b+c }')"
HUB_STORM_ONLY="$(awk -v t="$HUB_STMTS" -v r="$IDLE_RATE" -v s="$STORM_SECS" 'BEGIN { v = t - r*s; print (v < 0 ? 0 : v) }')"
STATUS_LINES="$(sql "SELECT CONCAT(status, '=', COUNT(*)) FROM installation GROUP BY status" | paste -sd' ')"
FENCES="$(sql "SELECT CONCAT(refresh_fence, ':', COUNT(*)) FROM token_grant GROUP BY refresh_fence ORDER BY refresh_fence" | paste -sd' ')"
LEFTOVERS="$(sql "SELECT CONCAT('attempt_in_flight=', SUM(attempt_in_flight), ' consecutive_failures>0=', SUM(consecutive_failures > 0),
  ' lease_held=', SUM(lease_owner IS NOT NULL), ' not_refreshed=', SUM(last_refreshed_at IS NULL OR last_refreshed_at < '$T0')) FROM token_grant")"
OUTBOX="$(sql "SELECT COUNT(*) FROM lifecycle_outbox")"
HUB_WARNINGS="$(cat "$WORK"/hub-*.log | grep -cE ' (WARN|ERROR) ' || true)"
S="$WORK/presentations-summary.json"; I="$WORK/invariants.json"
com_deltas() { # every Com_* counter that moved, largest first
  awk 'NR==FNR { b[$1]=$2; next } $1 ~ /^Com_/ && $2-b[$1] > 0 { print $2-b[$1], substr($1,5) }' \
    "$WORK/s0.status" "$WORK/s1.status" | sort -rn | head -8 | awk '{ printf "%s%s=%s", (NR>1?" ":""), $2, $1 }'
}

{
echo
echo "=================== refresh storm: $GRANTS grants, $INSTANCES hub instances, one MariaDB ==================="
echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)    machine: $MACHINE"
echo "command:  bench/refresh-storm.sh $GRANTS $INSTANCES   (scheduler interval $INTERVAL, simulator grace ${GRACE}s)"
echo
echo "-- time (from the moment every grant fell due; database timestamps)"
echo "   first refresh stored after    ${FIRST_AT:-?} s"
echo "   50% / 90% refreshed after     ${HALF:-?} s / ${NINETY:-?} s (polled every 1 s)"
echo "   all refreshed after           ${LAST_AT:-?} s   ($DONE of $GRANTS; $(per "$DONE" "${LAST_AT:-0}") refreshes/s)"
echo
echo "-- HighLevel simulator"
echo "   refresh presentations          $(jq .refreshPresentations "$S")   by outcome $(jq -c .refreshPresentationsByOutcome "$S")"
echo "   presentations per grant        $(jq -c .refreshPresentationsPerResource "$S")   (presentations -> grants)"
echo "   accepted refreshes per grant   $(jq -c .acceptedRefreshesPerResource "$S")"
echo "   refresh tokens accepted twice  $(jq '.refreshTokensAcceptedMoreThanOnce | length' "$I")   reused outside grace: $(jq '.refreshTokensReusedOutsideGrace | length' "$I")"
echo "   invalid_grant answers          $(jq .invalidGrantTotal "$I")   grace replays: $(jq .graceReplays "$I")   429s: $(jq .tooManyRequests "$I")"
echo "   requests per endpoint          $(jq -c .requestsPerEndpoint "$I")"
echo
echo "-- hub end state"
echo "   installations                  $STATUS_LINES"
echo "   token_grant                    $LEFTOVERS"
echo "   leases taken per grant         $FENCES   (refresh_fence: grants)"
echo "   lifecycle_outbox rows          $OUTBOX    WARN/ERROR log lines: $HUB_WARNINGS"
echo
echo "-- database load during the storm (${STORM_SECS} s from the moment due until all refreshed)"
echo "   hub user statements            $HUB_STMTS = select $HUB_SELECT + update/insert $HUB_UPDATE + other $HUB_OTHER ($(per "$HUB_STMTS" "$STORM_SECS")/s)"
echo "   hub commits / rollbacks        $(d user COMMIT_TRANSACTIONS) / $(d user ROLLBACK_TRANSACTIONS)"
echo "   hub rows read / updated        $(d user ROWS_READ) / $(d user ROWS_UPDATED)"
echo "   hub server busy / CPU time     $(d user BUSY_TIME) s / $(d user CPU_TIME) s"
echo "   idle load of $INSTANCES instances        ${IDLE_RATE} statements/s (schedulers polling, measured ${IDLE_SECS} s before)"
echo "   statements per refresh         $(per "$HUB_STORM_ONLY" "$GRANTS") (storm minus idle load, per grant)"
echo "   global Questions               $(d status Questions) ($(per "$(d status Questions)" "$STORM_SECS")/s; includes this script's poll, 1/s)"
echo "   statements by kind (Com_*)     $(com_deltas)"
echo "   InnoDB fsyncs / log writes     $(d status Innodb_data_fsyncs) / $(d status Innodb_log_writes)  ($(per "$(d status Innodb_data_fsyncs)" "$STORM_SECS") fsyncs/s, $(d status Innodb_os_log_written) redo bytes)"
echo "   connections: max used          $(awk '$1=="Max_used_connections" {print $2}' "$WORK/s1.status")   peak Threads_running (1 s samples): $PEAK_RUNNING"
echo "=========================================================================================================="
} | tee "$WORK/summary.txt"

OK=1
if [ "$DONE" -lt "$GRANTS" ]; then
  echo "not every grant was refreshed within ${TIMEOUT}s" >&2
  BENCH_KEEP=1
  exit 2
fi
