#!/usr/bin/env bash
# Shared rate budgets benchmark: hub instances on one database make contacts searches for N distinct locations
# (default 100) as fast as the budgets allow, against the simulator's HighLevel limits (100 per 10 s per location).
# Prints calls per second against the budget-limited maximum (goal: >= 90 %), HighLevel's 429s (goal: 0), the busiest
# sliding window of one location (goal: <= the budget) and the database statements per call.
# Usage: bench/budgets.sh [locations] [seconds] [hubs]
set -euo pipefail
cd "$(dirname "$0")/.."

LOCATIONS="${1:-100}"
SECONDS_RUN="${2:-30}"
HUBS="${3:-3}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
./mvnw -B -q -pl bootstrap -am verify -Dtest=BudgetBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dbudget.bench.locations="$LOCATIONS" -Dbudget.bench.seconds="$SECONDS_RUN" \
  -Dbudget.bench.hubs="$HUBS" > "${TMPDIR:-/tmp}/accesshub-budgets.log" 2>&1 || {
  tail -40 "${TMPDIR:-/tmp}/accesshub-budgets.log"; exit 1; }
cat bootstrap/target/budget-bench.txt
